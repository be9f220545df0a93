package dev.homing.report;

import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.queue.DeliveryState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One campaign's outcome for the sender: counts by state, reason and SMTP code, the complaint rate,
 * and the failures grouped by mailbox provider and reason, each group one sentence with its advice.
 *
 * @param groups    failures (everything not delivered), largest group first
 * @param suspected deliveries held as suspected filtering (counted in {@code groups} as well)
 * @param temporary the temporary answers met on the way (421, 450, 451...), which the final states hide
 */
public record CampaignDiagnosis(String campaign, String from, long total, Map<DeliveryState, Long> byState, List<Group> groups,
                                List<ReasonCount> byReason, List<CodeCount> byCode, long delivered, long complained, long suspected,
                                List<TemporaryAnswer> temporary) {
    public CampaignDiagnosis {
        byState = Map.copyOf(byState);
        groups = List.copyOf(groups);
        byReason = List.copyOf(byReason);
        byCode = List.copyOf(byCode);
        temporary = List.copyOf(temporary);
    }

    /** Complaints per copy that reached a mailbox (delivered, including the complained ones); 0 when none did. */
    public double complaintRate() {
        long accepted = delivered + complained;
        return accepted == 0 ? 0 : (double) complained / accepted;
    }

    /** Gmail and Yahoo start filtering a sender whose complaint rate passes 0.3%. */
    public boolean complaintRateTooHigh() {
        return dev.homing.provider.ComplaintLine.above(complained, delivered + complained);
    }

    /** The provider groups whose failures call for the block-list steps, in the order of the groups. */
    public List<Group> reputationGroups() {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            if (g.action() instanceof Action.RepairReputation && out.stream().noneMatch(o -> o.provider() == g.provider())) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Deliveries of one provider group with the same outcome and reason.
     *
     * @param outcome  the outcome's label ("bounced", "suspected filtering", "late bounce", ...)
     * @param tag      the provider's own code for the refusal when its replies carry one (S3150, TSS04), or null
     * @param sentence "Microsoft blocked our sending IP (S3150) for 212 recipients: not the addresses; keep them; see the block-list steps."
     */
    public record Group(ProviderGroup provider, String outcome, Reason reason, String tag, long count, Responsibility responsible,
                        Action action, String sentence) {
    }

    /**
     * How many deliveries ended (or wait) with a reason and the same outcome, what that means and what to do: the same
     * reading as their groups and each recipient's diagnosis (a "user unknown" held as suspected filtering is its own row).
     *
     * @param outcome the outcome's label ("bounced", "suspected filtering", ...)
     * @param action  what to do, in a few words (the per-recipient table's words)
     */
    public record ReasonCount(Reason reason, String outcome, long count, String sentence, String action) {
    }

    /**
     * How many deliveries got a reply code (the last one) with the same outcome, what it means for them, what to do and an
     * example of the server's words.
     *
     * @param code an SMTP reply code, or an internal 1xx code for failures without a reply
     */
    public record CodeCount(int code, String enhanced, String outcome, long count, String sentence, String action, String example) {
    }
}
