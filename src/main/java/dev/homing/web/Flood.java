package dev.homing.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code limit} requests per client IP in any window of {@code windowMillis}: floods get 429. */
final class Flood {
    private final int limit;
    private final long windowMillis;
    private final ConcurrentHashMap<String, Deque<Long>> seen = new ConcurrentHashMap<>();

    Flood(int limit, long windowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    boolean allow(String ip) {
        long now = System.currentTimeMillis();
        if (seen.size() > 10_000) {
            // addresses are the visitors' to choose: idle ones go
            seen.values().removeIf(t -> {
                synchronized (t) {
                    return t.isEmpty() || t.peekLast() <= now - windowMillis;
                }
            });
        }
        Deque<Long> times = seen.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (times) {
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
}
