package dev.homing.sandbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Test-only receiving SMTP server that keeps every message (to catch the sandbox's DSNs). */
final class MailSink implements AutoCloseable {

    record Received(String from, List<String> to, byte[] data) {
    }

    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    private final ServerSocket server;

    MailSink() throws IOException {
        server = new ServerSocket(0, 50, Sandbox.LOOPBACK);
        Thread.ofVirtual().start(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(Sandbox.LOOPBACK, server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            write(out, "220 sink.example ESMTP");
            String from = null;
            List<String> to = new ArrayList<>();
            String line;
            while ((line = readLine(in)) != null) {
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    write(out, "250 sink.example");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = path(line.substring(10));
                    to = new ArrayList<>();
                    write(out, "250 2.1.0 Ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    to.add(path(line.substring(8)));
                    write(out, "250 2.1.5 Ok");
                } else if (upper.equals("DATA")) {
                    write(out, "354 go ahead");
                    ByteArrayOutputStream data = new ByteArrayOutputStream();
                    String l;
                    while ((l = readLine(in)) != null && !l.equals(".")) {
                        data.writeBytes((l.startsWith(".") ? l.substring(1) : l).getBytes(StandardCharsets.UTF_8));
                        data.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    messages.add(new Received(from, List.copyOf(to), data.toByteArray()));
                    write(out, "250 2.0.0 Ok: kept");
                } else if (upper.equals("QUIT")) {
                    write(out, "221 2.0.0 Bye");
                    return;
                } else {
                    write(out, "502 5.5.2 not here");
                }
            }
        } catch (IOException ignored) {
            // test sink: the sender went away
        }
    }

    private static String path(String s) {
        String t = s.strip();
        int end = t.indexOf('>');
        return t.startsWith("<") && end > 0 ? t.substring(1, end) : t;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
