package dev.homing.inbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Messages one client address may start in a sliding window: past it the sender gets a 4yz and queues the
 * message for later, so a single address cannot fill the inbox or keep the mailroom busy. Addresses are the
 * senders' to choose: idle ones are forgotten once the table grows.
 */
final class MessageRate {
    private static final int MAX_ADDRESSES = 10_000;

    private final int limit;
    private final long windowMillis;
    private final Map<String, Deque<Long>> seen = new HashMap<>();

    MessageRate(int limit, long windowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    synchronized boolean allow(String client) {
        long now = System.currentTimeMillis();
        if (seen.size() > MAX_ADDRESSES) {
            seen.values().removeIf(t -> t.isEmpty() || t.peekLast() <= now - windowMillis);
        }
        Deque<Long> times = seen.computeIfAbsent(client, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }
}
