package dev.homing.report;

import dev.homing.outcome.Reason;

import java.time.Instant;

/** What became of one delivery, as a sender would name it. Each kind gets its own wording in a diagnosis. */
public sealed interface Outcome {

    /** A short name for tables and CSV ("delivered", "suspected filtering"). */
    String label();

    /** Not sent yet: waiting for its first attempt, or being sent now. */
    record Waiting() implements Outcome {
        public String label() {
            return "waiting";
        }
    }

    /** Refused for now; the queue tries again at {@code nextAttempt}. */
    record Retrying(Reason reason, int attempts, Instant nextAttempt) implements Outcome {
        public String label() {
            return "retrying";
        }
    }

    /** The receiving server accepted the message (250): handed over, not proven to be in the inbox. */
    record Delivered(Instant at) implements Outcome {
        public String label() {
            return "delivered";
        }
    }

    /** Refused for good during the SMTP transaction. */
    record Bounced(Reason reason, boolean hard) implements Outcome {
        public String label() {
            return "bounced";
        }
    }

    /**
     * "User unknown" for a mailbox that took mail before, or one of many at the same domain at once:
     * likely a filter, not a dead address. The address is kept for now.
     */
    record SuspectedFiltering(Reason reason, boolean afterAccepted) implements Outcome {
        public String label() {
            return "suspected filtering";
        }
    }

    /** Accepted with a 250, then bounced by a report that came back later by mail. */
    record LateBounce(Reason reason, Instant acceptedAt, Instant bouncedAt) implements Outcome {
        public String label() {
            return "late bounce";
        }
    }

    /** Still refused for now when the time allowed for retrying ran out. */
    record Expired(Reason lastReason) implements Outcome {
        public String label() {
            return "expired";
        }
    }

    /** The connection ended after the message was sent and before the final reply (147): it may have arrived. */
    record Uncertain(Instant at) implements Outcome {
        public String label() {
            return "uncertain";
        }
    }

    /** The recipient received it and complained (marked it as spam), as their provider reported. */
    record Complained(Instant at) implements Outcome {
        public String label() {
            return "complaint";
        }
    }

    /** Not sent: the address was on the suppression list. */
    record Suppressed() implements Outcome {
        public String label() {
            return "suppressed";
        }
    }
}
