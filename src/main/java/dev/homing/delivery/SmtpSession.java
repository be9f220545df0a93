package dev.homing.delivery;

import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.ReplyException;
import dev.homing.smtp.ReplyReader;
import dev.homing.smtp.Stage;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One SMTP client connection to one MX host: greeting, EHLO (HELO fallback), opportunistic or
 * required STARTTLS, then any number of one-recipient transactions, pipelined (RFC 2920) when the
 * server offers it. Every reply is kept with its stage and timing. A failure without a reply
 * becomes an internal-code reply (160, 146, 147, 148, 161-165, 180, 181) so it can be judged like
 * any other. Blocking I/O: meant to run on a virtual thread, one per connection.
 */
final class SmtpSession implements AutoCloseable {
    private final InetSocketAddress address;
    private final String mxName;
    private final ClientSettings settings;
    private Socket socket;
    /** The time limit of the read or write under way (see {@link Deadlines}: no socket timeouts on the hot path). */
    private Deadlines.Watch watch;
    private ReplyReader reader;
    private OutputStream out;
    private final Set<String> extensions = new HashSet<>();
    private long sizeLimit;
    private boolean tls;
    private String tlsNote;
    private boolean usable = true;
    private int transactions;
    private long connectMs;
    /** What each command of the stage under way said, kept for the step its reply makes (both sides in the transcript). */
    private final java.util.EnumMap<Stage, String> said = new java.util.EnumMap<>(Stage.class);
    private Opening opening;

    private SmtpSession(InetSocketAddress address, String mxName, ClientSettings settings) {
        this.address = address;
        this.mxName = mxName;
        this.settings = settings;
    }

    /** Connects, reads the greeting, says EHLO and starts TLS as the policy says. */
    static SmtpSession open(InetSocketAddress address, String mxName, ClientSettings settings, TlsPolicy policy,
                            SSLSocketFactory tlsFactory) throws SessionFailure {
        List<Step> steps = new ArrayList<>(4);
        Timeouts t = settings.timeouts();
        long start = System.nanoTime();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, millis(t.connect()));
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw fail(Stage.CONNECT, InternalCode.CONNECT_TIMEOUT, "no TCP connection to " + describe(mxName, address)
                    + " within " + t.connect().toSeconds() + " s", steps, start);
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw fail(Stage.CONNECT, InternalCode.NO_ROUTE, describe(mxName, address), steps, start);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw fail(Stage.CONNECT, InternalCode.CONNECTION_REFUSED, describe(mxName, address), steps, start);
        } catch (IOException e) {
            closeQuietly(socket);
            throw fail(Stage.CONNECT, InternalCode.CONNECTION_LOST, describe(mxName, address) + ": " + e.getMessage(), steps, start);
        }
        SmtpSession s = new SmtpSession(address, mxName, settings);
        try {
            s.attach(socket);
            Reply banner = s.readAs(Stage.BANNER, t.banner(), steps, start);
            if (banner.code() != 220) {
                s.quitQuietly();
                throw new SessionFailure(Stage.BANNER, banner, steps);
            }
            s.hello(steps);
            if (policy != TlsPolicy.NONE) {
                s.startTls(policy, tlsFactory, steps);
            }
            s.connectMs = (System.nanoTime() - start) / 1_000_000;
            Step hello = null;
            for (Step step : steps) {
                if ((step.stage() == Stage.EHLO || step.stage() == Stage.HELO) && step.reply().isPositive()) {
                    hello = step;
                }
            }
            s.opening = new Opening("connected to " + describe(mxName, address) + " in " + s.connectMs + " ms", List.copyOf(steps),
                    s.tlsNote, hello);
            return s;
        } catch (SessionFailure f) {
            s.close();
            throw f;
        }
    }

    private void attach(Socket s) throws SessionFailure {
        this.socket = s;
        // the plain socket, also after STARTTLS: closing it never blocks (an SSLSocket's close may wait to send
        // close_notify behind a stalled write) and fails the TLS layer's reads and writes with it
        watch = Deadlines.watch(s);
        try {
            this.reader = new ReplyReader(new BufferedInputStream(s.getInputStream(), 8192));
            this.out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        } catch (IOException e) {
            throw new SessionFailure(Stage.CONNECT, InternalCode.CONNECTION_LOST.asReply(e.getMessage()), List.of());
        }
    }

    private void hello(List<Step> steps) throws SessionFailure {
        Timeouts t = settings.timeouts();
        long at = System.nanoTime();
        command("EHLO " + settings.helo(), Stage.EHLO, steps);
        Reply ehlo = readAs(Stage.EHLO, t.command(), steps, at);
        if (ehlo.isPositive()) {
            parseExtensions(ehlo);
            return;
        }
        if (ehlo.isTransient()) {
            quitQuietly();
            throw new SessionFailure(Stage.EHLO, ehlo, steps);
        }
        // RFC 5321 3.2: a server that does not know EHLO answers 5xx; fall back to HELO
        at = System.nanoTime();
        command("HELO " + settings.helo(), Stage.HELO, steps);
        Reply helo = readAs(Stage.HELO, t.command(), steps, at);
        if (!helo.isPositive()) {
            quitQuietly();
            throw new SessionFailure(Stage.HELO, helo, steps);
        }
        extensions.clear();
    }

    private void parseExtensions(Reply ehlo) {
        extensions.clear();
        sizeLimit = 0;
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).trim().split("\\s+");
            String kw = words[0].toUpperCase(Locale.ROOT);
            extensions.add(kw);
            if (kw.equals("SIZE") && words.length > 1) {
                try {
                    sizeLimit = Long.parseLong(words[1]);
                } catch (NumberFormatException ignored) {
                    sizeLimit = 0;
                }
            }
        }
    }

    private void startTls(TlsPolicy policy, SSLSocketFactory factory, List<Step> steps) throws SessionFailure {
        if (!extensions.contains("STARTTLS")) {
            if (policy == TlsPolicy.REQUIRED) {
                quitQuietly();
                throw new SessionFailure(Stage.STARTTLS, InternalCode.TLS_REQUIRED.asReply(mxName), steps);
            }
            return;
        }
        long at = System.nanoTime();
        command("STARTTLS", Stage.STARTTLS, steps);
        Reply r = readAs(Stage.STARTTLS, settings.timeouts().command(), steps, at);
        if (r.code() != 220) {
            if (policy == TlsPolicy.REQUIRED) {
                quitQuietly();
                throw new SessionFailure(Stage.STARTTLS, r, steps);
            }
            return; // opportunistic: carry on in plain text
        }
        try {
            SSLSocket ssl = (SSLSocket) factory.createSocket(socket, mxName, address.getPort(), true);
            ssl.setSoTimeout(millis(settings.timeouts().command()));
            ssl.startHandshake();
            ssl.setSoTimeout(0); // from here on the watch keeps the time limits
            socket = ssl;
            reader = new ReplyReader(new BufferedInputStream(ssl.getInputStream(), 8192));
            out = new BufferedOutputStream(ssl.getOutputStream(), 16 * 1024);
            tls = true;
            javax.net.ssl.SSLSession session = ssl.getSession();
            tlsNote = "TLS " + session.getProtocol() + " " + session.getCipherSuite();
        } catch (IOException e) {
            closeQuietly(socket);
            throw new SessionFailure(Stage.STARTTLS, InternalCode.TLS_FAILED.asReply(e.getMessage()), steps);
        }
        hello(steps); // RFC 3207: forget what was said before TLS and ask again
    }

    long connectMs() {
        return connectMs;
    }

    /**
     * How the connection opened, for the transcripts of the messages it carries.
     *
     * @param connected "connected to HOST [IP]:PORT in N ms"
     * @param steps     greeting, EHLO (or HELO), STARTTLS and the EHLO after it
     * @param tls       "TLS TLSv1.3 TLS_AES_256_GCM_SHA384", or null without TLS
     * @param hello     the last positive EHLO or HELO, whose capabilities the messages were sent under
     */
    record Opening(String connected, List<Step> steps, String tls, Step hello) {
    }

    Opening opening() {
        return opening;
    }

    String mxName() {
        return mxName;
    }

    String mxIp() {
        return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }

    boolean tls() {
        return tls;
    }

    boolean offers(String extension) {
        return extensions.contains(extension);
    }

    int transactions() {
        return transactions;
    }

    boolean usable() {
        return usable && transactions < settings.maxPerConnection();
    }

    /** What the caller does between the data and the dot: make durable that the dot may be sent. */
    interface DotGate {
        void beforeDot() throws Exception;
    }

    /** Sends one message to one recipient. Never throws: every outcome is a {@link Transaction}. */
    Transaction send(String from, String recipient, Payload payload, DotGate gate) {
        transactions++;
        long start = System.nanoTime();
        List<Step> steps = new ArrayList<>(4);
        Timeouts t = settings.timeouts();
        boolean utf8 = !isAscii(from) || !isAscii(recipient);
        if (utf8 && !offers("SMTPUTF8")) {
            return local(InternalCode.EXTENSION_MISSING, "the address needs SMTPUTF8, which " + mxName + " does not offer", steps, start);
        }
        if (payload.eightBitHeaders()) {
            // RFC 6532 headers are only for a server that offers SMTPUTF8 (RFC 6531 3.4); 8BITMIME is for the body
            if (!offers("SMTPUTF8")) {
                return local(InternalCode.EXTENSION_MISSING, "the message's " + payload.eightBitHeader() + " header has 8-bit (UTF-8) text,"
                        + " which needs SMTPUTF8, and " + mxName + " does not offer it: write that header as an RFC 2047 encoded-word"
                        + " (=?UTF-8?B?...?=), as campaigns do", steps, start);
            }
            utf8 = true;
        }
        if (payload.eightBit() && !offers("8BITMIME")) {
            return local(InternalCode.EXTENSION_MISSING, "the message has 8-bit content and " + mxName + " does not offer 8BITMIME", steps, start);
        }
        if (sizeLimit > 0 && payload.wire().length > sizeLimit) {
            return local(InternalCode.MESSAGE_TOO_BIG, payload.wire().length + " bytes, " + mxName + " accepts " + sizeLimit, steps, start);
        }
        StringBuilder mail = new StringBuilder(80).append("MAIL FROM:<").append(from).append('>');
        if (offers("SIZE")) {
            mail.append(" SIZE=").append(payload.wire().length);
        }
        if (payload.eightBit()) {
            mail.append(" BODY=8BITMIME");
        }
        if (utf8) {
            mail.append(" SMTPUTF8");
        }
        String rcpt = "RCPT TO:<" + recipient + ">";
        try {
            Reply mailReply;
            Reply rcptReply;
            Reply dataReply;
            if (offers("PIPELINING")) {
                // RFC 2920: MAIL, RCPT and DATA in one packet, then the three replies in order
                write(mail + "\r\n" + rcpt + "\r\nDATA\r\n");
                out.flush();
                said.put(Stage.MAIL, mail.toString());
                said.put(Stage.RCPT, rcpt);
                said.put(Stage.DATA, "DATA");
                long at = System.nanoTime();
                mailReply = read(Stage.MAIL, t.mail(), steps, at);
                if (mailReply.code() == 421) {
                    return ended(Stage.MAIL, mailReply, steps, start); // closing: no more replies will come
                }
                try {
                    rcptReply = read(Stage.RCPT, t.rcpt(), steps, at);
                    if (rcptReply.code() == 421) {
                        return ended(Stage.RCPT, rcptReply, steps, start);
                    }
                    dataReply = read(Stage.DATA, t.data(), steps, at);
                } catch (SessionFailure f) {
                    // a server that refused MAIL may hang up before answering the rest: its refusal is the answer
                    if (!mailReply.isPositive()) {
                        return new Transaction(Stage.MAIL, mailReply, steps, since(start), false);
                    }
                    throw f;
                }
            } else {
                mailReply = exchange(mail.toString(), Stage.MAIL, t.mail(), steps);
                if (!mailReply.isPositive()) {
                    return ended(Stage.MAIL, mailReply, steps, start);
                }
                rcptReply = exchange(rcpt, Stage.RCPT, t.rcpt(), steps);
                if (!rcptReply.isPositive()) {
                    return ended(Stage.RCPT, rcptReply, steps, start);
                }
                dataReply = exchange("DATA", Stage.DATA, t.data(), steps);
            }
            if (!mailReply.isPositive() || !rcptReply.isPositive()) {
                if (dataReply.code() == 354) {
                    // a server that said go ahead without a valid recipient: end the empty message
                    write(".\r\n");
                    out.flush();
                    said.put(Stage.DOT, ".");
                    read(Stage.DOT, t.dot(), steps, System.nanoTime());
                }
                return mailReply.isPositive() ? ended(Stage.RCPT, rcptReply, steps, start) : ended(Stage.MAIL, mailReply, steps, start);
            }
            if (dataReply.code() != 354) {
                return ended(Stage.DATA, dataReply, steps, start);
            }
            writeBody(payload);
            try {
                gate.beforeDot();
            } catch (Exception e) {
                usable = false;
                close();
                return local(InternalCode.LOCAL_ERROR, "journal: " + e.getMessage(), steps, start);
            }
            long at = System.nanoTime();
            try {
                write(".\r\n");
                out.flush();
                said.put(Stage.DOT, "[" + payload.wire().length + " bytes of message]\r\n.");
                Reply fin = readAs(Stage.DOT, t.dot(), steps, at);
                if (fin.code() == 421) {
                    usable = false;
                }
                return new Transaction(Stage.DOT, fin, steps, since(start), usable);
            } catch (SessionFailure f) {
                usable = false;
                close();
                // whatever went wrong after the dot, the server may have the message: never a safe retry
                InternalCode code = f.reply().code() == InternalCode.DOT_TIMEOUT.code() ? InternalCode.DOT_TIMEOUT : InternalCode.DOT_CONNECTION_LOST;
                Reply r = code == InternalCode.DOT_TIMEOUT ? f.reply() : code.asReply(f.reply().text());
                return new Transaction(Stage.DOT, r, steps, since(start), false);
            } catch (IOException e) {
                usable = false;
                close();
                return new Transaction(Stage.DOT, InternalCode.DOT_CONNECTION_LOST.asReply(e.getMessage()), steps, since(start), false);
            }
        } catch (SessionFailure f) {
            usable = false;
            close();
            return new Transaction(f.stage(), f.reply(), steps, since(start), false);
        } catch (IOException e) {
            usable = false;
            close();
            Stage stage = steps.isEmpty() ? Stage.MAIL : steps.get(steps.size() - 1).stage();
            return new Transaction(stage, InternalCode.CONNECTION_LOST.asReply(e.getMessage()), steps, since(start), false);
        }
    }

    /** Ends a failed transaction: RSET so the connection can carry the next message. */
    private Transaction ended(Stage stage, Reply reply, List<Step> steps, long start) {
        if (reply.code() == 421) {
            usable = false;
            close();
        } else {
            reset();
        }
        return new Transaction(stage, reply, steps, since(start), usable);
    }

    private Transaction local(InternalCode code, String detail, List<Step> steps, long start) {
        return new Transaction(Stage.MAIL, code.asReply(detail), steps, since(start), usable);
    }

    private void reset() {
        try {
            exchange("RSET", Stage.RSET, settings.timeouts().command(), new ArrayList<>(1));
        } catch (SessionFailure | IOException e) {
            usable = false;
            close();
        }
    }

    private void writeBody(Payload payload) throws IOException, SessionFailure {
        watch.arm(settings.timeouts().dataBlock());
        IOException failed = null;
        try {
            out.write(payload.wire());
        } catch (IOException e) {
            failed = e;
        }
        // fired, whether the write failed or its last block went out as the limit passed (the socket is closed
        // either way): no dot was sent, so it is a stalled transfer, safe to retry
        if (watch.disarm()) {
            usable = false;
            throw new SessionFailure(Stage.DATA, InternalCode.DIALOG_TIMEOUT.asReply(
                    "the server stopped reading the message for " + settings.timeouts().dataBlock().toSeconds() + " s"), List.of());
        }
        if (failed != null) {
            throw failed;
        }
    }

    private Reply exchange(String cmd, Stage stage, Duration timeout, List<Step> steps) throws IOException, SessionFailure {
        write(cmd + "\r\n");
        out.flush();
        said.put(stage, cmd);
        return read(stage, timeout, steps, System.nanoTime());
    }

    private void command(String cmd, Stage stage, List<Step> steps) throws SessionFailure {
        said.put(stage, cmd);
        try {
            write(cmd + "\r\n");
            out.flush();
        } catch (IOException e) {
            closeQuietly(socket);
            steps.add(new Step(stage, said.remove(stage), InternalCode.CONNECTION_LOST.asReply(e.getMessage()), 0));
            throw new SessionFailure(stage, InternalCode.CONNECTION_LOST.asReply(e.getMessage()), steps);
        }
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private Reply read(Stage stage, Duration timeout, List<Step> steps, long since) throws SessionFailure {
        return readAs(stage, timeout, steps, since);
    }

    /** Reads one reply; a silence, a hang-up or garbage becomes a SessionFailure with the stage's internal code. */
    private Reply readAs(Stage stage, Duration timeout, List<Step> steps, long since) throws SessionFailure {
        watch.arm(timeout);
        try {
            Reply r = reader.read();
            // a limit that passed as the reply came closed the socket: the reply stands, the next step fails
            watch.disarm();
            steps.add(new Step(stage, said.remove(stage), r, (System.nanoTime() - since) / 1_000_000));
            return r;
        } catch (IOException e) {
            // the watch closing the socket reads as a closed connection (or a reply cut short): it is a timeout
            if (watch.disarm()) {
                InternalCode code = switch (stage) {
                    case CONNECT, BANNER -> InternalCode.CONNECT_TIMEOUT;
                    case DOT -> InternalCode.DOT_TIMEOUT;
                    default -> InternalCode.DIALOG_TIMEOUT;
                };
                throw failure(stage, code.asReply("no reply to " + stage.label() + " within " + timeout.toSeconds() + " s"), steps, since);
            }
            if (e instanceof ReplyException r) {
                throw failure(stage, r.code().asReply(r.getMessage()), steps, since);
            }
            throw failure(stage, InternalCode.CONNECTION_LOST.asReply(e.getMessage()), steps, since);
        }
    }

    private SessionFailure failure(Stage stage, Reply r, List<Step> steps, long since) {
        steps.add(new Step(stage, said.remove(stage), r, (System.nanoTime() - since) / 1_000_000));
        usable = false;
        closeQuietly(socket);
        return new SessionFailure(stage, r, steps);
    }

    private static SessionFailure fail(Stage stage, InternalCode code, String detail, List<Step> steps, long since) {
        Reply r = code.asReply(detail);
        steps.add(new Step(stage, null, r, (System.nanoTime() - since) / 1_000_000));
        return new SessionFailure(stage, r, steps);
    }

    /** Says QUIT politely and closes; errors are irrelevant at this point. */
    void quitQuietly() {
        if (socket == null || socket.isClosed()) {
            return;
        }
        try {
            watch.arm(Duration.ofSeconds(2));
            write("QUIT\r\n");
            out.flush();
            reader.read();
        } catch (IOException ignored) {
            // the server may hang up first
        }
        watch.disarm();
        close();
    }

    @Override
    public void close() {
        usable = false;
        closeQuietly(socket);
        if (watch != null) {
            watch.close();
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }

    private static long since(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String describe(String name, InetSocketAddress a) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return name + " [" + ip + "]:" + a.getPort();
    }

}
