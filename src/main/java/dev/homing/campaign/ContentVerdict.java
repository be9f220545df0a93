package dev.homing.campaign;

/**
 * The plain verdict on a score. The scale is SpamAssassin's on purpose (5 points = its default
 * "spam" threshold), so both scores read the same way.
 */
public enum ContentVerdict {
    LIKELY_FINE("likely fine"),
    AT_RISK("at risk"),
    LIKELY_FILTERED("likely filtered");

    /** From this score on, a message is at risk. */
    public static final double AT_RISK_FROM = 2.5;
    /** From this score on, a message is likely filtered (SpamAssassin's default required_score). */
    public static final double FILTERED_FROM = 5.0;

    private final String label;

    ContentVerdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The verdict for one of our scores. */
    public static ContentVerdict of(double score) {
        return score >= FILTERED_FROM ? LIKELY_FILTERED : score >= AT_RISK_FROM ? AT_RISK : LIKELY_FINE;
    }

    /** The verdict for spamd's answer: its own spam flag, or at risk from half its threshold. */
    static ContentVerdict of(SpamdResult r) {
        return r.spam() ? LIKELY_FILTERED : r.score() >= r.threshold() / 2 ? AT_RISK : LIKELY_FINE;
    }

    ContentVerdict worst(ContentVerdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
