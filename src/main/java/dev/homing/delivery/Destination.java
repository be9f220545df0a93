package dev.homing.delivery;

import dev.homing.queue.Delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory queue of one destination domain: deliveries claimed and waiting for a connection,
 * and the number of its open sessions. Its sessions count against the {@link Pool} of the service
 * that receives its mail, whose throttle they follow. Sessions take from it; the dispatcher fills it.
 */
final class Destination {
    static final int BACKLOG_PER_SESSION = 10;
    private final String domain;
    private volatile Pool pool;
    private final TlsPolicy tls;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Delivery> pending = new ArrayDeque<>();
    private int sessions;
    /** pending.size(), readable without the lock: the dispatcher looks at every destination many times a second. */
    private volatile int waiting;
    /** The shard of the deliveries last added (a domain's deliveries share one), -1 before any. */
    private volatile int shard = -1;

    Destination(String domain, Pool pool, TlsPolicy tls) {
        this.domain = domain;
        this.pool = pool;
        this.tls = tls;
    }

    String domain() {
        return domain;
    }

    /** The pool new sessions count against; a session keeps the one it took its slot from. */
    Pool pool() {
        return pool;
    }

    /** Moves the destination to the pool of the service found to receive its mail (sessions open already stay where they are). */
    void moveTo(Pool p) {
        this.pool = p;
    }

    TlsPolicy tls() {
        return tls;
    }

    void add(Delivery d) {
        lock.lock();
        try {
            shard = d.shard();
            pending.add(d);
            waiting = pending.size();
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    int pending() {
        return waiting;
    }

    int shard() {
        return shard;
    }

    /** Puts back a delivery a session took but could not send (its pool was full): first in line again. */
    void putBack(Delivery d) {
        lock.lock();
        try {
            pending.addFirst(d);
            waiting = pending.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reserves a session slot when the pool's throttle allows one more and the backlog needs it:
     * idle sessions take new work first, and a busy session is expected to work through
     * {@value #BACKLOG_PER_SESSION} waiting messages on its reused connection before another
     * connection is worth its handshake.
     *
     * @return the pool the slot was taken from (the session gives it back there), or null
     */
    Pool tryOpenSession() {
        lock.lock();
        try {
            int idle = waitingSessionsEstimate();
            int busy = sessions - idle;
            int backlog = pending.size() - idle;
            if (backlog <= 0 || (sessions > 0 && backlog <= BACKLOG_PER_SESSION * busy)) {
                return null;
            }
            Pool p = pool;
            if (!p.tryTake()) {
                return null;
            }
            sessions++;
            return p;
        } finally {
            lock.unlock();
        }
    }

    /** Idle sessions are already waiting for work; do not open more than the backlog needs. */
    private int waitingSessionsEstimate() {
        return lock.hasWaiters(arrived) ? lock.getWaitQueueLength(arrived) : 0;
    }

    void sessionClosed() {
        lock.lock();
        try {
            sessions--;
        } finally {
            lock.unlock();
        }
    }

    int sessions() {
        lock.lock();
        try {
            return sessions;
        } finally {
            lock.unlock();
        }
    }

    /** The next delivery, waiting up to the idle time for one; null when none came. */
    Delivery next(long idleMillis) throws InterruptedException {
        return next(idleMillis, () -> false);
    }

    /**
     * The next delivery, waiting up to the idle time for one; null when none came, or at once when
     * {@code leave} says so (checked when woken: see {@link #wakeIdle}).
     */
    Delivery next(long idleMillis, java.util.function.BooleanSupplier leave) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
            while (pending.isEmpty()) {
                if (nanos <= 0 || leave.getAsBoolean()) {
                    return null;
                }
                nanos = arrived.awaitNanos(nanos);
            }
            Delivery d = pending.poll();
            waiting = pending.size();
            return d;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the sessions waiting for work, so they can see whether they should give their connection up. */
    void wakeIdle() {
        lock.lock();
        try {
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the waiting deliveries {@code drop} selects out of the queue. */
    List<Delivery> remove(java.util.function.Predicate<Delivery> drop) {
        lock.lock();
        try {
            List<Delivery> out = new ArrayList<>();
            pending.removeIf(d -> drop.test(d) && out.add(d));
            waiting = pending.size();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Takes every waiting delivery (a connection-level failure applies to all of them). */
    List<Delivery> drain() {
        return remove(d -> true);
    }
}
