package dev.homing.campaign;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HTML without a text/plain alternative (filters score HTML-only mail, and text-only readers get
 * nothing), and text and HTML parts that do not say the same thing: a filter that compares them
 * (a stub "view this in your browser" text part, or different content) treats the difference as
 * a disguise. Sameness is the share of each part's words found in the other.
 */
record TextPartRule() implements ContentRule {
    static final String MISSING = "missing-text-part";
    static final String MISMATCH = "html-text-mismatch";
    static final double MISSING_POINTS = 1.0;
    static final double MISMATCH_POINTS = 1.5;
    /** Below this share of words in common, the parts say different things. */
    static final double MIN_OVERLAP = 0.5;
    /** HTML with fewer distinct words than this is too short to compare. */
    static final int MIN_WORDS = 5;

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        if (message.html() == null) {
            return List.of();
        }
        if (message.text() == null) {
            return List.of(ContentFinding.of(MISSING, MISSING_POINTS, "The message has HTML but no text/plain part; filters "
                    + "score HTML-only mail. Add a text version (Homing can generate it from the HTML).", "Content-Type"));
        }
        Set<String> html = ContentWords.distinct(message.htmlText());
        Set<String> text = ContentWords.distinct(message.text());
        if (html.size() < MIN_WORDS) {
            return List.of();
        }
        double textInHtml = share(text, html);
        double htmlInText = share(html, text);
        if (textInHtml >= MIN_OVERLAP && htmlInText >= MIN_OVERLAP) {
            return List.of();
        }
        return List.of(ContentFinding.of(MISMATCH, MISMATCH_POINTS, "The text and HTML parts do not say the same thing; filters "
                + "treat a different or stub text part as a disguise. Make the text part a full version of the HTML.",
                String.format(Locale.ROOT, "%.0f%% of the HTML's words are in the text part, %.0f%% of the text's in the HTML",
                        100 * htmlInText, 100 * textInHtml)));
    }

    /** The share of {@code a}'s words that are also in {@code b}; an empty {@code a} shares nothing. */
    private static double share(Set<String> a, Set<String> b) {
        if (a.isEmpty()) {
            return 0;
        }
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return (double) common.size() / a.size();
    }
}
