package dev.homing.inbound;

import dev.homing.outcome.Reason;

import java.util.Objects;

/**
 * One recipient of a bounce.
 *
 * @param address    the recipient address, lower-case domain as given
 * @param action     what the reporting server did for this recipient
 * @param status     the enhanced status ("5.1.1"); when the report has none, the class alone ("5.0.0"), or null when
 *                   not even the class is known
 * @param replyCode  the remote server's reply code, 0 when the report quotes none
 * @param diagnostic the remote server's words (or the reporting server's own explanation), single-spaced; may be empty
 * @param remoteMta  the host that refused, or null
 * @param reason     the judgement, by {@link dev.homing.outcome.Judge}
 * @param hard       true when the address will never work (the reason is a hard one and the report is final)
 */
public record BouncedRecipient(String address, Action action, String status, int replyCode, String diagnostic,
                               String remoteMta, Reason reason, boolean hard) {
    public BouncedRecipient {
        Objects.requireNonNull(address);
        Objects.requireNonNull(action);
        Objects.requireNonNull(reason);
        diagnostic = diagnostic == null ? "" : diagnostic;
    }
}
