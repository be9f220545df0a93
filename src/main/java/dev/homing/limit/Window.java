package dev.homing.limit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code limit} events per key (a client address, an account) in any sliding window: the public
 * form's requests, the safelist lookups, login attempts, inbound messages per sender. Keys are what
 * outsiders send, so once the table holds more than {@value #MAX_KEYS} of them the idle ones are forgotten.
 * Thread-safe; each call is atomic, so parallel requests cannot all pass one check.
 */
public final class Window {
    private static final int MAX_KEYS = 10_000;

    private final int limit;
    private final long windowMillis;
    private final Map<String, Deque<Long>> seen = new HashMap<>();

    public Window(int limit, Duration window) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** Counts an event for the key now and says whether it is within the limit (an event over it is not counted). */
    public boolean allow(String key) {
        return allow(key, System.currentTimeMillis());
    }

    /** The same at a given time (milliseconds): the caller that keeps one clock for several limits passes it. */
    public synchronized boolean allow(String key, long now) {
        if (seen.size() > MAX_KEYS) {
            seen.values().removeIf(t -> t.isEmpty() || t.peekLast() <= now - windowMillis);
        }
        Deque<Long> times = seen.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** How long until the key may have another event, from {@code now}: zero when it may now. */
    public synchronized Duration wait(String key, long now) {
        Deque<Long> times = seen.get(key);
        if (times == null) {
            return Duration.ZERO;
        }
        long live = times.stream().filter(t -> t > now - windowMillis).count();
        if (live < limit) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(0, times.peekFirst() + windowMillis - now));
    }

    /** Takes back an event counted at {@code at} (a login that turned out right does not count against its address). */
    public synchronized void giveBack(String key, long at) {
        Deque<Long> times = seen.get(key);
        if (times != null) {
            times.removeLastOccurrence(at);
        }
    }
}
