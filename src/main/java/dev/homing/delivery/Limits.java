package dev.homing.delivery;

/**
 * Sending limits of one destination.
 *
 * @param connections at most this many simultaneous connections
 * @param perSecond   at most this many messages per second (0 = no rate limit)
 */
public record Limits(int connections, double perSecond) {
    public Limits {
        if (connections < 1) {
            throw new IllegalArgumentException("a destination needs at least one connection: " + connections);
        }
        if (perSecond < 0) {
            throw new IllegalArgumentException("rate cannot be negative: " + perSecond);
        }
    }
}
