package dev.homing.report;

import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One sentence per group of failures: who refused, what, for how many, whose fault, what to do.
 * "Microsoft blocked our sending IP (S3150) for 212 recipients: not the addresses; keep them; see the
 * block-list steps."
 */
final class Phrases {
    private Phrases() {
    }

    /**
     * The providers' own codes for a refusal: Microsoft's (S3150) and (AS...), Yahoo's [TSS04] and
     * [GL01], Outlook.com's RP-001. Naming one lets the sender find the provider's page for it.
     */
    private static final Pattern TAG = Pattern.compile("\\((S\\d{4}|AS\\d{3,4})\\)|\\[(TSS?\\d{2}|GL\\d{2})\\]|\\b(RP-00\\d)\\b");

    /** Replies that name our IP address rather than our domain. */
    private static final Pattern NAMES_IP = Pattern.compile("\\bIP\\b|\\[?\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\]?|block ?list|S3150");

    static String tag(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher m = TAG.matcher(detail);
        if (!m.find()) {
            return null;
        }
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                return m.group(i);
            }
        }
        return null;
    }

    static boolean namesIp(String detail) {
        return detail != null && NAMES_IP.matcher(detail).find();
    }

    /**
     * @param byIp true when the replies speak of our IP address (a block of the IP, not the domain)
     */
    static String group(ProviderGroup g, Outcome outcome, Reason reason, String tag, long count, Responsibility responsible, Action action,
                        boolean byIp) {
        String who = g.displayName();
        String what = switch (outcome) {
            case Outcome.SuspectedFiltering s -> who + " answered \"user unknown\" for mailboxes that look alive (suspected filtering)";
            case Outcome.LateBounce l -> who + " accepted the message (250), then " + lower(refused(who, reason, byIp, false));
            case Outcome.Expired e -> "Homing gave up retrying: " + lower(refused(who, reason, byIp, true));
            case Outcome.Retrying r -> "Being retried: " + lower(refused(who, reason, byIp, true));
            case Outcome.Uncertain u -> who + " went silent after receiving the message (147)";
            case Outcome.Complained c -> "Recipients at " + who + " complained (marked the message as spam)";
            case Outcome.Suppressed s -> "Not sent to addresses on the suppression list at " + who;
            case Outcome.Waiting w -> "Not sent yet to recipients at " + who;
            case Outcome.Delivered d -> who + " accepted the message";
            case Outcome.Bounced b -> refused(who, reason, byIp, false);
        };
        String fault = switch (outcome) {
            case Outcome.Complained c -> "the recipients' choice";
            case Outcome.Suppressed s -> "on purpose";
            case Outcome.Waiting w -> "nothing failed";
            default -> responsible == Responsibility.RECIPIENT ? "the addresses themselves" : "not the addresses";
        };
        return what + (tag == null ? "" : " (" + tag + ")") + " for " + count + " recipient" + (count == 1 ? "" : "s") + ": " + fault
                + "; " + action.brief() + ".";
    }

    /** "Microsoft blocked our sending IP", "Gmail said the mailbox does not exist", ...: the reason tells it ({@link Reason#refusal}). */
    private static String refused(String who, Reason reason, boolean byIp, boolean temporary) {
        return reason.refusal(who, temporary, byIp);
    }

    private static String lower(String s) {
        // "The recipient's domain ..." reads on after a colon in lower case; provider names keep theirs
        return s.startsWith("The ") || s.startsWith("An ") || s.startsWith("Not ") || s.startsWith("Recipients ")
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
