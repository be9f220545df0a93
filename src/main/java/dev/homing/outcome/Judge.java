package dev.homing.outcome;

import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns (stage, reply) into a {@link Verdict}. Failures without a reply arrive as replies whose
 * code is an {@link InternalCode} (1xx). Never decides from the first digit alone: the class only
 * says retry (4xx) or stop (5xx); the reason comes from the evidence in a fixed order ({@link Evidence}):
 * a provider's or MTA's exact wording, the reason vocabulary, the enhanced status, the command the
 * reply answered, and for a report the report itself, the class last ({@link Rules}). The reason is
 * what the server said: the verdict records what decided it, and a caller that must be careful (the
 * suppression rules) reads that, never a relabelled reason. Stateless and thread-safe.
 */
public final class Judge {

    /** A deferral that says it is a rate limit asks us to slow down, whatever its reason. */
    private static final Pattern RATE_LIMITED = Pattern.compile(
            "rate[- ]?limit|too (much|many) (mail|messages|e?mails)\\b|too (fast|quickly)|slow down", Pattern.CASE_INSENSITIVE);

    /**
     * @throws IllegalArgumentException for a positive reply anywhere but after the dot (a 250 to RCPT
     *                                  or a 354 is a step, not an outcome) and for a 1xx code that is
     *                                  not an {@link InternalCode}
     */
    public Verdict judge(Stage stage, Reply reply) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reply, "reply");
        int code = reply.code();
        if (InternalCode.isInternal(code)) {
            return NoReply.verdict(InternalCode.of(code)
                    .orElseThrow(() -> new IllegalArgumentException("not an internal code: " + code)));
        }
        if (code < 400) {
            return positive(stage, reply);
        }
        ReplyText read = ReplyText.of(reply);
        return verdict(Rules.first(stage, code, read.status(), read.text()), code, read.text());
    }

    private static Verdict verdict(Rule rule, int code, String text) {
        Disposition disposition = rule.disposition() != null ? rule.disposition()
                : code < 500 ? Disposition.RETRY : Disposition.FAILED;
        boolean hard = disposition == Disposition.FAILED && rule.reason().hard();
        boolean slowDown = rule.slowDown()
                || disposition == Disposition.RETRY && RATE_LIMITED.matcher(text).find();
        String sentence = rule.sentence() != null ? rule.sentence()
                : disposition == Disposition.RETRY ? rule.reason().deferredSentence() : rule.reason().sentence();
        return new Verdict(disposition, rule.reason(), hard, rule.responsible(), slowDown, sentence, rule.tier());
    }

    /**
     * Judges what a delivery report (a bounce or a delay notice) says about one recipient, after the fact.
     * The evidence is weighed in the same order as for a live reply, the report's own facts coming after
     * the command: a report of success is delivered; a local delivery program that failed is a
     * {@link Reason#MAILERERROR}; otherwise the quoted reply is judged by the table (a report that names no
     * command is read as about the recipient, and no row that reads the command applies). Then the report
     * itself: when the reporting server gave up after retrying (a final report about a temporary reply, or its
     * own words about its queue lifetime) and the reply names no cause of its own (it says only "not now": a
     * network failure, a host not found for now, nothing specific), the reason is {@link Reason#EXPIRED}, the
     * reply being the last of several; a delay notice (the server is still trying) keeps the cause it names, and is
     * {@link Reason#EXPIRED} (not yet final) when it names none. A delay is never final. A final report whose
     * words no row reads is {@link Reason#ONHOLD}: it says the message failed, but not why.
     */
    public Verdict judgeReported(Reported report) {
        Objects.requireNonNull(report, "report");
        Reply reply = report.reply();
        if (reply.code() < 400 && !InternalCode.isInternal(reply.code())) {
            return positive(Stage.DOT, reply);
        }
        Verdict v;
        boolean namesCause = false;
        boolean internal = InternalCode.isInternal(reply.code());
        ReplyText read = internal ? null : ReplyText.of(reply);
        Rule rule = internal ? null : Rules.first(report.stage(), reply.code(), read.status(), read.text());
        if (report.localProgram() && !namesRecipientState(rule)) {
            // a local delivery program failed (RFC 3464 "X-Unix" diagnostic): mailererror, unless it said the recipient's state
            Reason r = Reason.MAILERERROR;
            v = new Verdict(Disposition.FAILED, r, false, r.responsibility(), false, r.sentence(), Evidence.WORDING);
        } else if (internal) {
            v = judge(report.stage() == null ? Stage.RCPT : report.stage(), reply);
        } else {
            v = verdict(rule, reply.code(), read.text());
            namesCause = rule.namesCause();
        }
        Reason reason = v.reason();
        Evidence evidence = v.evidence();
        // a host not found for now (a 4xx: the DNS answer may come) is a failure to reach the destination, as a network error is
        boolean saysOnlyNotNow = !namesCause && (GAVE_UP_ON.contains(reason) || !evidence.firm()
                || reason == Reason.HOSTUNKNOWN && reply.isTransient());
        // the report's own words are read only when they can change the reason (they are long, the reply is short)
        boolean gaveUp = !report.delayed() && saysOnlyNotNow && (reply.isTransient() || saysGaveUp(reply.text()) || saysGaveUp(report.reportWords()));
        boolean noCause = !namesCause && (reason == Reason.UNDEFINED || reason == Reason.ONHOLD || !evidence.firm());
        if (gaveUp || report.delayed() && noCause) {
            reason = Reason.EXPIRED;
            evidence = Evidence.REPORT;
        } else if (evidence == Evidence.CLASS && reason == Reason.UNDEFINED && report.quotesWords()) {
            reason = Reason.ONHOLD;
            evidence = Evidence.REPORT;
        }
        Responsibility responsible = reason == v.reason() ? v.responsibility() : reason.responsibility();
        if (report.delayed()) {
            String sentence = reason == v.reason() && v.disposition() == Disposition.RETRY ? v.sentence() : reason.deferredSentence();
            return new Verdict(Disposition.RETRY, reason, false, responsible, v.slowDown(), sentence, evidence);
        }
        String sentence = reason == v.reason() && v.disposition() == Disposition.FAILED ? v.sentence() : reason.sentence();
        return new Verdict(Disposition.FAILED, reason, reason.hard(), responsible, v.slowDown(), sentence, evidence);
    }

    /**
     * The verdict of a delivery as it was recorded, for every view that shows it (reports, tables, the API,
     * suppression): the stored reason stands, and the stored reply is judged again only for what is not
     * stored (who is responsible, the sentence, what decided it). When the rules have changed since and read
     * the reply differently, the stored reason keeps its usual facts, and the evidence is taken as weak.
     *
     * @param stored the stored reason, or null when none was stored
     * @param stage  the stage of the stored reply, {@link Stage#AFTER} for one a report gave after the transaction
     * @param reply  the stored reply, or null when none was stored
     * @param retrying true while the delivery is still being retried
     * @return the verdict, or null when there is neither a stored reason nor a reply to judge
     */
    public Verdict recorded(Reason stored, Stage stage, Reply reply, boolean retrying) {
        Verdict v = null;
        if (reply != null) {
            try {
                v = stage == Stage.AFTER
                        ? judgeReported(new Reported(null, reply, !reply.text().isBlank(), retrying, null, false))
                        : judge(stage == null ? Stage.DOT : stage, reply);
            } catch (IllegalArgumentException e) {
                v = null; // a stored reply the judge cannot read (a 250 at a stage that is not the dot): the stored reason stands
            }
        }
        if (v != null && (stored == null || v.reason() == stored)) {
            if (!retrying && v.disposition() == Disposition.RETRY) {
                // a temporary answer that was the last one (the delivery expired): no promise to retry any more
                return new Verdict(v.disposition(), v.reason(), v.hard(), v.responsibility(), v.slowDown(), v.reason().sentence(), v.evidence());
            }
            return v;
        }
        if (stored == null) {
            return null;
        }
        return new Verdict(retrying ? Disposition.RETRY : Disposition.FAILED, stored, !retrying && stored.hard(), stored.responsibility(),
                v != null && v.slowDown(), retrying ? stored.deferredSentence() : stored.sentence(), Evidence.CLASS);
    }

    /** What a local delivery program's output can say about the mailbox it could not deliver to. */
    private static final Set<Reason> MAILBOX_STATES = EnumSet.of(Reason.MAILBOXFULL, Reason.EXCEEDLIMIT);

    /** What a local delivery program's exit status, in its MTA's exact words, can say about the recipient (sysexits.h). */
    private static final Set<Reason> EXIT_STATES = EnumSet.of(Reason.USERUNKNOWN, Reason.HOSTUNKNOWN);

    /**
     * True when what a local delivery program said is the recipient's state, not the program's failure: its output says
     * the mailbox is full ("Quota exceeded"), or its exit status, in its MTA's exact words, says the recipient does not
     * exist (Postfix's "user unknown" for EX_NOUSER). A program's own "No such user" stays the program's failure
     * (procmail's id lookup: "Couldn't create ... No such user").
     */
    private static boolean namesRecipientState(Rule rule) {
        if (rule == null) {
            return false;
        }
        boolean words = rule.tier() == Evidence.WORDING || rule.tier() == Evidence.VOCABULARY;
        return words && MAILBOX_STATES.contains(rule.reason()) || rule.tier() == Evidence.WORDING && EXIT_STATES.contains(rule.reason());
    }

    /**
     * Reasons of a temporary reply that say nothing beyond "not now": on a report of giving up, or of a delay,
     * the cause is the time spent.
     */
    private static final Set<Reason> GAVE_UP_ON = EnumSet.of(Reason.UNDEFINED, Reason.NETWORKERROR, Reason.EXPIRED, Reason.ONHOLD);

    /** True when the text has a reporting server's own words for giving up after retrying (its queue lifetime). */
    public static boolean saysGaveUp(String reportText) {
        return reportText != null && Rules.saysGaveUp(reportText.length() > GAVE_UP_READ ? reportText.substring(0, GAVE_UP_READ) : reportText) != null;
    }

    /** The reporting server says it gave up near the top of its notice, not in a quoted original below. */
    private static final int GAVE_UP_READ = 16 * 1024;

    private static Verdict positive(Stage stage, Reply reply) {
        if (stage != Stage.DOT || reply.code() >= 300) {
            throw new IllegalArgumentException("a " + reply.code() + " at " + stage.label()
                    + " is a step of the transaction, not an outcome; only the reply after the dot is judged");
        }
        Reason r = Reason.DELIVERED;
        return new Verdict(Disposition.DELIVERED, r, false, Responsibility.NONE, false, r.sentence(), Evidence.WORDING);
    }
}
