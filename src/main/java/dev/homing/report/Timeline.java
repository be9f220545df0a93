package dev.homing.report;

import java.time.Instant;
import java.util.List;

/**
 * Everything that happened to one delivery, oldest first: each attempt, then each event that came back
 * after the transaction (a late bounce, a delay notice, a complaint), and the diagnosis of the whole.
 */
public record Timeline(DeliveryFacts delivery, List<Step> steps, Diagnosis diagnosis) {
    public Timeline {
        steps = List.copyOf(steps);
    }

    /** One point on the timeline. */
    public sealed interface Step {
        Instant at();
    }

    /**
     * One SMTP attempt.
     *
     * @param mxHost     the MX host tried last, or null when none was reached (DNS failure)
     * @param stage      how far the dialog got ("rcpt", "dot", ...)
     * @param code       the deciding reply code (an internal 1xx code when there was no reply)
     * @param excerpt    the start of the server's reply text, on one line
     * @param connectMs  time to connect and read the banner, or null when the connection was reused
     * @param disposition delivered, retry, failed or uncertain
     * @param transcript both sides of the dialogue ("=== " Homing's notes, " -> " sent, "<-  " received), or "" when none was kept
     */
    public record AttemptStep(Instant at, int number, String mxHost, String mxIp, String stage, int code, String enhanced,
                              String excerpt, Integer connectMs, int durationMs, String disposition, String reason,
                              String transcript) implements Step {
    }

    /**
     * A report that came back by mail after the transaction.
     *
     * @param kind   bounce, delay, success or complaint
     * @param before    the delivery's state before it, {@code after} the state it left
     * @param inboundId the stored report (bounce, complaint) it was read from, or null (kept for inbound.retention)
     */
    public record EventStep(Instant at, String kind, String status, Integer code, String reason, String excerpt, String before,
                            String after, Long inboundId) implements Step {
    }
}
