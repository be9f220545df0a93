package dev.homing.sandbox;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Postgrey-style greylisting: a (client IP, sender, recipient) triplet is refused until the delay
 * has passed since its first attempt, then accepted for good. Only greylist recipients reach it,
 * so the table stays small.
 */
final class Greylist {
    private final long delayNanos;
    private final ConcurrentHashMap<String, Long> firstSeen = new ConcurrentHashMap<>();

    Greylist(java.time.Duration delay) {
        this.delayNanos = delay.toNanos();
    }

    /** True when the triplet has waited long enough; the first attempt starts the clock. */
    boolean passes(String clientIp, String sender, String recipient) {
        String key = clientIp + '/' + sender.toLowerCase(Locale.ROOT) + '/' + recipient.toLowerCase(Locale.ROOT);
        long now = System.nanoTime();
        Long first = firstSeen.putIfAbsent(key, now);
        if (first == null) {
            return delayNanos == 0;
        }
        return now - first >= delayNanos;
    }
}
