package dev.homing.delivery;

/**
 * A receiving service's concurrency and rate as learned from what it says, Postfix's concurrency feedback in spirit
 * (Postfix SCHEDULER_README, "Concurrency feedback"): a session the receiver would not open while others were working
 * (a {@code 421} "too many connections" at the greeting, a refused connection) sets the ceiling to the sessions that
 * were working; a "slow down" inside a session (a {@code 421} or {@code 450 4.7.x} rate complaint) halves the
 * connections, and the rate when the complaint was about the rate. The way back up is by time, not by count: one
 * connection (or half again the rate) per probe interval in which mail was accepted, and the interval doubles when a
 * probe is refused, so a receiver that holds a hard limit is asked again ever more rarely, never in bursts. Thread-safe.
 */
final class Throttle {
    /** After a slow-down inside a session, no new message is started for this long. */
    static final long PAUSE_NANOS = 1_000_000_000L;
    /** The first wait before a step back up; doubles with every refused step, up to {@link #MAX_PROBE_NANOS}. */
    static final long PROBE_NANOS = 30_000_000_000L;
    static final long MAX_PROBE_NANOS = 600_000_000_000L;
    /** The slowest a destination is throttled to: one message per second. */
    static final double MIN_RATE = 1.0;

    private final Limits configured;
    private final long firstProbe;
    private int connections;
    private double perSecond;
    private long pausedUntil;
    private long nextSlotNanos;
    private int slowDowns;
    /** When the ceiling or the rate last changed, either way. */
    private long changedAt;
    private final java.util.function.LongSupplier clock;
    /** Whether the last change was a step up (a refusal right after one means the probe found the limit). */
    private boolean probing;
    private long probeNanos;
    /** The connection count the receiver last refused (0: never), and when. */
    private int refusedAt;
    private long refusedWhen;

    Throttle(Limits configured) {
        this(configured, PROBE_NANOS, System::nanoTime);
    }

    /**
     * @param probeNanos the first wait before a step back up
     * @param clock      nanoseconds, as {@link System#nanoTime} (tests move it by hand)
     */
    Throttle(Limits configured, long probeNanos, java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.changedAt = clock.getAsLong();
        this.configured = configured;
        this.firstProbe = probeNanos;
        this.probeNanos = probeNanos;
        this.connections = configured.connections();
        this.perSecond = configured.perSecond();
    }

    synchronized int connections() {
        return connections;
    }

    synchronized double perSecond() {
        return perSecond;
    }

    /** True while below the configured limits (a slow-down not yet recovered): worth remembering. */
    synchronized boolean slowed() {
        return connections < configured.connections() || perSecond != configured.perSecond();
    }

    synchronized int slowDowns() {
        return slowDowns;
    }

    /** What was learned, for status pages. */
    synchronized Learned learned(String service) {
        long now = clock.getAsLong();
        long nextProbe = slowed() ? Math.max(0, changedAt + probeNanos - now) : 0;
        return new Learned(service, configured.connections(), connections, configured.perSecond(), perSecond, slowDowns, refusedAt,
                refusedAt == 0 ? -1 : (now - refusedWhen) / 1_000_000_000L, (nextProbe + 999_999_999L) / 1_000_000_000L);
    }

    /**
     * A session could not be opened while {@code working} others to the same receiver were open and sending: the
     * receiver holds that many and no more. Refusals that arrive together (every new session gets the same 421) count once.
     */
    synchronized void refused(int working) {
        long now = clock.getAsLong();
        int ceiling = Math.max(1, Math.min(connections, working));
        if (probing && now - changedAt < 2 * probeNanos) {
            probeNanos = Math.min(MAX_PROBE_NANOS, probeNanos * 2); // the step up was refused: wait longer before the next
        }
        if (ceiling < connections || probing) {
            slowDowns++;
            changedAt = now;
        }
        connections = ceiling;
        refusedAt = working + 1;
        refusedWhen = now;
        probing = false;
    }

    /**
     * A session to the receiver finished its handshake while {@code working} sessions (it included) are open and
     * sending: the receiver holds at least that many. A refusal counted while the others were still connecting saw fewer
     * working than the receiver takes; what works since corrects the ceiling and the refused level upward.
     */
    synchronized void sawWorking(int working) {
        if (working > connections) {
            connections = Math.min(configured.connections(), working);
        }
        if (refusedAt > 0 && refusedAt <= working) {
            refusedAt = working + 1;
        }
    }

    /**
     * Halves the connections; when the destination complained about the rate (not only the
     * number of connections), also halves the rate, starting from the rate seen so far. Replies
     * that arrive together (every open session gets the same 421) count once per pause.
     */
    synchronized void slowDown(boolean rate, double observedPerSecond) {
        long now = clock.getAsLong();
        if (now < pausedUntil) {
            return;
        }
        if (probing && now - changedAt < 2 * probeNanos) {
            probeNanos = Math.min(MAX_PROBE_NANOS, probeNanos * 2);
        }
        slowDowns++;
        connections = Math.max(1, connections / 2);
        if (rate) {
            double base = perSecond > 0 ? perSecond : Math.max(MIN_RATE * 2, observedPerSecond);
            perSecond = Math.max(MIN_RATE, base / 2);
        }
        changedAt = now;
        probing = false;
        pausedUntil = now + PAUSE_NANOS;
    }

    /** A message was accepted: after a quiet probe interval with mail accepted, one step back up. */
    synchronized void accepted() {
        long now = clock.getAsLong();
        if (!slowed() || now - changedAt < probeNanos) {
            return;
        }
        if (connections < configured.connections()) {
            connections++;
        }
        if (perSecond != configured.perSecond()) {
            double up = perSecond * 1.5;
            perSecond = configured.perSecond() > 0 ? Math.min(configured.perSecond(), up) : up;
            if (configured.perSecond() == 0 && perSecond > 100) {
                perSecond = 0; // fully recovered: no limit again
            }
        }
        changedAt = now;
        probing = true;
        if (!slowed()) {
            probeNanos = firstProbe; // back at the configured limits: a later slow-down starts afresh
        }
    }

    /** Nanoseconds to wait before the next message may start; reserves that slot. */
    synchronized long reserve() {
        long now = clock.getAsLong();
        long start = Math.max(now, pausedUntil);
        if (perSecond > 0) {
            start = Math.max(start, nextSlotNanos);
            nextSlotNanos = start + (long) (1_000_000_000L / perSecond);
        }
        return start - now;
    }
}
