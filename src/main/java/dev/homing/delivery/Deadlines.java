package dev.homing.delivery;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time limits of the SMTP client's reads and writes, kept by one thread that looks at every open
 * connection a few times a second and closes a socket whose operation is overdue. A socket read
 * timeout would do the same for reads, but on a virtual thread every timed wait schedules a wake-up
 * with the scheduler and cancels it when the reply comes: two hand-offs to the scheduler's timer
 * thread per reply, several per message (measured per delivery: ~8 futex calls and ~5.5 context
 * switches with them, ~0.7 and ~1.1 without). Writes have no timeout in Java sockets at all. A limit is
 * kept to within {@link #PERIOD} late, which is nothing against SMTP's limits of minutes.
 */
final class Deadlines {
    static final Duration PERIOD = Duration.ofMillis(100);
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Deadlines.class);
    private static final Deadlines SHARED = new Deadlines();

    /** Marks a deadline that has fired; {@code 0} marks none set. */
    private static final long FIRED = Long.MIN_VALUE;
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    /** Made when a session first needs a watch (class initialisation), so a process that sends nothing starts no thread. */
    private Deadlines() {
        Thread.ofPlatform().name("homing-smtp-deadlines").daemon(true).start(this::sweep);
    }

    /** A watch for one connection's operations, until it is closed. */
    static Watch watch(Socket socket) {
        return SHARED.add(socket);
    }

    private Watch add(Socket socket) {
        Watch w = new Watch(socket);
        watches.add(w);
        return w;
    }

    private void sweep() {
        while (true) {
            try {
                Thread.sleep(PERIOD);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : watches) {
                try {
                    if (w.socket.isClosed()) {
                        watches.remove(w); // a session that failed and was never closed: nothing left to watch
                    } else {
                        w.check(now);
                    }
                } catch (RuntimeException e) {
                    // one odd socket must not end the sweeping: every other connection's limits depend on it
                    log.warn("deadline check failed for {}: {}", w.socket, e.toString());
                }
            }
        }
    }

    /** The deadline of the operation a connection is in, if any. */
    final class Watch implements AutoCloseable {
        private final AtomicLong deadline = new AtomicLong();
        /** The plain TCP socket: closed when a deadline passes, which also fails a TLS layer over it. */
        private final Socket socket;

        private Watch(Socket socket) {
            this.socket = socket;
        }

        /** Starts the clock for one operation. */
        void arm(Duration limit) {
            long d = System.nanoTime() + limit.toNanos();
            deadline.set(d == 0 || d == FIRED ? d + 1 : d);
        }

        /** Stops the clock; true when the deadline had passed and the socket was closed. */
        boolean disarm() {
            return deadline.getAndSet(0) == FIRED;
        }

        private void check(long now) {
            long d = deadline.get();
            if (d != 0 && d != FIRED && now - d >= 0 && deadline.compareAndSet(d, FIRED)) {
                try {
                    socket.close(); // the blocked read or write fails at once; disarm() then says why
                } catch (IOException ignored) {
                    // closed either way
                }
            }
        }

        @Override
        public void close() {
            watches.remove(this);
        }
    }
}
