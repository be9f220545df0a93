package dev.homing.inbound;

import dev.homing.outcome.Evidence;
import dev.homing.outcome.Judge;
import dev.homing.outcome.Reported;
import dev.homing.outcome.Reason;
import dev.homing.outcome.Verdict;
import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.util.List;

/**
 * Turns what a report says about one recipient into a {@link BouncedRecipient}, asking the product's
 * one {@link Judge} for the reason: the report's code, status and words become a {@link Reply}.
 */
final class Verdicts {
    private Verdicts() {
    }

    private static final Judge JUDGE = new Judge();

    /**
     * True when the reply names the recipient right after its code and status ("550 5.1.1 &lt;a@b&gt;... User unknown",
     * "550 &lt;a@b&gt;: Recipient address rejected"): the form of a reply to RCPT TO, which echoes the address it refuses
     * (Sendmail, Postfix, RFC 5321 section 4.2's examples). A report that names no command is then read as about RCPT.
     */
    static boolean echoesRecipient(String reply, String address) {
        if (reply == null || reply.length() < 4 || !Character.isDigit(reply.charAt(0))) {
            return false;
        }
        int i = 3;
        while (i < reply.length() && (reply.charAt(i) == ' ' || reply.charAt(i) == '-' || reply.charAt(i) == ':')) {
            i++;
        }
        if (i + 1 < reply.length() && Character.isDigit(reply.charAt(i)) && reply.charAt(i + 1) == '.') { // the enhanced status
            while (i < reply.length() && reply.charAt(i) != ' ') {
                i++;
            }
            while (i < reply.length() && reply.charAt(i) == ' ') {
                i++;
            }
        }
        if (i < reply.length() && reply.charAt(i) == '<') {
            i++;
        }
        return reply.regionMatches(true, i, address, 0, address.length());
    }

    /**
     * @param status     the report's status field (may be null or malformed)
     * @param d          what the diagnostic text says
     * @param mailer     true when the report says a local delivery program failed (Diagnostic-Code type x-unix, an Exim pipe)
     * @param report     the reporting server's own text (its notice), read for its words of giving up after retrying
     */
    static BouncedRecipient recipient(String address, Action action, String status, Diagnostic d, String remoteMta, boolean mailer,
                                      String report) {
        // "Status: 4.2.2 (Over quota)": the code is the first word, a comment may follow
        String code0 = status == null ? null : status.strip().split("[\\s(;]", 2)[0];
        String fieldStatus = EnhancedStatus.parse(code0).map(EnhancedStatus::toString).orElse(null);
        // The remote server's own status, quoted in the diagnostic, says more than the reporting MTA's summary
        // (which is often 4.4.7 "expired" or a bare class); the field is the fallback.
        String best = d.status() != null ? d.status() : fieldStatus;
        int klass = best != null ? best.charAt(0) - '0'
                : d.code() != 0 ? d.code() / 100
                : action == Action.DELAYED ? 4
                : action == Action.FAILED ? 5 : 2;
        if (best == null) {
            best = klass + ".0.0";
        }
        if (action == Action.DELIVERED || action == Action.RELAYED || action == Action.EXPANDED) {
            return new BouncedRecipient(address, action, best, d.code(), d.text(), remoteMta, Reason.DELIVERED, false, Evidence.REPORT);
        }
        // a failure report quoting a 2xx: the class comes from the status or the action
        int code = d.code() != 0 ? d.code() : klass * 100 + 50;
        int replyCode = code >= 400 ? code : klass >= 4 ? klass * 100 + 50 : 550;
        EnhancedStatus enhanced = EnhancedStatus.parse(best).filter(s -> s.klass() == replyCode / 100).orElse(null);
        Reply reply = new Reply(replyCode, enhanced, List.of(Diagnostic.withoutStagePhrases(d.text())));
        Stage stage = d.stage() != null ? d.stage() : echoesRecipient(d.reply(), address) ? Stage.RCPT : null;
        Verdict v = JUDGE.judgeReported(new Reported(stage, reply, !d.text().isBlank(), action == Action.DELAYED, report, mailer));
        // hard: the reason says the address will never work, as the report tells it; a delay notice of one is still not
        // acted on as a bounce (its action is delayed, and the queue keeps the delivery going)
        return new BouncedRecipient(address, action, best, d.code(), d.text(), remoteMta, v.reason(), v.reason().hard(), v.evidence());
    }
}
