package dev.homing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again after a temporary failure, and when to give up.
 *
 * @param delays the wait after the 1st, 2nd, ... temporary failure; the last repeats
 * @param jitter fraction of each delay added or removed at random (0.2 = ±20%), so that
 *               deliveries deferred together do not all come back in the same second
 * @param maxAge a delivery older than this when its next attempt would be due ends {@code expired}
 */
public record RetrySchedule(List<Duration> delays, double jitter, Duration maxAge) {

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
    }

    /** Close to what large senders use: quick first retries (greylisting clears in minutes), then hours; five days in all. */
    public static RetrySchedule standard() {
        return new RetrySchedule(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4)),
                0.2, Duration.ofDays(5));
    }

    /** The time of the next attempt after {@code failures} temporary failures (1 = the first). */
    public Instant next(int failures, Instant now) {
        Duration base = delays.get(Math.min(Math.max(failures, 1), delays.size()) - 1);
        long ms = base.toMillis();
        long spread = (long) (ms * jitter);
        long delta = spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        return now.plusMillis(ms + delta);
    }

    /** True when a delivery created at {@code createdAt} may not be tried at {@code when}. */
    public boolean expiredAt(Instant createdAt, Instant when) {
        return when.isAfter(createdAt.plus(maxAge));
    }
}
