package dev.homing.queue;

/**
 * Something a receiver said about a delivery after its SMTP transaction ended: a bounce report,
 * a delay notice, a success notice, a complaint.
 *
 * @param status    the enhanced status code from the report, or null
 * @param code      the remote SMTP reply code from the report, or null
 * @param reason    the judged reason (outcome vocabulary)
 * @param inboundId the received message it came in, or null
 */
public record LateEvent(Kind kind, String status, Integer code, String reason, String detail, Long inboundId) {
    public enum Kind {
        /** A failure report: a delivered delivery becomes bounced. */
        BOUNCE,
        /** A delay notice: recorded; the delivery's state does not change. */
        DELAY,
        /** A success notice (DSN action delivered/relayed): recorded only. */
        SUCCESS,
        /** A spam complaint: the delivery becomes complained. */
        COMPLAINT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
