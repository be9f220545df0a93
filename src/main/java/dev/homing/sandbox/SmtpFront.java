package dev.homing.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated MX: a SubEthaSMTP server on 127.0.0.1 whose EHLO, MAIL, RCPT, DATA and BDAT
 * commands are the sandbox's own (so every reply carries an enhanced status code and the timeout
 * behaviours can hold the socket), one virtual thread per session. Decides per recipient what
 * happens, following {@link Behaviour}, and keeps nothing of a message but, for late bounces,
 * its header section.
 */
final class SmtpFront implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(SmtpFront.class);

    /** Per-session state, created when SubEthaSMTP accepts the session and released when it ends. */
    static final class SessionState {
        final String clientIp;
        final DataReader reader = new DataReader();
        /** The accepted (plain) socket, when it is one the idle sweep watches. */
        final WatchedSocket socket;
        private final Set<String> domains = new HashSet<>(4);
        private final EnumSet<Behaviour> seen = EnumSet.noneOf(Behaviour.class);
        private boolean released;

        SessionState(String clientIp, WatchedSocket socket) {
            this.clientIp = clientIp;
            this.socket = socket;
        }

        /** Counts the session once per behaviour its recipients choose. */
        synchronized void note(Behaviour b, SandboxStats stats) {
            if (!released && seen.add(b)) {
                stats.onSession(b);
            }
        }

        /** Starts counting this session for the domain (once); returns the sessions open for it now. */
        synchronized int enter(String domain, SandboxStats stats) {
            if (!released && !domains.contains(domain)) {
                if (domains.isEmpty()) {
                    stats.enterAny();
                }
                domains.add(domain);
                return stats.enter(domain);
            }
            return stats.concurrent(domain);
        }

        synchronized void release(SandboxStats stats) {
            if (!released) {
                released = true;
                if (!domains.isEmpty()) {
                    stats.leaveAny();
                }
                domains.forEach(stats::leave);
                domains.clear();
            }
        }
    }

    private final SandboxConfig config;
    private final SandboxStats stats;
    private final Greylist greylist;
    private final LateBounces lateBounces;
    private final boolean startTls;
    private final ConcurrentHashMap<Session, SessionState> sessions = new ConcurrentHashMap<>();
    private final AtomicLong queueIds = new AtomicLong(ThreadLocalRandom.current().nextLong(0x10000000L, 0x7FFFFFFFL) << 12);
    private final IdleSweep idle;
    private final SMTPServer server;
    private final InetSocketAddress address;

    SmtpFront(SandboxConfig config, SandboxStats stats, LateBounces lateBounces) throws IOException {
        this.config = config;
        this.stats = stats;
        this.lateBounces = lateBounces;
        this.greylist = new Greylist(config.greylistDelay());
        SSLContext tls = null;
        if (config.startTls()) {
            try {
                tls = dev.homing.smtp.SelfSignedTls.serverContext(config.hostname());
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot make the self-signed certificate for STARTTLS", e);
            }
        }
        this.startTls = tls != null;
        this.idle = new IdleSweep(config.idleTimeout());
        SMTPServer.Builder builder = SMTPServer.port(config.smtpPort())
                .bindAddress(Sandbox.LOOPBACK)
                .hostName(config.hostname())
                .softwareName("Homing sandbox")
                .serverSocketFactory(() -> new WatchingServerSocket(idle))
                .backlog(1024)
                .maxConnections(10_000)
                .connectionTimeout(0, TimeUnit.MILLISECONDS) // no socket timeout: the idle sweep keeps the limit
                .maxRecipients(Replies.MAX_RECIPIENTS)
                .executorService(new SessionExecutor())
                .sessionHandler(new Tracker())
                .messageHandlerFactory(context -> new Transaction());
        if (tls != null) {
            builder.enableTLS().startTlsSocketFactory(tls);
        }
        this.server = builder.build();
        CommandHandler commands = server.getCommandHandler();
        commands.addCommand(new FrontCommands.Ehlo(this));
        commands.addCommand(new FrontCommands.Mail());
        commands.addCommand(new FrontCommands.Rcpt(this));
        commands.addCommand(new FrontCommands.Data(this));
        commands.addCommand(new FrontCommands.Bdat());
        try {
            server.start();
        } catch (RuntimeException e) {
            server.getExecutorService().shutdownNow();
            idle.close();
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot start the sandbox SMTP server", e);
        }
        this.address = new InetSocketAddress(Sandbox.LOOPBACK, server.getPortAllocated());
    }

    InetSocketAddress address() {
        return address;
    }

    String hostname() {
        return config.hostname();
    }

    boolean offersStartTls() {
        return startTls;
    }

    SessionState state(Session session) {
        SessionState st = sessions.get(session);
        if (st == null) {
            // not seen through accept(): keep working, count it now
            st = sessions.computeIfAbsent(session, s -> new SessionState(ip(s), watched(s)));
        }
        return st;
    }

    /**
     * Decides one RCPT. Returns the reply to send, or null when the session was ended here (a
     * hang the client walked away from). Throws to send a reply and close (defer, hang expired).
     */
    String recipient(Session session, Transaction tx, String address) throws DropConnectionException {
        SessionState st = state(session);
        Behaviour b = Behaviour.of(address);
        int at = address.lastIndexOf('@');
        String domain = at < 0 ? "" : Behaviour.normalizeDomain(address.substring(at + 1));
        st.note(b, stats);
        int open = domain.isEmpty() ? 0 : st.enter(domain, stats);
        switch (b) {
            case ACCEPT, SLOW, LATEBOUNCE, BLACKHOLE, DOT_TIMEOUT -> {
                tx.add(address, b);
                return Replies.RCPT_OK;
            }
            case DEFER -> {
                if (open > config.deferSessionLimit()) {
                    stats.onRejected(b);
                    throw new DropConnectionException(Replies.DEFER_CODE, Replies.DEFER_TEXT);
                }
                tx.add(address, b);
                return Replies.RCPT_OK;
            }
            case GREYLIST -> {
                if (greylist.passes(st.clientIp, tx.sender(), address)) {
                    tx.add(address, b);
                    return Replies.RCPT_OK;
                }
                stats.onRejected(b);
                return Replies.greylisted(address, domain.isEmpty() ? Behaviour.DOMAIN : domain);
            }
            case MAILBOXFULL -> {
                stats.onRejected(b);
                return Replies.mailboxFull(address);
            }
            case OVERQUOTA -> {
                stats.onRejected(b);
                return Replies.overQuota(address);
            }
            case USERUNKNOWN -> {
                stats.onRejected(b);
                return Replies.userUnknown(address);
            }
            case BLOCKED -> {
                stats.onRejected(b);
                return Replies.blocked(st.clientIp);
            }
            case DIALOG_TIMEOUT -> {
                stats.onHung(b);
                hang(session);
                return null;
            }
            default -> {
                stats.onRejected(b);
                return Replies.misrouted(address, b);
            }
        }
    }

    /**
     * Acts on a message received up to the dot. Returns the reply to the dot, or null when the
     * session was ended here. Throws to send a reply and close (dot-timeout hang expired).
     */
    String message(Session session, Transaction tx, DataReader.Result data) throws DropConnectionException {
        SessionState st = state(session);
        stats.onMessage(data.bytes());
        if (data.bytes() > Replies.MAX_MESSAGE_SIZE) {
            tx.recipients().forEach(r -> stats.onRejected(r.behaviour()));
            return Replies.TOO_BIG;
        }
        if (tx.any(Behaviour.DOT_TIMEOUT)) {
            stats.onHung(Behaviour.DOT_TIMEOUT);
            hang(session);
            return null;
        }
        if (tx.any(Behaviour.SLOW)) {
            try {
                Thread.sleep(config.slowReply());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        String queueId = Long.toHexString(queueIds.incrementAndGet()).toUpperCase(java.util.Locale.ROOT);
        List<String> bounced = null;
        for (Transaction.Recipient r : tx.recipients()) {
            stats.onAccepted(r.behaviour());
            stats.onAcceptedFor(r.address());
            if (r.behaviour() == Behaviour.BLACKHOLE) {
                stats.onDropped(r.behaviour());
            } else if (r.behaviour() == Behaviour.LATEBOUNCE) {
                if (bounced == null) {
                    bounced = new ArrayList<>(1);
                }
                bounced.add(r.address());
            }
        }
        if (bounced != null) {
            lateBounces.schedule(new LateBounces.Bounce(tx.sender(), List.copyOf(bounced), st.clientIp,
                    session.getHelo().orElse("unknown"), ZonedDateTime.now(), queueId,
                    data.headers() == null ? new byte[0] : data.headers()));
        }
        if (log.isDebugEnabled()) {
            log.debug("{} accepted {} bytes from <{}> for {}", queueId, data.bytes(), tx.sender(), tx.recipients());
        }
        return Replies.queued(queueId);
    }

    /** Holds the session silent; returns after quitting it if the client left, throws the 421 if the hang expired. */
    private void hang(Session session) throws DropConnectionException {
        WatchedSocket watched = state(session).socket;
        if (watched != null) {
            watched.exempt(); // the hang keeps its own limit, which may be longer than the idle limit
        }
        Hang.End end = Hang.untilClientLeaves(session.getSocket(), session.getRawInput(), config.hangDuration());
        if (end == Hang.End.EXPIRED) {
            throw new DropConnectionException(Replies.TIMEOUT_CODE, Replies.timeoutText(config.hostname()));
        }
        session.quit();
    }

    private void release(Session session) {
        SessionState st = sessions.remove(session);
        if (st != null) {
            st.release(stats);
        }
    }

    private static WatchedSocket watched(Session session) {
        return session.getSocket() instanceof WatchedSocket w ? w : null;
    }

    private static String ip(Session session) {
        InetSocketAddress remote = session.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    @Override
    public void close() {
        // quits every session (closing its socket, which ends any hang) and waits for their threads
        server.stop();
        idle.close();
    }

    /**
     * Accepts connections as sockets the idle sweep watches, with TCP_NODELAY: each reply is written
     * whole, and with Nagle on, the second of two pipelined replies would wait for the client's
     * delayed ACK (40 ms per message).
     */
    private static final class WatchingServerSocket extends ServerSocket {
        private final IdleSweep idle;

        WatchingServerSocket(IdleSweep idle) throws IOException {
            super();
            this.idle = idle;
        }

        @Override
        public Socket accept() throws IOException {
            WatchedSocket socket = idle.socket();
            try {
                implAccept(socket);
                socket.setTcpNoDelay(true);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
            return socket;
        }
    }

    /** Counts sessions and creates their state; SubEthaSMTP calls it on the session's own thread. */
    private final class Tracker implements SessionHandler {
        @Override
        public SessionAcceptance accept(Session session) {
            stats.onSession();
            sessions.put(session, new SessionState(ip(session), watched(session)));
            return SessionAcceptance.success();
        }

        @Override
        public void onSessionEnd(Session session) {
            release(session);
        }
    }

    /**
     * Runs each session on its own virtual thread and releases its state when the thread ends,
     * whichever way the session ended (SubEthaSMTP does not call onSessionEnd on every path).
     */
    private final class SessionExecutor extends AbstractExecutorService {
        private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("sandbox-smtp-", 0).factory());

        @Override
        public void execute(Runnable task) {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    if (task instanceof Session s) {
                        release(s);
                    }
                }
            });
        }

        @Override
        public void shutdown() {
            threads.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return threads.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return threads.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return threads.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return threads.awaitTermination(timeout, unit);
        }
    }
}
