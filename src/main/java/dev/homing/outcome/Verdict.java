package dev.homing.outcome;

import java.util.Objects;

/**
 * The judgement of one reply or failure.
 *
 * @param disposition what the queue does next
 * @param reason      why, in Sisimai's vocabulary
 * @param hard        true when the address should not be mailed again (a hard bounce)
 * @param responsibility who the failure is attributed to
 * @param slowDown    true when the destination asks us to send slower (throttling, too many connections)
 * @param sentence    one plain sentence for a marketer
 */
public record Verdict(Disposition disposition, Reason reason, boolean hard, Responsibility responsibility,
                      boolean slowDown, String sentence) {
    public Verdict {
        Objects.requireNonNull(disposition);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(responsibility);
        Objects.requireNonNull(sentence);
    }
}
