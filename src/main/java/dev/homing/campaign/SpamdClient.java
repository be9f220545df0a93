package dev.homing.campaign;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a SpamAssassin spamd about a message, speaking the spamc protocol (SPAMC/1.5 over TCP) itself.
 * One connection per request, as spamc does. Every request finishes within the timeout, whatever
 * the other side does (silence, a trickle, a stalled read): a watchdog closes the socket at the
 * deadline. Failures are {@link SpamdException}s naming the address.
 */
public final class SpamdClient {
    /** spamd's registered port. */
    public static final int DEFAULT_PORT = 783;

    private static final Pattern STATUS = Pattern.compile("SPAMD/(\\d+\\.\\d+) +(-?\\d+) *(.*)");
    private static final Pattern SPAM = Pattern.compile("(?i)(true|false|yes|no) *; *(-?[0-9.]+) */ *(-?[0-9.]+)");
    private static final Pattern REPORT_LINE = Pattern.compile("^ {0,4}(-?\\d+(?:\\.\\d+)?) +([A-Za-z0-9_]+)(?: +(.*))?$");
    private static final int MAX_LINE = 8192;
    private static final int MAX_BODY = 4 << 20;

    private final String host;
    private final int port;
    private final Duration timeout;

    /** @param timeout the whole request, connect to last byte */
    public SpamdClient(String host, int port, Duration timeout) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("spamd host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("spamd port " + port + " is not a TCP port");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("spamd timeout must be positive");
        }
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** Parses {@code host}, {@code host:port} or {@code [v6]:port}; the port defaults to 783. */
    public static SpamdClient of(String address, Duration timeout) {
        String a = address.trim();
        String host = a;
        int port = DEFAULT_PORT;
        int colon = a.lastIndexOf(':');
        boolean bracketed = a.startsWith("[");
        if (colon > 0 && (bracketed ? a.lastIndexOf(']') < colon : a.indexOf(':') == colon)) {
            host = a.substring(0, colon);
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("spamd address " + address + ": port is not a number");
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new SpamdClient(host, port, timeout);
    }

    /** host:port, as used in every message. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Score, verdict and every rule hit with its points and description ({@code REPORT}). */
    public SpamdResult report(byte[] message) throws SpamdException {
        Answer a = exchange("REPORT", message);
        return result(a, reportRules(a.body()));
    }

    /** Score, verdict and the names of the rules that hit ({@code SYMBOLS}); cheaper than a report. */
    public SpamdResult symbols(byte[] message) throws SpamdException {
        Answer a = exchange("SYMBOLS", message);
        List<SpamdResult.Rule> rules = new ArrayList<>();
        for (String name : a.body().split(",")) {
            if (!name.isBlank()) {
                rules.add(new SpamdResult.Rule(name.trim(), Double.NaN, ""));
            }
        }
        return result(a, rules);
    }

    /** Checks that spamd is there and answering ({@code PING}, expecting {@code PONG}). */
    public void ping() throws SpamdException {
        Answer a = exchange("PING", null);
        if (!a.text().toUpperCase(Locale.ROOT).startsWith("PONG")) {
            throw new SpamdException("spamd at " + address() + " answered PING with \"" + a.text() + "\" instead of PONG");
        }
    }

    private record Answer(String text, Map<String, String> headers, String body) {
    }

    private SpamdResult result(Answer a, List<SpamdResult.Rule> rules) throws SpamdException {
        String spam = a.headers().get("spam");
        Matcher m = spam == null ? null : SPAM.matcher(spam.trim());
        if (m == null || !m.matches()) {
            throw new SpamdException("spamd at " + address() + " answered without a readable Spam header"
                    + (spam == null ? "" : ": \"" + printable(spam) + "\""));
        }
        boolean isSpam = m.group(1).equalsIgnoreCase("true") || m.group(1).equalsIgnoreCase("yes");
        try {
            return new SpamdResult(address(), isSpam, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), rules);
        } catch (NumberFormatException e) {
            throw new SpamdException("spamd at " + address() + " sent a score that is not a number: \"" + printable(spam) + "\"");
        }
    }

    /** Rules from the "pts rule name description" table of a report; wrapped descriptions are joined. */
    static List<SpamdResult.Rule> reportRules(String report) {
        List<SpamdResult.Rule> rules = new ArrayList<>();
        boolean inTable = false;
        String name = null;
        double points = 0;
        StringBuilder description = new StringBuilder();
        for (String line : report.split("\r?\n")) {
            if (!inTable) {
                inTable = line.startsWith("----");
                continue;
            }
            Matcher m = REPORT_LINE.matcher(line);
            if (m.matches()) {
                if (name != null) {
                    rules.add(new SpamdResult.Rule(name, points, description.toString().strip()));
                }
                points = Double.parseDouble(m.group(1));
                name = m.group(2);
                description.setLength(0);
                description.append(m.group(3) == null ? "" : m.group(3));
            } else if (name != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
                description.append(' ').append(line.strip());
            } else if (line.isBlank() && name != null) {
                rules.add(new SpamdResult.Rule(name, points, description.toString().strip()));
                name = null;
            }
        }
        if (name != null) {
            rules.add(new SpamdResult.Rule(name, points, description.toString().strip()));
        }
        return rules;
    }

    private Answer exchange(String command, byte[] message) throws SpamdException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean expired = new AtomicBoolean();
        Socket socket = new Socket();
        // Socket writes have no timeout in Java: a watchdog closes the socket at the deadline instead.
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(timeout);
                expired.set(true);
                socket.close();
            } catch (InterruptedException | IOException done) {
                // answered in time, or closing failed: nothing left to do
            }
        });
        try (socket) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(command).append(" SPAMC/1.5\r\n");
            if (message != null) {
                head.append("Content-length: ").append(message.length).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (message != null) {
                out.write(message);
            }
            out.flush();
            socket.shutdownOutput();
            return read(socket, deadline);
        } catch (SpamdException e) {
            throw e;
        } catch (UnknownHostException e) {
            throw new SpamdException("spamd at " + address() + ": unknown host " + host, e);
        } catch (ConnectException e) {
            throw new SpamdException("spamd at " + address() + " refused the connection (is spamd running and listening there?)", e);
        } catch (SocketTimeoutException e) {
            throw timedOut(socket, e);
        } catch (IOException e) {
            if (expired.get()) {
                throw timedOut(socket, e);
            }
            throw new SpamdException("spamd at " + address() + ": " + command + " failed: " + e.getMessage(), e);
        } finally {
            watchdog.interrupt();
        }
    }

    private SpamdException timedOut(Socket socket, IOException e) {
        String what = socket.isConnected() ? "did not answer" : "could not be reached";
        return new SpamdException("spamd at " + address() + " " + what + " within " + timeout.toMillis() + " ms", e);
    }

    private Answer read(Socket socket, long deadline) throws IOException {
        InputStream in = new BufferedInputStream(socket.getInputStream());
        String status = line(socket, in, deadline, true);
        Matcher m = STATUS.matcher(status);
        if (!m.matches()) {
            throw new SpamdException("spamd at " + address() + " answered something that is not the spamd protocol: \""
                    + printable(status) + "\"");
        }
        if (!m.group(2).equals("0")) {
            throw new SpamdException("spamd at " + address() + " refused the request: error " + m.group(2) + " " + m.group(3).strip());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (m.group(3).strip().equalsIgnoreCase("PONG")) {
            return new Answer("PONG", headers, ""); // PING's answer has no header block
        }
        for (String h = line(socket, in, deadline, false); h != null && !h.isEmpty(); h = line(socket, in, deadline, false)) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new SpamdException("spamd at " + address() + " sent a malformed header line: \"" + printable(h) + "\"");
            }
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        return new Answer(m.group(3).strip(), headers, body(socket, in, deadline, headers.get("content-length")));
    }

    private String body(Socket socket, InputStream in, long deadline, String contentLength) throws IOException {
        int expected = -1;
        if (contentLength != null) {
            try {
                expected = Integer.parseInt(contentLength);
            } catch (NumberFormatException e) {
                throw new SpamdException("spamd at " + address() + " sent Content-length \"" + printable(contentLength) + "\"");
            }
            if (expected < 0 || expected > MAX_BODY) {
                throw new SpamdException("spamd at " + address() + " announced an answer of " + expected + " bytes");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (expected < 0 || body.size() < expected) {
            remaining(socket, deadline);
            int want = expected < 0 ? buf.length : Math.min(buf.length, expected - body.size());
            int n = in.read(buf, 0, want);
            if (n < 0) {
                if (expected >= 0) {
                    throw new SpamdException("spamd at " + address() + " closed the connection in the middle of its answer ("
                            + body.size() + " of " + expected + " bytes)");
                }
                break;
            }
            body.write(buf, 0, n);
            if (body.size() > MAX_BODY) {
                throw new SpamdException("spamd at " + address() + " sent more than " + MAX_BODY + " bytes");
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** One CRLF- or LF-ended line; null at end of stream (an error for the status line). */
    private String line(Socket socket, InputStream in, long deadline, boolean status) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            remaining(socket, deadline);
            int b = in.read();
            if (b < 0) {
                if (status && line.size() == 0) {
                    throw new SpamdException("spamd at " + address() + " closed the connection without answering");
                }
                if (line.size() == 0) {
                    return null;
                }
                throw new SpamdException("spamd at " + address() + " closed the connection in the middle of a line: \""
                        + printable(line.toString(StandardCharsets.ISO_8859_1)) + "\"");
            }
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new SpamdException("spamd at " + address() + " answered something that is not the spamd protocol: \""
                        + printable(line.toString(StandardCharsets.ISO_8859_1)) + "\"");
            }
        }
    }

    /** Sets the read timeout to what is left of the request's time, or fails when nothing is. */
    private void remaining(Socket socket, long deadline) throws IOException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, ms));
    }

    private static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replaceAll("[\\p{Cntrl}&&[^\\t]]", "?");
    }

    @Override
    public String toString() {
        return "spamd at " + address();
    }
}
