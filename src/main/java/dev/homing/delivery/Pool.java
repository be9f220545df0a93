package dev.homing.delivery;

/**
 * The limits shared by every destination domain one receiving service hosts (its rollup key: all
 * Google-hosted domains are one pool): open sessions counted against the throttle's connections, the
 * throttle itself, and the acceptance rate a slow-down starts from. A domain no big service hosts is a
 * pool of its own. Thread-safe.
 */
final class Pool {
    private final String key;
    private final Throttle throttle;
    private final long startNanos = System.nanoTime();
    private int sessions;
    /** Sessions with a connection open and sending (the others are still connecting). */
    private int working;
    private long accepted;

    Pool(String key, Limits limits) {
        this.key = key;
        this.throttle = new Throttle(limits);
    }

    String key() {
        return key;
    }

    Throttle throttle() {
        return throttle;
    }

    /** Takes a session slot when the pool is below its connections. */
    synchronized boolean tryTake() {
        if (sessions >= throttle.connections()) {
            return false;
        }
        sessions++;
        return true;
    }

    synchronized void release() {
        sessions--;
    }

    synchronized int sessions() {
        return sessions;
    }

    synchronized void working(boolean open) {
        working += open ? 1 : -1;
        if (open) {
            throttle.sawWorking(working);
        }
    }

    synchronized int working() {
        return working;
    }

    synchronized void countAccepted() {
        accepted++;
    }

    synchronized double observedRate() {
        double secs = Math.max(1, (System.nanoTime() - startNanos) / 1e9);
        return accepted / secs;
    }
}
