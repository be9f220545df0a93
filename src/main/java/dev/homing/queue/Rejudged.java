package dev.homing.queue;

/**
 * What a late event did to its delivery.
 *
 * @param before the state before the event
 * @param after  the state after it (the same when the event is only recorded)
 * @param settledAt when the delivery last changed before this event (its 250, for a late bounce)
 */
public record Rejudged(long deliveryId, long messageId, String recipient, DeliveryState before, DeliveryState after,
                       java.time.Instant settledAt) {
    public boolean changed() {
        return before != after;
    }
}
