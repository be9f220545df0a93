package dev.homing.inbound;

import dev.homing.list.Consent;
import dev.homing.list.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Accepts mail only for {@code unsubscribe-...@DOMAIN} addresses that name a member, and
 * unsubscribes that member before answering 250 (processed once, at once: the database commit
 * happens before the reply). Any other recipient gets {@code 550 5.7.1 relay not permitted}.
 */
public final class InboundServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboundServer.class);
    private static final int MAX_MESSAGE = 1024 * 1024;

    private final SMTPServer server;

    private InboundServer(SMTPServer server) {
        this.server = server;
    }

    /**
     * @param domain the domain of Homing's own addresses (e.g. bounces.example.com)
     * @param port   0 for a free port
     */
    public static InboundServer start(InetAddress bind, int port, String domain, Subscriptions subscriptions) {
        String own = domain.toLowerCase(Locale.ROOT);
        SMTPServer server = SMTPServer.port(port)
                .bindAddress(bind)
                .hostName(own)
                .softwareName("Homing inbound")
                .maxMessageSize(MAX_MESSAGE)
                .maxRecipients(50)
                .maxConnections(200)
                .connectionTimeout(60, TimeUnit.SECONDS)
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                .messageHandlerFactory(context -> new Unsubscribe(own, subscriptions,
                        context.getRemoteAddress() == null ? null : context.getRemoteAddress().toString()))
                .build();
        server.start();
        log.info("inbound SMTP for {} on {}:{}", own, bind.getHostAddress(), server.getPortAllocated());
        return new InboundServer(server);
    }

    public int port() {
        return server.getPortAllocated();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One transaction: collects unsubscribe mailboxes at RCPT, acts on them when the message is complete. */
    private static final class Unsubscribe implements MessageHandler {
        private final String domain;
        private final Subscriptions subscriptions;
        private final String client;
        private final List<String> mailboxes = new ArrayList<>(1);
        private String from;

        Unsubscribe(String domain, Subscriptions subscriptions, String client) {
            this.domain = domain;
            this.subscriptions = subscriptions;
            this.client = client;
        }

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            int at = recipient.lastIndexOf('@');
            String local = at < 0 ? recipient : recipient.substring(0, at);
            String dom = at < 0 ? "" : recipient.substring(at + 1).toLowerCase(Locale.ROOT);
            if (!dom.equals(domain)) {
                throw new RejectException(550, "5.7.1 <" + recipient + ">: relay not permitted");
            }
            if (!subscriptions.isUnsubscribeMailbox(local)) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox");
            }
            mailboxes.add(local);
        }

        @Override
        public String data(InputStream data) throws IOException {
            data.transferTo(OutputSink.INSTANCE); // the content does not matter: the address says it all
            for (String m : mailboxes) {
                subscriptions.unsubscribeByMail(m, new Consent(client, null, "mailto (from " + from + ")", null));
            }
            return null;
        }

        @Override
        public void done() {
            // nothing held
        }
    }

    /** Discards bytes. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
