package dev.homing.sandbox;

import dev.homing.smtp.Reply;
import dev.homing.smtp.ReplyReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Test-only SMTP client: one raw socket, bounded reply reading, nothing clever. */
final class SmtpDialog implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private ReplyReader replies;

    private SmtpDialog(Socket socket) throws IOException {
        attach(socket);
    }

    static SmtpDialog open(InetSocketAddress address, int readTimeoutMs) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(address, 2000);
        s.setSoTimeout(readTimeoutMs);
        return new SmtpDialog(s);
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
        this.replies = new ReplyReader(in);
    }

    Reply reply() throws IOException {
        return replies.read();
    }

    void send(String lines) throws IOException {
        out.write(lines.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    Reply command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    /** DATA, the 354, the message (CRLF, dot-stuffed) and the dot; returns the reply to the dot. */
    Reply data(String message) throws IOException {
        Reply go = command("DATA");
        if (go.code() != 354) {
            return go;
        }
        out.write(DsnSender.toWire(message.getBytes(StandardCharsets.UTF_8)));
        send(".\r\n");
        return reply();
    }

    /** Banner, EHLO, MAIL and RCPT; returns the reply to RCPT (the earlier ones must be 2xx). */
    Reply upToRcpt(String from, String to) throws IOException {
        expect(reply(), 220);
        expect(command("EHLO client.example"), 250);
        expect(command("MAIL FROM:<" + from + ">"), 250);
        return command("RCPT TO:<" + to + ">");
    }

    /** STARTTLS then a TLS handshake that trusts any certificate (as MX delivery does). */
    void startTls() throws Exception {
        expect(command("STARTTLS"), 220);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(socket,
                socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        attach(tls);
    }

    Socket socket() {
        return socket;
    }

    /** Next raw byte (-1 at end of stream). */
    int read() throws IOException {
        return in.read();
    }

    static Reply expect(Reply reply, int code) throws IOException {
        if (reply.code() != code) {
            throw new IOException("expected " + code + " but got " + reply);
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
