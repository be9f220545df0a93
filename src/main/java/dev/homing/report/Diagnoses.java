package dev.homing.report;

import dev.homing.list.SuppressionRules;
import dev.homing.outcome.Disposition;
import dev.homing.outcome.Judge;
import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.outcome.Verdict;
import dev.homing.provider.Kind;
import dev.homing.provider.Provider;
import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one delivery's recorded facts into a {@link Diagnosis}. The reason, who is responsible and
 * the plain sentence come from the judge, asked again about the stored last reply; this class adds
 * what the judge cannot know from one reply: the delivery's state (retrying, expired, accepted then
 * bounced, complained), the suppression rules' suspicion of filtering, and the provider.
 */
final class Diagnoses {
    /** Soft bounces in a row that suppress an address, as the suppression rules count them by default. */
    private static final int SOFT_LIMIT = SuppressionRules.Settings.defaults().softBounces();

    static final String TWO_FIFTY = "A 250 means the receiving server accepted the message, not that it reached the inbox:"
            + " a filter after that point can still put it in spam or quarantine, or drop it.";

    private final Judge judge;

    Diagnoses(Judge judge) {
        this.judge = judge;
    }

    /**
     * @param acceptedAt when the receiving server said 250, for a late bounce; null when unknown
     */
    Diagnosis of(DeliveryFacts f, Provider p, Context c, Instant acceptedAt) {
        Reason stored = reason(f.reason());
        return switch (f.state()) {
            case QUEUED, SENDING -> new Diagnosis(new Outcome.Waiting(), Reason.UNDEFINED,
                    f.state() == dev.homing.queue.DeliveryState.SENDING ? "Being sent right now."
                            : f.attempts() == 0 ? "Not sent yet: waiting for its first attempt." : "Queued again for another attempt.",
                    Responsibility.NONE, new Action.Wait(f.nextAttemptAt()), p);
            case DEFERRED -> {
                Verdict v = last(f, stored);
                Action a = v.slowDown() || v.reason() == Reason.SPEEDING || v.reason() == Reason.TOOMANYCONN
                        ? new Action.SlowDown(p) : new Action.Wait(f.nextAttemptAt());
                yield new Diagnosis(new Outcome.Retrying(v.reason(), f.attempts(), f.nextAttemptAt()), v.reason(),
                        "Refused for now (" + code(f) + "), attempt " + f.attempts() + ": " + v.sentence(), v.responsibility(), a, p);
            }
            case DELIVERED -> new Diagnosis(new Outcome.Delivered(f.updatedAt()), Reason.DELIVERED,
                    "The receiving server accepted the message (250) on " + Times.show(f.updatedAt()) + ". " + TWO_FIFTY
                            + delayNote(f),
                    Responsibility.NONE, new Action.NothingToDo("Nothing to do. If the recipient cannot find it, ask them to look in"
                    + " their spam or junk folder and to add " + c.from() + " to their contacts."), p);
            case BOUNCED -> bounced(f, stored, p, c, acceptedAt);
            case EXPIRED -> {
                Verdict v = last(f, stored);
                Action a = finalAction(v.reason(), f, p, c);
                yield new Diagnosis(new Outcome.Expired(v.reason()), v.reason(),
                        "Not delivered: the receiving side kept refusing for now, and Homing gave up when the time allowed for retrying"
                                + " ran out, after " + f.attempts() + " attempt" + (f.attempts() == 1 ? "" : "s") + ". The last answer was "
                                + code(f) + lastWords(f) + " (" + v.reason().label() + ")." + expiredMeaning(v),
                        v.responsibility(), a instanceof Action.Wait ? new Action.KeepAddress() : a, p);
            }
            case UNCERTAIN -> {
                Verdict v = last(f, stored);
                yield new Diagnosis(new Outcome.Uncertain(f.updatedAt()), Reason.UNCERTAIN,
                        v.sentence() + " (" + code(f) + ", " + Times.show(f.updatedAt()) + ")",
                        Responsibility.NETWORK, new Action.CheckBeforeResending(), p);
            }
            case COMPLAINED -> new Diagnosis(new Outcome.Complained(f.lastEvent() == null ? f.updatedAt() : f.lastEvent().at()),
                    Reason.FEEDBACK, "The receiving server accepted the message and the recipient then complained about it (marked it"
                    + " as spam or asked to stop), as their provider reported on " + Times.show(f.lastEvent() == null ? f.updatedAt()
                    : f.lastEvent().at()) + ". The address is suppressed.",
                    Responsibility.RECIPIENT, new Action.StopMailing(), p);
            case SUPPRESSED -> new Diagnosis(new Outcome.Suppressed(), Reason.SUPPRESSED,
                    "Not sent: the address was on the suppression list when the message was sent"
                            + (f.suppressionSource() == null ? "." : " (" + excerpt(f.suppressionSource(), 160) + ")."),
                    Responsibility.NONE, new Action.NothingToDo("Nothing to do. 'homing suppress ls' says why it is suppressed;"
                    + " release it ('homing suppress release') only if the person asks for mail again."), p);
        };
    }

    private Diagnosis bounced(DeliveryFacts f, Reason stored, Provider p, Context c, Instant acceptedAt) {
        Verdict v = last(f, stored);
        boolean late = f.decidedLate() && f.lastEvent() != null && "delivered".equals(f.lastEvent().before());
        Instant bouncedAt = f.lastEvent() == null ? f.updatedAt() : f.lastEvent().at();
        String accepted = "The receiving server accepted the message (250)" + (acceptedAt == null ? "" : " on " + Times.show(acceptedAt))
                + ", then sent a bounce on " + Times.show(bouncedAt) + ". ";
        if (v.reason() == Reason.USERUNKNOWN && f.suspected()) {
            return new Diagnosis(new Outcome.SuspectedFiltering(v.reason(), late), v.reason(),
                    (late ? accepted : "") + "The receiving server answered that this mailbox does not exist (" + code(f) + "), but "
                            + suspicion(f) + ", so a filter is the likely cause, not a dead address. Homing keeps the address and"
                            + " suppresses it only if this happens again.",
                    Responsibility.REMOTE_POLICY, filterAction(p, c), p);
        }
        Action a = finalAction(v.reason(), f, p, c);
        if (late) {
            return new Diagnosis(new Outcome.LateBounce(v.reason(), acceptedAt, bouncedAt), v.reason(),
                    accepted + v.sentence() + " This is why a 250 alone does not prove the message arrived.", v.responsibility(), a, p);
        }
        return new Diagnosis(new Outcome.Bounced(v.reason(), v.hard()), v.reason(), "Refused (" + code(f) + "): " + v.sentence(),
                v.responsibility(), a, p);
    }

    private static final java.util.regex.Pattern HELO_REFUSED = java.util.regex.Pattern.compile(
            "\\b(helo|ehlo)\\b.{0,40}\\b(rejected|refused|invalid|not (a )?(valid|fully|fqdn))|(invalid|bad|non-fqdn|unknown) (helo|ehlo)"
                    + "|need fully-qualified hostname", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The refusal was of the name we gave in HELO/EHLO: at that command, or in the receiver's words. */
    static boolean refusesOurHelo(DeliveryFacts f) {
        String stage = f.stage();
        return "ehlo".equals(stage) || "helo".equals(stage) || f.detail() != null && HELO_REFUSED.matcher(f.detail()).find();
    }

    /** What to do once a delivery has ended with this reason. */
    static Action finalAction(Reason reason, DeliveryFacts f, Provider p, Context c) {
        return switch (reason) {
            case USERUNKNOWN, HASMOVED, INVALIDADDRESS, NOTACCEPT -> new Action.RemoveAddress(f.suppressedNow(), false);
            case HOSTUNKNOWN -> new Action.RemoveAddress(f.suppressedNow(), true);
            case MAILBOXFULL, SUSPEND, EXCEEDLIMIT -> new Action.RemoveIfRepeated(SOFT_LIMIT);
            case FILTERED, POLICYVIOLATION, SECURITYERROR, UNDEFINED, ONHOLD -> filterAction(p, c);
            // a refusal of our HELO name is ours to fix, not a block list (Postfix: 504 5.5.2 Helo command rejected)
            case BLOCKED -> refusesOurHelo(f) ? new Action.FixHelo() : new Action.RepairReputation(p);
            case BADREPUTATION -> new Action.RepairReputation(p);
            case AUTHFAILURE -> new Action.FixAuthentication(authRecords(f.detail(), c), c.fromDomain());
            case REJECTED -> new Action.FixAuthentication(List.of("the SPF and MX records of " + c.envelopeDomain()
                    + " (the return address's domain must exist and pass SPF)"), c.envelopeDomain());
            case REQUIREPTR -> new Action.FixAuthentication(List.of("the PTR (reverse DNS) record of the sending IP"), c.fromDomain());
            case SPAMDETECTED, VIRUSDETECTED, CONTENTERROR, NOTCOMPLIANTRFC, MESGTOOBIG -> new Action.ReviewContent(c.contentRules(), c.campaign());
            case SPEEDING, TOOMANYCONN -> new Action.SlowDown(p);
            case UNCERTAIN -> new Action.CheckBeforeResending();
            case FEEDBACK -> new Action.StopMailing();
            case SYNTAXERROR -> new Action.AskOperator(f.id());
            case DELIVERED, VACATION, SUPPRESSED -> new Action.NothingToDo("Nothing to do.");
            case NETWORKERROR, SYSTEMERROR, SYSTEMFULL, FAILEDSTARTTLS, PROTOCOLERROR, MAILERERROR, NORELAYING, GREYLISTING, EXPIRED ->
                    new Action.KeepAddress();
        };
    }

    /** A filter refused: a consumer mailbox's owner can safelist us; elsewhere only an administrator can. */
    private static Action filterAction(Provider p, Context c) {
        return p.kind() == Kind.CONSUMER_MAILBOX ? new Action.Safelist(c.from(), p) : new Action.AskAdministrator(c.from(), p);
    }

    /** The records an authentication failure points at; all three when the reply does not say which. */
    static List<String> authRecords(String detail, Context c) {
        String t = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (t.contains("spf")) {
            out.add("the SPF record (TXT) of " + c.envelopeDomain());
        }
        if (t.contains("dkim")) {
            out.add("the DKIM key record (TXT at SELECTOR._domainkey." + c.fromDomain() + ")");
        }
        if (t.contains("dmarc")) {
            out.add("the DMARC record (TXT at _dmarc." + c.fromDomain() + ")");
        }
        if (out.isEmpty()) {
            out.add("the SPF record (TXT) of " + c.envelopeDomain());
            out.add("the DKIM key record (TXT at SELECTOR._domainkey." + c.fromDomain() + ")");
            out.add("the DMARC record (TXT at _dmarc." + c.fromDomain() + ")");
        }
        return out;
    }

    /**
     * What a group of deliveries with this diagnosis means, in one sentence, for the tables by reason and by code: the
     * same reading as the diagnosis itself. Suspected filtering says so instead of the reason's "remove the address".
     *
     * @param example one delivery of the group, whose reply is read again for its sentence; null for the reason's own
     */
    String meaning(Diagnosis d, DeliveryFacts example) {
        return switch (d.outcome()) {
            case Outcome.SuspectedFiltering s -> SUSPECTED;
            case Outcome.Retrying r -> example == null ? d.reason().deferredSentence() : last(example, d.reason()).sentence();
            case Outcome.Delivered x -> d.reason().sentence();
            case Outcome.Uncertain u -> Reason.UNCERTAIN.sentence();
            case Outcome.Complained c -> Reason.FEEDBACK.sentence();
            case Outcome.Suppressed x -> Reason.SUPPRESSED.sentence();
            case Outcome.Waiting w -> "Not sent yet: waiting for an attempt.";
            default -> example == null || example.code() == null ? d.reason().sentence() : last(example, d.reason()).sentence();
        };
    }

    static final String SUSPECTED = "The receiving server answered that the mailbox does not exist, but the address looks alive (it took mail"
            + " recently, many addresses at its domain got the same answer at once, or the server gave no reason): suspected filtering;"
            + " the address is kept and suppressed only if this happens again.";

    /** The delivery's verdict as recorded: the same for every table and view ({@link Judge#recorded}). */
    Verdict last(DeliveryFacts f, Reason stored) {
        Reply reply = null;
        if (f.code() != null) {
            EnhancedStatus e = f.enhanced() == null ? null : EnhancedStatus.parse(f.enhanced()).orElse(null);
            reply = new Reply(f.code(), e, List.of(f.detail() == null ? "" : f.detail()));
        }
        Stage stage = f.decidedLate() ? Stage.AFTER : f.stage() == null ? Stage.DOT : Stage.fromLabel(f.stage());
        Verdict v = judge.recorded(stored, stage, reply, f.state() == dev.homing.queue.DeliveryState.DEFERRED);
        if (v == null) {
            Reason r = Reason.UNDEFINED;
            return new Verdict(Disposition.FAILED, r, false, r.responsibility(), false, r.sentence(), dev.homing.outcome.Evidence.CLASS);
        }
        return v;
    }

    static Reason reason(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        try {
            return Reason.fromLabel(label);
        } catch (IllegalArgumentException e) {
            return Reason.UNDEFINED;
        }
    }

    private static String suspicion(DeliveryFacts f) {
        String s = f.suppressionSource() == null ? "" : f.suppressionSource();
        if (s.contains("accepted mail on")) {
            return "this mailbox accepted mail recently";
        }
        if (s.contains("many 'user unknown'")) {
            return "many addresses at " + f.domain() + " got the same answer in the same campaign, which is how a filter looks";
        }
        return "the address showed signs of life";
    }

    private static String expiredMeaning(Verdict v) {
        return switch (v.responsibility()) {
            case RECIPIENT -> " The address itself is the likely cause.";
            case NONE -> "";
            default -> " The address is not at fault.";
        };
    }

    private static String delayNote(DeliveryFacts f) {
        return f.lastEvent() != null && "delay".equals(f.lastEvent().kind())
                ? " A server further along later reported a delay (" + Times.show(f.lastEvent().at()) + "); it is still trying." : "";
    }

    private static String lastWords(DeliveryFacts f) {
        // the words only: the code and status are shown beside them already
        return f.detail() == null || f.detail().isBlank() ? "" : " \"" + excerpt(dev.homing.smtp.Reply.wordsAfterCodes(f.detail()), 120) + "\"";
    }

    /** "550 5.1.1", "147", or "no reply". */
    static String code(DeliveryFacts f) {
        if (f.code() == null) {
            return "no reply";
        }
        return f.code() + (f.enhanced() == null || String.valueOf(f.code()).startsWith("1") ? "" : " " + f.enhanced());
    }

    /** One line, at most {@code max} characters, for quoting a server's words. */
    static String excerpt(String text, int max) {
        if (text == null) {
            return "";
        }
        String one = dev.homing.smtp.Reply.squeeze(text);
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
