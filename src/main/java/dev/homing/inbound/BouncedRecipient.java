package dev.homing.inbound;

import dev.homing.outcome.Evidence;
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
 * @param hard       true when the reason says the address will never work (a hard bounce: {@link Reason#hard()}), as the
 *                   report tells it; a delay notice saying so is still not final (its action is delayed, and nothing acts
 *                   on it as a bounce)
 * @param evidence   what decided the reason ({@link Evidence#firm()} is false when only the command or the class did)
 * @param originalRecipient the address as the sender gave it, when the report names another beside the final one
 *                   (RFC 3464 2.3.1 Original-Recipient, or X-Actual-Recipient): a forwarded or aliased address; else null
 */
public record BouncedRecipient(String address, Action action, String status, int replyCode, String diagnostic,
                               String remoteMta, Reason reason, boolean hard, Evidence evidence, String originalRecipient) {
    public BouncedRecipient {
        Objects.requireNonNull(address);
        Objects.requireNonNull(action);
        Objects.requireNonNull(reason);
        Objects.requireNonNull(evidence);
        diagnostic = diagnostic == null ? "" : diagnostic;
    }

    public BouncedRecipient(String address, Action action, String status, int replyCode, String diagnostic, String remoteMta,
                            Reason reason, boolean hard, Evidence evidence) {
        this(address, action, status, replyCode, diagnostic, remoteMta, reason, hard, evidence, null);
    }

    /** The same, naming the address the sender gave when it differs from the final one. */
    BouncedRecipient withOriginal(String original) {
        return original == null || original.equalsIgnoreCase(address) ? this
                : new BouncedRecipient(address, action, status, replyCode, diagnostic, remoteMta, reason, hard, evidence, original);
    }

    /** The addresses the report names for this recipient: the final one, and the original one when given. */
    java.util.List<String> names() {
        return originalRecipient == null ? java.util.List.of(address) : java.util.List.of(address, originalRecipient);
    }
}
