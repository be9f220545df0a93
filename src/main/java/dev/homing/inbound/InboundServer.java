package dev.homing.inbound;

import dev.homing.campaign.Verp;
import dev.homing.limit.Window;
import dev.homing.list.Consent;
import dev.homing.list.Subscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP server of the bounce domain. It accepts mail only for Homing's own addresses there: VERP
 * return paths ({@code b-<id>-<mac>@}, checked), the mailto: unsubscribe addresses, and the role
 * mailboxes reports are sent to (postmaster, abuse, fbl...). Everything else is refused with
 * {@code 550 5.7.1 relay not permitted}: it is never an open relay. An accepted message is spooled to
 * disk as it arrives ({@link Spool}), then stored whole, committed, before the 250; the {@link Mailroom} reads it afterwards. Unsubscribe mails are
 * acted on at once, before the 250.
 */
public final class InboundServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboundServer.class);
    /** Role mailboxes that receive reports (RFC 2142; feedback loops are often pointed at fbl@ or complaints@). */
    static final Set<String> MAILBOXES = Set.of("postmaster", "abuse", "fbl", "feedback", "complaints", "bounce", "bounces", "arf");

    /**
     * What bounds the server: an outsider must not exhaust the node, nor lock other senders out.
     *
     * @param domain         the bounce domain (its MX points here)
     * @param maxSize        the largest message accepted, in bytes (larger: 552, read to its end and dropped, the sender keeps
     *                       it); reports are small, so the default is 10 MB
     * @param maxConnections connections at once, from everybody
     * @param maxPerClient   connections at once from one client address (more: 421 at the greeting)
     * @param inFlight       bytes of messages being received at once, all sessions together (spooled to disk, never held in
     *                       memory): a session that would pass it gets 452 (try later) for its message
     * @param spool          the folder messages are spooled to while they arrive, or null for a new one under the system's
     *                       temporary folder
     * @param tls            offered with STARTTLS, or null for none
     * @param messagesPerMinute messages one client address may start in any minute (more: 450 at MAIL FROM, the sender
     *                       tries later and nothing is lost)
     */
    public record Settings(String domain, int maxSize, int maxConnections, int maxPerClient, long inFlight, SSLContext tls,
                           int messagesPerMinute, Path spool) {
        public static Settings of(String domain) {
            return new Settings(domain, 10 * 1024 * 1024, 200, 10, 128L * 1024 * 1024, null, 120, null);
        }

        public Settings withSpool(Path folder) {
            return new Settings(domain, maxSize, maxConnections, maxPerClient, inFlight, tls, messagesPerMinute, folder);
        }

        public Settings withTls(SSLContext context) {
            return new Settings(domain, maxSize, maxConnections, maxPerClient, inFlight, context, messagesPerMinute, spool);
        }

        public Settings withMaxSize(int bytes) {
            return new Settings(domain, bytes, maxConnections, maxPerClient, Math.max(inFlight, bytes), tls, messagesPerMinute, spool);
        }

        public Settings withLimits(int connections, int perClient, long inFlightBytes) {
            return new Settings(domain, maxSize, connections, perClient, Math.max(inFlightBytes, maxSize), tls, messagesPerMinute, spool);
        }

        public Settings withMessagesPerMinute(int n) {
            return new Settings(domain, maxSize, maxConnections, maxPerClient, inFlight, tls, n, spool);
        }
    }

    private final SMTPServer server;
    private final Settings settings;

    private InboundServer(SMTPServer server, Settings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** @param port 0 for a free port */
    public static InboundServer start(InetAddress bind, int port, Settings settings, Inbox inbox, Mailroom mailroom, Verp verp,
                                      Subscriptions subscriptions) {
        String own = settings.domain().toLowerCase(Locale.ROOT);
        Spool budget;
        try {
            budget = new Spool(settings.spool() != null ? settings.spool() : Files.createTempDirectory("homing-inbound-"), settings.inFlight());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make the inbound spool folder: " + e.getMessage(), e);
        }
        Window rate = new Window(settings.messagesPerMinute(), java.time.Duration.ofMinutes(1));
        SMTPServer.Builder b = SMTPServer.port(port)
                .bindAddress(bind)
                .hostName(own)
                .softwareName("Homing inbound")
                .maxMessageSize(settings.maxSize())
                .maxRecipients(100)
                .maxConnections(settings.maxConnections())
                // one client address may not take every connection (it would lock other senders out until its timeouts)
                .sessionHandler(SessionHandler.limitConcurrentSessionsBySource(settings.maxPerClient()))
                .connectionTimeout(60, TimeUnit.SECONDS)
                .executorService(Executors.newVirtualThreadPerTaskExecutor())
                // a session that sends only commands we do not know, or only NOOPs, is closed like Postfix closes it
                .serverSocketFactory(() -> CommandWatch.listener(own))
                .messageHandlerFactory(context -> new Transaction(own, settings.maxSize(), budget, rate, context, inbox, mailroom, verp,
                        subscriptions));
        if (settings.tls() != null) {
            b = b.enableTLS().startTlsSocketFactory(settings.tls());
        }
        SMTPServer server = b.build();
        server.start();
        log.info("inbound SMTP for {} on {}:{}{}", own, bind.getHostAddress(), server.getPortAllocated(),
                settings.tls() != null ? " (STARTTLS)" : "");
        return new InboundServer(server, settings);
    }

    public int port() {
        return server.getPortAllocated();
    }

    public String domain() {
        return settings.domain();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** One SMTP transaction: checks recipients at RCPT, stores the message (and unsubscribes) at the end of DATA. */
    private static final class Transaction implements MessageHandler {
        private final String domain;
        private final int maxSize;
        private final Spool budget;
        private final Window rate;
        private final MessageContext context;
        private final Inbox inbox;
        private final Mailroom mailroom;
        private final Verp verp;
        private final Subscriptions subscriptions;
        private final List<String> recipients = new ArrayList<>(1);
        private final List<String> unsubscribes = new ArrayList<>(1);
        private String from;

        Transaction(String domain, int maxSize, Spool budget, Window rate, MessageContext context, Inbox inbox,
                    Mailroom mailroom, Verp verp, Subscriptions subscriptions) {
            this.domain = domain;
            this.maxSize = maxSize;
            this.budget = budget;
            this.rate = rate;
            this.context = context;
            this.inbox = inbox;
            this.mailroom = mailroom;
            this.verp = verp;
            this.subscriptions = subscriptions;
        }

        @Override
        public void from(String from) throws RejectException {
            java.net.SocketAddress peer = context.getRemoteAddress();
            String client = peer instanceof java.net.InetSocketAddress a && a.getAddress() != null ? a.getAddress().getHostAddress()
                    : String.valueOf(peer);
            if (!rate.allow(client)) {
                // RFC 5321 4.2.1: a 4yz is transient, the sender queues the message and tries again later
                throw new RejectException(450, "4.7.1 too many messages from " + client + " this minute, try again later");
            }
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
            String l = local.toLowerCase(Locale.ROOT);
            if (subscriptions.isUnsubscribeMailbox(local)) {
                unsubscribes.add(local);
            } else if (!MAILBOXES.contains(l) && verp.delivery(recipient).isEmpty()) {
                throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException, RejectException {
            try (Spool.Spooled message = budget.read(data, maxSize)) {
                return store(message);
            }
        }

        private String store(Spool.Spooled message) throws RejectException {
            String client = context.getRemoteAddress() == null ? null : context.getRemoteAddress().toString();
            for (String m : unsubscribes) {
                subscriptions.unsubscribeByMail(m, new Consent(client, null, "mailto (from " + from + ")", null));
            }
            long id;
            try (InputStream in = message.open()) {
                id = inbox.store(client, from, recipients, in, message.size());
            } catch (IOException | RuntimeException e) {
                // not stored: the sender must keep it and try again later
                log.warn("cannot store a message from {}: {}", from, e.toString());
                throw new RejectException(451, "4.3.0 cannot store the message now, try again later");
            }
            if (unsubscribes.size() == recipients.size()) {
                inbox.mark(id, Inbox.Status.PROCESSED, "unsubscribe", null, "mailto: unsubscribe of " + unsubscribes.size() + " member(s)");
            } else {
                if (mailroom != null) {
                    mailroom.wake();
                }
            }
            return null;
        }

        @Override
        public void done() {
            // nothing held
        }
    }
}
