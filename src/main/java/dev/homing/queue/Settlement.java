package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Reason;

import java.time.Instant;

/**
 * The result of one attempt as the queue stores it: the attempt, the verdict's essentials and the
 * delivery's new state. Written to the journal first (one line) and then to the database in batches.
 *
 * @param domain      the destination, so a deferred delivery can go back on the work list
 * @param attemptNo   1 for the first attempt; recovery uses it to apply each settlement once
 * @param nextAttempt when the delivery is due again (only meaningful for {@code deferred})
 */
public record Settlement(long deliveryId, String domain, int attemptNo, DeliveryState state, Instant nextAttempt,
                         Disposition disposition, Reason reason, Attempt attempt) {
}
