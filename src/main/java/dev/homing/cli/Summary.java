package dev.homing.cli;

import dev.homing.node.Node;
import dev.homing.outcome.Judge;
import dev.homing.queue.OutcomeRow;
import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.io.PrintStream;
import java.util.List;

/** The final table of a send: by state, reason and code, with the plain sentence for each. */
final class Summary {
    private Summary() {
    }

    static void print(PrintStream out, List<OutcomeRow> rows, Judge judge) {
        out.printf("%7s  %-10s %-16s %-10s %s%n", "count", "state", "reason", "code", "what it means");
        for (OutcomeRow r : rows) {
            String code = r.code() == null ? "-" : r.code() + (r.enhanced() == null ? "" : " " + r.enhanced());
            String sentence = "";
            if (r.code() != null) {
                EnhancedStatus e = r.enhanced() == null ? null : EnhancedStatus.parse(r.enhanced()).orElse(null);
                Reply reply = new Reply(r.code(), e, List.of(r.example() == null ? "" : r.example()));
                boolean late = r.stage() == Stage.AFTER;
                // the same verdict as every other view of these deliveries (the stored reason stands)
                dev.homing.outcome.Verdict v = judge.recorded(r.reason() == null ? null : dev.homing.outcome.Reason.fromLabel(r.reason()),
                        r.stage(), reply, r.state() == dev.homing.queue.DeliveryState.DEFERRED);
                sentence = v == null ? "" : v.sentence();
                if (late) {
                    sentence = "Accepted with 250, then bounced by a report that came back later: " + sentence;
                }
                if (r.state() == dev.homing.queue.DeliveryState.EXPIRED) {
                    sentence = "Gave up: still failing when the time allowed for retrying ran out. The last answer: " + sentence;
                }
            } else if (r.state() == dev.homing.queue.DeliveryState.SUPPRESSED) {
                sentence = "Not sent: the address is on the suppression list ('homing suppress ls' says why).";
            } else {
                sentence = "Waiting for its first attempt.";
            }
            out.printf("%7d  %-10s %-16s %-10s %s%n", r.count(), r.state().label(), r.reason() == null ? "-" : r.reason(), code, sentence);
            if (r.example() != null && r.code() != null && r.code() >= 200) {
                out.printf("%7s  %-10s %-16s %-10s   e.g. \"%s\"%n", "", "", "", "", shorten(dev.homing.smtp.Reply.wordsAfterCodes(r.example())));
            }
        }
    }

    /**
     * The temporary answers met on the way (421, 450, 451: greylisting, rate limits, busy servers), which the final states
     * hide: by code and reason, the deliveries they touched and how those ended.
     */
    static void temporary(PrintStream out, Node node, long messageId) {
        temporary(out, new dev.homing.report.Reports(node.db, dev.homing.provider.ProviderDetector.offline()).temporaryAnswers(messageId));
    }

    static void temporary(PrintStream out, List<dev.homing.report.TemporaryAnswer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        out.println();
        out.println("Temporary answers met on the way (each retried; the table above shows how deliveries ended):");
        out.printf("%10s  %8s  %-10s %-16s %-40s %s%n", "deliveries", "attempts", "code", "reason", "how they ended", "what it means");
        for (var a : answers) {
            String code = a.code() + (a.enhanced() == null || a.code() < 200 ? "" : " " + a.enhanced());
            out.printf("%10d  %8d  %-10s %-16s %-40s %s%n", a.deliveries(), a.attempts(), code, a.reason().label(), a.ended(), a.sentence());
            if (!a.example().isEmpty() && a.code() >= 300) {
                out.printf("%10s  %8s    e.g. \"%s\"%n", "", "", shorten(a.example()));
            }
        }
    }

    /** Failures that point at the input file, with its name and line, so the list can be fixed. */
    static void inputFailures(PrintStream out, List<dev.homing.queue.QueueView.InputFailure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        out.println();
        out.println("These recipients failed before any mail server answered; fix or remove them in the list:");
        for (var f : failures) {
            out.printf("  %s: %s: %s (%d)%n", f.source() == null ? "-" : f.source(), f.recipient(), shorten(f.detail()), f.code());
        }
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 110 ? one.substring(0, 107) + "..." : one;
    }
}
