package dev.homing.queue;

import java.time.Instant;

/**
 * A delivery claimed for sending: what the engine needs to render and send one message to one recipient.
 *
 * @param attempts attempts made before this one
 * @param shard    the shard it was queued in (its domain's {@link Rollup} key, hashed)
 */
public record Delivery(long id, long messageId, String recipient, String domain, String vars, int attempts,
                       Instant createdAt, int shard) {
}
