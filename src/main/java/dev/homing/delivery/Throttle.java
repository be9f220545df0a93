package dev.homing.delivery;

/**
 * A destination's current concurrency and rate, adapted to what it says: a "slow down" verdict
 * (421, too many connections, rate limited) halves both at once; every {@value #RECOVER_AFTER}
 * accepted messages since the last change give back one connection and a quarter of the rate,
 * up to the configured limits. Thread-safe.
 */
final class Throttle {
    static final int RECOVER_AFTER = 20;
    /** After a slow-down, no new message is started for this long. */
    static final long PAUSE_NANOS = 1_000_000_000L;

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

    synchronized int slowDowns() {
        return slowDowns;
    }

    synchronized void slowDown(double observedPerSecond) {
        slowDowns++;
        connections = Math.max(1, connections / 2);
        double base = perSecond > 0 ? perSecond : Math.max(1, observedPerSecond);
        perSecond = Math.max(0.2, base / 2);
        successes = 0;
        pausedUntil = System.nanoTime() + PAUSE_NANOS;
    }

    synchronized void accepted() {
        if (++successes < RECOVER_AFTER) {
            return;
        }
        successes = 0;
        connections = Math.min(configured.connections(), connections + 1);
        if (perSecond > 0) {
            double up = perSecond * 1.25;
            perSecond = configured.perSecond() > 0 ? Math.min(configured.perSecond(), up) : up;
            if (configured.perSecond() == 0 && connections == configured.connections() && perSecond > 1000) {
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
