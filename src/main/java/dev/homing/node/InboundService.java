package dev.homing.node;

import dev.homing.inbound.Inbox;
import dev.homing.inbound.InboundServer;
import dev.homing.inbound.Mailroom;
import dev.homing.list.InstallSecret;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.smtp.SelfSignedTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/** The inbound server of the bounce domain and the mailroom that reads what it stores, run together by a node. */
public final class InboundService implements AutoCloseable {
    public final InboundServer server;
    public final Mailroom mailroom;

    private InboundService(InboundServer server, Mailroom mailroom) {
        this.server = server;
        this.mailroom = mailroom;
    }

    /** @param port the port to listen on; 0 for a free one */
    public static InboundService start(Node node, String host, int port) throws IOException {
        return start(node, host, port, node.subscriptions);
    }

    /** @param subs the subscriptions the mailto: unsubscribe addresses act on (with their listeners, e.g. webhooks) */
    public static InboundService start(Node node, String host, int port, Subscriptions subs) throws IOException {
        Config.Sender s = node.config.sender();
        Inbox inbox = new Inbox(node.db);
        Mailroom mailroom = new Mailroom(inbox, node.queue, Node.verp(node.home, node.config), node.rules, node.suppressions, feedbackLoops(s),
                new Mailroom.Retention(s.inboundRetention(), s.inboundMaxStoredMb() * 1024L * 1024));
        InboundServer.Settings settings = InboundServer.Settings.of(s.bounceDomain()).withMaxSize(s.inboundMaxSize())
                .withLimits(200, s.inboundPerClient(), s.inboundInFlightMb() * 1024L * 1024).withTls(tls(s))
                .withMessagesPerMinute(s.inboundMessagesPerMinute()).withSpool(node.home.resolve("data").resolve("spool"));
        mailroom.start();
        try {
            InboundServer server = InboundServer.start(InetAddress.getByName(host), port, settings, inbox, mailroom,
                    Node.verp(node.home, node.config), subs);
            return new InboundService(server, mailroom);
        } catch (RuntimeException e) {
            mailroom.close();
            throw new IOException("cannot start the inbound SMTP server on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The configured feedback loops, their reports' DKIM keys looked up in the configured DNS (else the system's). */
    public static dev.homing.inbound.FeedbackLoops feedbackLoops(Config.Sender s) {
        if (s.feedbackLoops().isEmpty()) {
            return dev.homing.inbound.FeedbackLoops.none();
        }
        dev.homing.dns.Dns dns = s.dnsServer() != null ? dev.homing.dns.Dns.server(s.dnsServer()) : dev.homing.dns.Dns.system();
        return new dev.homing.inbound.FeedbackLoops(java.util.Set.copyOf(s.feedbackLoops()), name -> {
            java.util.List<String> records = dns.txt(name).records();
            return records.isEmpty() ? null : records.get(0);
        });
    }

    /** The configured certificate (PKCS#12), else a self-signed one for the bounce domain: senders' STARTTLS does not verify. */
    private static SSLContext tls(Config.Sender s) throws IOException {
        try {
            if (s.inboundKeystore() == null) {
                return SelfSignedTls.serverContext(s.bounceDomain());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(s.inboundKeystore()))) {
                ks.load(in, s.inboundKeystorePassword().toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, s.inboundKeystorePassword().toCharArray());
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("inbound.tls.keystore " + s.inboundKeystore() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        mailroom.close();
    }
}
