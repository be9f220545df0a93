package dev.homing.campaign;

import java.util.Objects;

/**
 * One rule that fired on a message.
 *
 * @param rule stable id, e.g. {@code missing-unsubscribe}; SpamAssassin's hits keep their own names
 *             ({@code MISSING_DATE}) with origin {@link Origin#SPAMASSASSIN}
 * @param points what it adds to the score (SpamAssassin's hits: its own points, not added to ours)
 * @param explanation what is wrong and what to do, in plain words
 * @param where what fired: the phrase found, the link, the header
 * @param blocking true when sending should be refused unless the operator overrides it
 */
public record ContentFinding(String rule, double points, String explanation, String where, Origin origin,
                             boolean blocking) {
    /** Who found it: our rules, or spamd. */
    public enum Origin { RULES, SPAMASSASSIN }

    public ContentFinding {
        Objects.requireNonNull(rule);
        Objects.requireNonNull(explanation);
        where = where == null ? "" : where;
        Objects.requireNonNull(origin);
    }

    static ContentFinding of(String rule, double points, String explanation, String where) {
        return new ContentFinding(rule, points, explanation, where, Origin.RULES, false);
    }

    static ContentFinding blocking(String rule, double points, String explanation, String where) {
        return new ContentFinding(rule, points, explanation, where, Origin.RULES, true);
    }
}
