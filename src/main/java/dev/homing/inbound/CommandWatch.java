package dev.homing.inbound;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Counts what a client sends between transactions and ends a session that only wastes it: after
 * {@value #UNKNOWN_LIMIT} commands the server does not know, or {@value #JUNK_LIMIT} of NOOP, RSET, VRFY,
 * EXPN and HELP, the client gets {@code 421} and the connection closes (Postfix does the same with
 * smtpd_hard_error_limit and smtpd_junk_command_limit, postconf(5)). The SMTP library has no hook for
 * unknown commands, so this watches the bytes on their way in: message content (after DATA up to the
 * lone dot, and BDAT chunks) is not looked at, and after STARTTLS the bytes are encrypted, so a session
 * under TLS is bounded by the idle timeout and the per-address limit only.
 */
final class CommandWatch {
    static final int UNKNOWN_LIMIT = 10;
    static final int JUNK_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of("HELO", "EHLO", "MAIL", "RCPT", "DATA", "BDAT", "RSET", "NOOP", "QUIT", "VRFY",
            "EXPN", "HELP", "STARTTLS", "AUTH");
    private static final Set<String> JUNK = Set.of("NOOP", "RSET", "VRFY", "EXPN", "HELP");

    private CommandWatch() {
    }

    /** A listening socket, not yet bound (the SMTP server binds it), whose accepted connections are watched. */
    static ServerSocket listener(String domain) throws IOException {
        ServerSocket s = new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Watched w = new Watched(domain);
                implAccept(w);
                return w;
            }
        };
        s.setReuseAddress(true);
        return s;
    }

    /** An accepted connection whose input passes the watch. */
    private static final class Watched extends Socket {
        private final String domain;
        private InputStream in;

        Watched(String domain) {
            this.domain = domain;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Lines(super.getInputStream(), this);
            }
            return in;
        }

        /** Says why and closes: called from the reading thread, while the session waits for a command and writes nothing. */
        void refuse(String why) {
            try {
                OutputStream out = super.getOutputStream();
                out.write(("421 4.7.0 " + domain + " " + why + ", closing\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException ignored) {
                // the client is gone already
            }
        }
    }

    /** The watch itself: splits the bytes read into lines and keeps count. */
    private static final class Lines extends FilterInputStream {
        private final Watched socket;
        private final StringBuilder line = new StringBuilder();
        private boolean data;
        private long chunk;
        private boolean encrypted;
        private boolean closed;
        private int unknown;
        private int junk;

        Lines(InputStream in, Watched socket) {
            super(in);
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            if (closed) {
                return -1;
            }
            int b = super.read();
            if (b >= 0 && !see((byte) b)) {
                return -1;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (closed) {
                return -1;
            }
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) {
                if (!see(buf[off + i])) {
                    // the bytes before the line that went over the limit reach the session; then the end
                    return i > 0 ? i : -1;
                }
            }
            return n;
        }

        /** False when the session must end here. */
        private boolean see(byte b) {
            if (encrypted) {
                return true;
            }
            if (chunk > 0) {
                chunk--;
                return true;
            }
            if (b != '\n') {
                if (line.length() < 512) {
                    line.append((char) (b & 0xff));
                }
                return true;
            }
            String l = line.toString().strip();
            line.setLength(0);
            if (data) {
                data = !l.equals(".");
                return true;
            }
            return command(l);
        }

        private boolean command(String l) {
            int space = l.indexOf(' ');
            String verb = (space < 0 ? l : l.substring(0, space)).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "DATA" -> data = true;
                case "STARTTLS" -> encrypted = true;
                case "BDAT" -> {
                    String[] parts = l.split("\\s+");
                    try {
                        chunk = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
                    } catch (NumberFormatException e) {
                        chunk = 0;
                    }
                }
                default -> {
                }
            }
            if (!KNOWN.contains(verb) && ++unknown > UNKNOWN_LIMIT) {
                return end("Error: too many unknown commands");
            }
            if (JUNK.contains(verb) && ++junk > JUNK_LIMIT) {
                return end("Error: too many commands that carry no mail");
            }
            return true;
        }

        private boolean end(String why) {
            closed = true;
            socket.refuse(why);
            return false;
        }
    }
}
