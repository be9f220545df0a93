package dev.homing.report;

import dev.homing.queue.DeliveryState;

import java.time.Instant;

/**
 * What the tables say of one delivery: where it stands, its last verdict as stored, whether the
 * suppression rules hold its address, and the latest thing that happened after its SMTP transaction.
 *
 * @param stage             the stage of the last verdict ("rcpt", "dot", "after" for a late event), or null
 * @param reason            the stored reason label, or null before any attempt
 * @param code              the stored reply code (an internal 1xx code when there was no reply), or null
 * @param suppression       the global suppression status of the address ({@code active}, {@code suspected}), or null
 * @param suppressionSource why it is suppressed, as the suppression rules wrote it, or null
 * @param lastEvent         the latest late event (bounce, complaint, delay, success), or null
 * @param campaign          the campaign the delivery belongs to, or null for a plain send
 */
public record DeliveryFacts(long id, long messageId, String recipient, String domain, DeliveryState state, int attempts,
                            Instant createdAt, Instant nextAttemptAt, Instant updatedAt, String stage, String reason, Integer code,
                            String enhanced, String detail, String suppression, String suppressionSource, LateEvent lastEvent,
                            String campaign) {

    /**
     * One event after the transaction, as recorded.
     *
     * @param kind   bounce, delay, success or complaint
     * @param before the delivery's state before the event (delivered, for a bounce after a 250)
     */
    public record LateEvent(Instant at, String kind, String status, Integer code, String reason, String detail, String before) {
    }

    boolean suspected() {
        return "suspected".equals(suppression);
    }

    boolean suppressedNow() {
        return "active".equals(suppression);
    }

    /** Decided after the SMTP transaction, by a report that came back by mail. */
    boolean decidedLate() {
        return "after".equals(stage);
    }
}
