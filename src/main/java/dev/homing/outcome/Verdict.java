package dev.homing.outcome;

import java.util.Objects;

/**
 * The judgement of one reply or failure.
 *
 * @param disposition    what the queue does next
 * @param reason         why, in Sisimai's vocabulary: what the server said, never relabelled for caution
 * @param hard           true when the address should not be mailed again (a hard bounce)
 * @param responsibility who the failure is attributed to
 * @param slowDown       true when the destination asks us to send slower (throttling, too many connections)
 * @param sentence       one plain sentence for a marketer
 * @param evidence       what decided the reason; {@link Evidence#firm()} is false when it is only inferred
 */
public record Verdict(Disposition disposition, Reason reason, boolean hard, Responsibility responsibility,
                      boolean slowDown, String sentence, Evidence evidence) {
    public Verdict {
        Objects.requireNonNull(disposition);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(responsibility);
        Objects.requireNonNull(sentence);
        Objects.requireNonNull(evidence);
    }
}
