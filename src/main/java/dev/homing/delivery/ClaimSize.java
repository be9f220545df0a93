package dev.homing.delivery;

/**
 * How many deliveries the dispatcher claims at once: few at first, then twice as many after each
 * claim that came back full, up to {@link #MAX}. Sessions open only once a claim returns, and a cold
 * JVM takes seconds to claim {@code MAX} rows from the embedded database (a thread dump of a
 * 60,000-recipient campaign: 2.5 s in the first claim, no session open). Starting small puts the first
 * messages on the wire about two seconds sooner, while the rest is claimed.
 */
final class ClaimSize {
    static final int FIRST = 250;
    static final int MAX = 5_000;

    private int size = FIRST;

    /** The most to claim next. */
    int next() {
        return size;
    }

    /** Notes what the last claim returned: a full claim doubles the next one. */
    void claimed(int count) {
        if (count >= size) {
            size = Math.min(size * 2, MAX);
        }
    }
}
