package dev.homing.sandbox;

import dev.homing.smtp.Reply;
import dev.homing.smtp.ReplyReader;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Delivers one DSN over plain SMTP: the null reverse-path {@code MAIL FROM:<>} (RFC 5321 section
 * 4.5.5, so a DSN never bounces back), one recipient, the message dot-stuffed with CRLF line ends.
 * Deliberately minimal: no pipelining, no TLS, one attempt.
 */
final class DsnSender {
    static final int CONNECT_TIMEOUT_MS = 10_000;
    static final int READ_TIMEOUT_MS = 30_000;

    private DsnSender() {
    }

    static void send(InetSocketAddress relay, String helo, String recipient, byte[] message) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(relay, CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            ReplyReader replies = new ReplyReader(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            expect(replies.read(), 2, "banner");
            Reply ehlo = command(out, replies, "EHLO " + helo);
            if (ehlo.isPermanent()) {
                expect(command(out, replies, "HELO " + helo), 2, "HELO");
            } else {
                expect(ehlo, 2, "EHLO");
            }
            expect(command(out, replies, "MAIL FROM:<>"), 2, "MAIL");
            expect(command(out, replies, "RCPT TO:<" + recipient + ">"), 2, "RCPT");
            expect(command(out, replies, "DATA"), 3, "DATA");
            out.write(toWire(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(replies.read(), 2, "end of data");
            try {
                command(out, replies, "QUIT");
            } catch (IOException ignored) {
                // delivered; how the server says goodbye does not matter
            }
        }
    }

    /** CRLF line ends (bare CR or LF become CRLF), a leading dot doubled on every line, a final CRLF. */
    static byte[] toWire(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + message.length / 50 + 8);
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                    i++;
                }
                out.write('\r');
                out.write('\n');
                lineStart = true;
                continue;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = false;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static Reply command(OutputStream out, ReplyReader replies, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return replies.read();
    }

    private static void expect(Reply reply, int klass, String stage) throws IOException {
        if (reply.code() / 100 != klass) {
            throw new IOException(stage + " refused: " + reply);
        }
    }
}
