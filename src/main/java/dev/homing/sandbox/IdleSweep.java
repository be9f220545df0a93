package dev.homing.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated MX's idle limit (RFC 5321 4.5.3.2.7: a server waits 5 minutes for the next command or
 * data), kept by one thread that looks at every open connection a few times a second and ends a read
 * that has waited too long. A socket read timeout would do the same, but on a virtual thread every
 * timed read schedules a wake-up with the scheduler's timer thread and cancels it when the data
 * comes, several hand-offs per message; this keeps a thousand sessions' reads untimed.
 */
final class IdleSweep implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdleSweep.class);

    private final long limitNanos;
    private final long periodMillis;
    private final Set<WatchedSocket> sockets = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    IdleSweep(Duration limit) {
        this.limitNanos = limit.toNanos();
        // a quarter of the limit, between 10 ms (tests) and 1 s: the limit is kept to within that
        this.periodMillis = Math.clamp(limit.toMillis() / 4, 10, 1_000);
        this.thread = Thread.ofPlatform().name("sandbox-idle-sweep").daemon(true).start(this::run);
    }

    /** A socket for a newly accepted connection, watched until it is closed. */
    WatchedSocket socket() {
        WatchedSocket s = new WatchedSocket(this);
        sockets.add(s);
        return s;
    }

    void forget(WatchedSocket s) {
        sockets.remove(s);
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(periodMillis);
            } catch (InterruptedException e) {
                return;
            }
            long limitStart = System.nanoTime() - limitNanos;
            for (WatchedSocket s : sockets) {
                try {
                    if (s.isClosed()) {
                        sockets.remove(s);
                    } else if (s.idleSince(limitStart)) {
                        sockets.remove(s);
                        s.expire();
                    }
                } catch (IOException | RuntimeException e) {
                    // the session ends on its own; one odd socket must not stop the sweep for the others
                    log.debug("idle connection {} could not be ended cleanly: {}", s, e.toString());
                    RawListener.closeQuietly(s);
                }
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
