package dev.homing.outcome;

/** What the queue does with a delivery after a verdict. */
public enum Disposition {
    /** The receiving server accepted the message (250 after the dot). */
    DELIVERED,
    /** Temporary: try again later (until the maximum queue age). */
    RETRY,
    /** Permanent: stop trying; the delivery ends bounced. */
    FAILED,
    /** The message may or may not have been handed over (147): never resent unless the operator asks. */
    UNCERTAIN
}
