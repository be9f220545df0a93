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
 * says retry (4xx) or stop (5xx); the reason, who is responsible and whether the address is dead
 * come from the text, the enhanced status and the stage, in that order ({@link Rules}).
 * Stateless and thread-safe.
 *
 * <p>It judges one reply. "This mailbox took mail last week, so a user unknown today is suspected
 * filtering" needs the address's history and is decided by the caller, not here.
 */
public final class Judge {

    /** Reasons that mean the address itself will never work: the only hard bounces (as in Sisimai). */
    private static final Set<Reason> HARD = EnumSet.of(
            Reason.USERUNKNOWN, Reason.HOSTUNKNOWN, Reason.HASMOVED, Reason.INVALIDADDRESS, Reason.NOTACCEPT);

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
        boolean hard = disposition == Disposition.FAILED && isHard(rule.reason());
        boolean slowDown = rule.slowDown()
                || disposition == Disposition.RETRY && RATE_LIMITED.matcher(text).find();
        String sentence = rule.sentence() != null ? rule.sentence()
                : disposition == Disposition.RETRY ? Sentences.deferred(rule.reason()) : Sentences.of(rule.reason());
        return new Verdict(disposition, rule.reason(), hard, rule.responsibility(), slowDown, sentence);
    }

    /**
     * Judges a reply that a delivery report (a bounce) quotes after the fact, rather than one we received.
     * The report may name no stage (pass null; the rules then read it as {@link Stage#RCPT}, where most
     * refusals happen) and its code may be inferred from the status class. Three things differ from
     * {@link #judge}: a report of success is delivered whatever the stage; a final report ({@code gaveUp}:
     * the remote MTA stopped trying) about a temporary reply that names no cause is {@link Reason#EXPIRED},
     * the reply being only the last of several; and generic user-unknown words are taken as
     * {@link Reason#USERUNKNOWN} only when the report confirms them, by the RCPT stage, a local delivery
     * agent (which speaks for the mailbox itself) or an x.1.x status,
     * and as {@link Reason#FILTERED} otherwise. Homing's own sessions carry one recipient per transaction,
     * so a live reply, even after DATA, is about that one address. A report is second-hand: the reply after
     * DATA answers the whole transaction, which the relay copies to each of its recipients, and a server
     * that accepted a recipient at RCPT and refuses it once it has read the message is filtering, whatever
     * words it uses; a report that does not say when the refusal came cannot rule that out. This is also how
     * Sisimai, whose reason vocabulary we share, reads such reports.
     */
    public Verdict judgeReported(Stage stage, Reply reply, boolean gaveUp) {
        Objects.requireNonNull(reply, "reply");
        if (reply.code() < 400) {
            return positive(Stage.DOT, reply);
        }
        Verdict v;
        boolean namesCause = false;
        if (InternalCode.isInternal(reply.code())) {
            v = judge(stage == null ? Stage.RCPT : stage, reply);
        } else {
            ReplyText read = ReplyText.of(reply);
            Rule rule = Rules.first(stage == null ? Stage.RCPT : stage, reply.code(), read.status(), read.text());
            if (rule == Rules.USER_UNKNOWN_WORDS && stage != Stage.RCPT && stage != Stage.LOCAL && (read.status() == null || !read.status().startsWith(".1.", 1))) {
                rule = Rules.UNCONFIRMED_USER_UNKNOWN;
            }
            v = verdict(rule, reply.code(), read.text());
            namesCause = rule.namesCause();
        }
        if (!gaveUp) {
            return v.disposition() == Disposition.RETRY ? v
                    : new Verdict(Disposition.RETRY, v.reason(), false, v.responsibility(), v.slowDown(), Sentences.deferred(v.reason()));
        }
        Reason reason = v.reason();
        String sentence = v.sentence();
        if (reply.isTransient() && GAVE_UP_ON.contains(reason) && !namesCause) {
            reason = Reason.EXPIRED;
            sentence = Sentences.of(Reason.EXPIRED);
        } else if (v.disposition() == Disposition.RETRY) {
            sentence = Sentences.of(reason);
        }
        return new Verdict(Disposition.FAILED, reason, isHard(reason), v.responsibility(), v.slowDown(), sentence);
    }

    /** Reasons of a temporary reply that say nothing beyond "not now": on a final report the cause is the time spent. */
    private static final Set<Reason> GAVE_UP_ON = EnumSet.of(Reason.UNDEFINED, Reason.NETWORKERROR, Reason.EXPIRED);

    /** True for reasons that, on a permanent failure, mean the address should not be mailed again. */
    static boolean isHard(Reason reason) {
        return HARD.contains(reason);
    }

    private static Verdict positive(Stage stage, Reply reply) {
        if (stage != Stage.DOT || reply.code() >= 300) {
            throw new IllegalArgumentException("a " + reply.code() + " at " + stage.label()
                    + " is a step of the transaction, not an outcome; only the reply after the dot is judged");
        }
        return new Verdict(Disposition.DELIVERED, Reason.DELIVERED, false, Responsibility.NONE, false,
                Sentences.of(Reason.DELIVERED));
    }
}
