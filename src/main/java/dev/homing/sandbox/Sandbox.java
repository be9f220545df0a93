package dev.homing.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated receiving mail servers on real sockets on 127.0.0.1: one SMTP server (the MX of every
 * {@code *.sandbox.test} domain) whose replies depend on the recipient ({@link Behaviour}), plus
 * one port per behaviour that breaks the protocol before any recipient is named, and a port where
 * nothing listens. {@link #routes()} tells a resolver where each domain suffix goes.
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
 *     resolver.override(sandbox.routes());   // longest matching suffix wins
 *     ... send to anyone@user-unknown.sandbox.test, late-bounce+7@accept.sandbox.test ...
 *     sandbox.stats().counts(Behaviour.USERUNKNOWN);
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final List<Behaviour> RAW = List.of(
            Behaviour.CONNECT_TIMEOUT, Behaviour.GARBAGE, Behaviour.HANGUP, Behaviour.HUGE_REPLY, Behaviour.ENDLESS);

    private final SandboxConfig config;
    private final SandboxStats stats;
    private final LateBounces lateBounces;
    private final SmtpFront front;
    private final List<RawListener> raw;
    private final Socket refused;
    private final Map<String, InetSocketAddress> routes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sandbox(SandboxConfig config, SandboxStats stats, LateBounces lateBounces, SmtpFront front,
                    List<RawListener> raw, Socket refused, Map<String, InetSocketAddress> routes) {
        this.config = config;
        this.stats = stats;
        this.lateBounces = lateBounces;
        this.front = front;
        this.raw = raw;
        this.refused = refused;
        this.routes = routes;
    }

    /**
     * Starts every listener on 127.0.0.1: the SMTP server on the configured port (0: a free one),
     * the others always on free ports.
     */
    public static Sandbox start(SandboxConfig config) throws IOException {
        Objects.requireNonNull(config, "config");
        SandboxStats stats = new SandboxStats();
        LateBounces lateBounces = new LateBounces(config, stats);
        SmtpFront front = null;
        List<RawListener> raw = new ArrayList<>();
        Socket refused = null;
        try {
            front = new SmtpFront(config, stats, lateBounces);
            Map<String, InetSocketAddress> routes = new LinkedHashMap<>();
            for (Behaviour b : RAW) {
                RawListener listener = new RawListener(b, stats, config.hangDuration());
                raw.add(listener);
                routes.put(b.domain(), listener.address());
            }
            refused = boundButNotListening();
            routes.put(Behaviour.REFUSED.domain(), new InetSocketAddress(LOOPBACK, refused.getLocalPort()));
            routes.put(Behaviour.DOMAIN, front.address());
            Sandbox sandbox = new Sandbox(config, stats, lateBounces, front, List.copyOf(raw), refused,
                    Collections.unmodifiableMap(routes));
            log.info("sandbox started: MX {} for *.{} ({} routes{})", front.address(), Behaviour.DOMAIN, routes.size(),
                    front.offersStartTls() ? ", STARTTLS with a self-signed certificate" : "");
            return sandbox;
        } catch (IOException | RuntimeException e) {
            raw.forEach(RawListener::close);
            if (front != null) {
                front.close();
            }
            if (refused != null) {
                refused.close();
            }
            lateBounces.close();
            throw e;
        }
    }

    /**
     * Resolver override entries: domain suffix to host:port, the longest matching suffix wins.
     * {@code sandbox.test} goes to the SMTP server; {@code connect-timeout}, {@code garbage},
     * {@code hangup}, {@code huge-reply} and {@code endless.sandbox.test} to their own listeners;
     * {@code refused.sandbox.test} to a port where nothing listens.
     */
    public Map<String, InetSocketAddress> routes() {
        return routes;
    }

    /** The simulated MX (the route of {@code sandbox.test}). */
    public InetSocketAddress smtpAddress() {
        return front.address();
    }

    public SandboxConfig config() {
        return config;
    }

    public SandboxStats stats() {
        return stats;
    }

    /** Stops every listener, ends every open session (hangs included) and drops DSNs still waiting. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        raw.forEach(RawListener::close);
        front.close();
        lateBounces.close();
        try {
            refused.close();
        } catch (IOException ignored) {
            // the port only has to be released
        }
        log.info("sandbox stopped: {} sessions, {} messages", stats.sessions(), stats.messages());
    }

    /**
     * A TCP socket bound to a free port on 127.0.0.1 that never listens: connections to that port
     * are refused (the kernel answers RST), and no one else can take the port while the sandbox runs.
     */
    private static Socket boundButNotListening() throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
