package dev.homing.delivery;

/**
 * A destination's current concurrency and rate, adapted to what it says: a "slow down" verdict
 * (421, too many connections, rate limited) halves the connections, and the rate when the
 * complaint was about the rate; every {@value #RECOVER_AFTER}
 * accepted messages since the last change give back one connection and half again the rate,
 * up to the configured limits. Thread-safe.
 */
final class Throttle {
    static final int RECOVER_AFTER = 20;
    /** After a slow-down, no new message is started for this long. */
    static final long PAUSE_NANOS = 1_000_000_000L;
    /** The slowest a destination is throttled to: one message per second. */
    static final double MIN_RATE = 1.0;

    private final Limits configured;
    private int connections;
    private double perSecond;
    private int successes;
    private long nextSlotNanos;
    private long pausedUntil;
    private int slowDowns;

    Throttle(Limits configured) {
        this.configured = configured;
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

    /**
     * Halves the connections; when the destination complained about the rate (not only the
     * number of connections), also halves the rate, starting from the rate seen so far. Replies
     * that arrive together (every open session gets the same 421) count once per pause.
     */
    synchronized void slowDown(boolean rate, double observedPerSecond) {
        long now = System.nanoTime();
        if (now < pausedUntil) {
            return;
        }
        slowDowns++;
        connections = Math.max(1, connections / 2);
        if (rate) {
            double base = perSecond > 0 ? perSecond : Math.max(MIN_RATE * 2, observedPerSecond);
            perSecond = Math.max(MIN_RATE, base / 2);
        }
        successes = 0;
        pausedUntil = now + PAUSE_NANOS;
    }

    synchronized void accepted() {
        if (++successes < RECOVER_AFTER) {
            return;
        }
        successes = 0;
        connections = Math.min(configured.connections(), connections + 1);
        if (perSecond > 0) {
            double up = perSecond * 1.5;
            perSecond = configured.perSecond() > 0 ? Math.min(configured.perSecond(), up) : up;
            if (configured.perSecond() == 0 && perSecond > 100) {
                perSecond = 0; // fully recovered: no limit again
            }
        }
    }

    /** Nanoseconds to wait before the next message may start; reserves that slot. */
    synchronized long reserve() {
        long now = System.nanoTime();
        long start = Math.max(now, pausedUntil);
        if (perSecond > 0) {
            start = Math.max(start, nextSlotNanos);
            nextSlotNanos = start + (long) (1_000_000_000L / perSecond);
        }
        return start - now;
    }
}
