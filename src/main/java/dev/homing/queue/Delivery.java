package dev.homing.queue;

import java.time.Instant;

/**
 * A delivery claimed for sending: what the engine needs to render and send one message to one recipient.
 *
 * @param attempts attempts made before this one
 * @param shard    the shard it was queued in (its domain's {@link Rollup} key, hashed)
 * @param tenure   on a clustered node, the tenure of the shard it was claimed in ({@link Leases#tenure}): a copy
 *                 claimed before the node lost the shard is never sent after it, even if the node took the shard
 *                 back and claimed the delivery again; 0 when not clustered
 */
public record Delivery(long id, long messageId, String recipient, String domain, String vars, int attempts,
                       Instant createdAt, int shard, long tenure) {
}
