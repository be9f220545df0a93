package dev.homing.sandbox;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A listener on its own port on 127.0.0.1 for a behaviour that breaks the protocol before any
 * recipient is named (connect-timeout, garbage, hangup, huge-reply, endless). Plain sockets,
 * no SMTP library: each of these servers is wrong on purpose. One virtual thread per connection;
 * closing the listener closes every open connection.
 */
final class RawListener implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(RawListener.class);

    static final String GARBAGE = "HELLO THERE I AM NOT SMTP";
    static final String HANGUP_LINE = "250-first line";
    static final int HUGE_REPLY_BYTES = 3 * 1024 * 1024;
    static final long ENDLESS_CAP_BYTES = 50L * 1024 * 1024;
    private static final int MAX_COMMAND = 4096;

    private final Behaviour behaviour;
    private final SandboxStats stats;
    private final Duration hang;
    private final String banner;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RawListener(Behaviour behaviour, SandboxStats stats, Duration hang) throws IOException {
        this.behaviour = behaviour;
        this.stats = stats;
        this.hang = hang;
        this.banner = "220 " + behaviour.domain() + " ESMTP\r\n";
        this.server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(Sandbox.LOOPBACK, 0), 1024);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Thread.ofVirtual().name("sandbox-" + behaviour.label() + "-accept").start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(Sandbox.LOOPBACK, server.getLocalPort());
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{} listener stopped accepting: {}", behaviour.label(), e.toString());
                }
                return;
            }
            open.add(socket);
            try {
                socket.setTcpNoDelay(true);
            } catch (IOException ignored) {
                // only a latency nicety
            }
            if (closed) { // close() may have run between accept and add
                closeQuietly(socket);
                return;
            }
            stats.onSession();
            stats.onSession(behaviour);
            Thread.ofVirtual().name("sandbox-" + behaviour.label()).start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            switch (behaviour) {
                case CONNECT_TIMEOUT -> {
                    stats.onHung(behaviour);
                    Hang.untilClientLeaves(socket, in, hang);
                }
                case GARBAGE -> garbage(socket, in, out);
                case HANGUP -> hangup(socket, in, out);
                case HUGE_REPLY -> huge(socket, in, out);
                case ENDLESS -> endless(socket, in, out);
                default -> throw new IllegalStateException("not a raw behaviour: " + behaviour);
            }
        } catch (IOException e) {
            log.debug("{} connection ended: {}", behaviour.label(), e.toString());
        } finally {
            open.remove(socket);
        }
    }

    /** Banner, then the same non-SMTP line to every command until the client leaves. */
    private void garbage(Socket socket, InputStream in, OutputStream out) throws IOException {
        write(out, banner);
        socket.setSoTimeout(millis(hang));
        while (readCommand(in) != null) {
            write(out, GARBAGE + "\r\n");
        }
    }

    /** Banner, then half a multi-line reply to the first command, then end of stream. */
    private void hangup(Socket socket, InputStream in, OutputStream out) throws IOException {
        write(out, banner);
        socket.setSoTimeout(millis(hang));
        if (readCommand(in) == null) {
            return;
        }
        write(out, HANGUP_LINE + "\r\n");
        finish(socket, in);
    }

    /** Banner, then a single reply line of 3 MB to the first command. */
    private void huge(Socket socket, InputStream in, OutputStream out) throws IOException {
        write(out, banner);
        socket.setSoTimeout(millis(hang));
        if (readCommand(in) == null) {
            return;
        }
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        out.write("250 ".getBytes(StandardCharsets.US_ASCII));
        for (int left = HUGE_REPLY_BYTES; left > 0; left -= chunk.length) {
            out.write(chunk, 0, Math.min(left, chunk.length));
        }
        write(out, "\r\n");
        finish(socket, in);
    }

    /** Banner, then "250-" lines to the first command until the client leaves or the cap is reached. */
    private void endless(Socket socket, InputStream in, OutputStream out) throws IOException {
        write(out, banner);
        socket.setSoTimeout(millis(hang));
        if (readCommand(in) == null) {
            return;
        }
        long sent = 0;
        for (long n = 1; sent < ENDLESS_CAP_BYTES && !closed; n++) {
            byte[] line = ("250-" + behaviour.domain() + " line " + n + " of a reply that never ends\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            out.write(line);
            sent += line.length;
        }
        out.flush();
        finish(socket, in);
    }

    /** Flushes, half-closes (the client reads end of stream) and waits for the client to leave. */
    private void finish(Socket socket, InputStream in) throws IOException {
        socket.getOutputStream().flush();
        socket.shutdownOutput();
        Hang.untilClientLeaves(socket, in, hang);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line up to LF, at most MAX_COMMAND bytes kept; null at end of stream. */
    private static String readCommand(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).strip();
            }
            if (line.size() < MAX_COMMAND) {
                line.write(b);
            }
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Math.max(1, d.toMillis()), Integer.MAX_VALUE);
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(RawListener::closeQuietly);
    }
}
