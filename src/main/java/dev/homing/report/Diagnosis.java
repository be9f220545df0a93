package dev.homing.report;

import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.provider.Provider;

/**
 * What happened to one delivery and what to do next, for the sender.
 *
 * @param outcome     what became of it (delivered, bounced, suspected filtering, ...)
 * @param reason      the reason in the judge's vocabulary ({@link Reason#DELIVERED} when it arrived)
 * @param verdict     what happened, in plain sentences
 * @param responsible who or what the failure is attributed to ({@link Responsibility#NONE} when nothing failed)
 * @param action      the next thing to do
 * @param provider    the recipient's mailbox provider, from its domain's MX ({@link Provider#OTHER} when unknown or offline)
 */
public record Diagnosis(Outcome outcome, Reason reason, String verdict, Responsibility responsible, Action action, Provider provider) {

    /** The provider's name for a report; "other" when not recognised (its display name is written for recipients). */
    public String providerName() {
        return provider == Provider.OTHER ? "other" : provider.displayName();
    }

    /** Who is responsible, in words a sender uses. */
    public String responsibleText() {
        if (outcome instanceof Outcome.Complained) {
            return "the recipient: they did not want this mail";
        }
        return switch (responsible) {
            case NONE -> "nobody: nothing failed";
            case RECIPIENT -> "the address";
            case REMOTE_POLICY -> "the receiving side's policy or filter";
            case SENDER -> "our sending reputation or authentication";
            case CONTENT -> "the content of the message";
            case NETWORK -> "the network or a mail server on the way";
            case OURS -> "our side (Homing)";
        };
    }
}
