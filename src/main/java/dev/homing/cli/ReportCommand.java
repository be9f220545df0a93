package dev.homing.cli;

import dev.homing.node.Node;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.DeliveryState;
import dev.homing.report.Action;
import dev.homing.report.CampaignDiagnosis;
import dev.homing.report.ReportCsv;
import dev.homing.report.Reports;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code homing report CAMPAIGN [--csv]}: what happened to a campaign and what to do, or its per-recipient table. */
@Command(name = "report", description = "What happened to a campaign's mail and what to do: failures by mailbox provider and reason, "
        + "counts by state, reason and SMTP code, the complaint rate. --csv prints one row per recipient instead.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;
    @Parameters(index = "0", paramLabel = "CAMPAIGN")
    String campaign;
    @Option(names = "--csv", description = "Print the per-recipient table as CSV: recipient, state, outcome, reason, code, enhanced,"
            + " responsible, action, provider, last event.")
    boolean csv;

    @Override
    public Integer call() {
        // the database alone: a report reads, so it works beside a delivering process (on PostgreSQL) and without one
        try (Database db = home.database()) {
            Reports reports = new Reports(db, detector(home));
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            if (csv) {
                out.print(ReportCsv.header());
                reports.forEachRecipient(campaign, l -> out.print(ReportCsv.row(l)));
            } else {
                print(out, reports.campaign(campaign));
            }
            out.flush();
            return 0;
        }
    }

    static ProviderDetector detector(HomeOptions home) {
        return home.noDns ? ProviderDetector.offline() : new ProviderDetector(dev.homing.dns.DnsClient.systemResolver());
    }

    static void print(PrintStream out, CampaignDiagnosis r) {
        out.println("campaign \"" + r.campaign() + "\"" + (r.from() == null ? "" : " from " + r.from()) + ": " + r.total() + " deliver"
                + (r.total() == 1 ? "y" : "ies"));
        if (r.total() == 0) {
            out.println("Not sent yet: 'homing campaign send " + r.campaign() + "' sends it.");
            return;
        }
        StringBuilder states = new StringBuilder();
        for (DeliveryState s : DeliveryState.values()) {
            long n = r.byState().getOrDefault(s, 0L);
            if (n > 0) {
                states.append(states.isEmpty() ? "" : ", ").append(n).append(' ').append(s.label());
            }
        }
        out.println("by state:   " + states);
        long accepted = r.delivered() + r.complained();
        if (accepted > 0) {
            out.printf(Locale.ROOT, "complaints: %d of %d delivered copies (%.2f%%)%s%n", r.complained(), accepted, 100 * r.complaintRate(),
                    r.complaintRateTooHigh() ? ", above the " + dev.homing.provider.ComplaintLine.LABEL + " line where Gmail and Yahoo start filtering" : "");
        }
        if (r.suspected() > 0) {
            out.println("suspected filtering: " + r.suspected() + " recipient" + (r.suspected() == 1 ? "" : "s") + " answered \"user unknown\""
                    + " but look alive; they are kept and not suppressed ('homing suppress review' lists them)");
        }
        out.println("Delivered means the receiving server accepted the message (250), not that it reached the inbox.");
        if (!r.groups().isEmpty()) {
            out.println();
            out.println("What went wrong, by provider and reason:");
            for (CampaignDiagnosis.Group g : r.groups()) {
                out.println("  - " + g.sentence());
            }
        }
        if (!r.byReason().isEmpty()) {
            out.println();
            out.printf("%7s  %-16s %-20s %s%n", "count", "reason", "outcome", "what it means; what to do");
            for (CampaignDiagnosis.ReasonCount c : r.byReason()) {
                out.printf("%7d  %-16s %-20s %s Do: %s.%n", c.count(), c.reason().label(), c.outcome(), c.sentence(), c.action());
            }
        }
        if (!r.byCode().isEmpty()) {
            out.println();
            out.printf("%7s  %-10s %-20s %s%n", "count", "last code", "outcome", "what it means; what to do");
            for (CampaignDiagnosis.CodeCount c : r.byCode()) {
                out.printf("%7d  %-10s %-20s %s Do: %s.%n", c.count(), c.code() + (c.enhanced() == null || c.code() < 200 ? "" : " " + c.enhanced()),
                        c.outcome(), c.sentence(), c.action());
                if (!c.example().isEmpty() && c.code() >= 300) {
                    out.printf("%7s  %-10s   e.g. \"%s\"%n", "", "", c.example());
                }
            }
        }
        Summary.temporary(out, r.temporary());
        for (CampaignDiagnosis.Group g : r.reputationGroups()) {
            out.println();
            out.println("The block-list steps (" + g.provider().displayName() + "):");
            for (String step : ((Action.RepairReputation) g.action()).steps()) {
                out.println("  " + step);
            }
        }
        out.println();
        out.println("One recipient's attempts and advice: 'homing delivery --to ADDRESS --campaign " + r.campaign() + "'; every recipient:"
                + " 'homing report " + r.campaign() + " --csv'.");
    }
}
