package dev.homing.prefilter;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cheap test before a costly regex over a long text: the words (ASCII, any case) that the pattern
 * cannot match without, found in one pass by the same keyword scan as the rule table. A text without
 * any of them cannot match, so the regex is not run; a pattern whose words cannot be read always passes.
 */
public final class Prefilter {
    private final Keywords words;
    private final String word; // the one required word, lower-case, when there is just one: a plain scan is faster

    private Prefilter(Set<String> required) {
        this.word = required != null && required.size() == 1 ? required.iterator().next() : null;
        this.words = required == null || word != null ? null : new Keywords(List.of(required));
    }

    public static Prefilter of(Pattern pattern) {
        return new Prefilter(Literals.required(pattern.pattern()));
    }

    /** False only when the pattern certainly cannot be found in the text. */
    public boolean mayFind(CharSequence text) {
        if (word != null) {
            return contains(text, word);
        }
        return words == null || words.candidates(text)[0] != 0;
    }

    /** The lower-case ASCII word in the text, ignoring ASCII case. */
    private static boolean contains(CharSequence text, String word) {
        char first = word.charAt(0);
        int last = text.length() - word.length();
        outer:
        for (int i = 0; i <= last; i++) {
            if (lower(text.charAt(i)) != first) {
                continue;
            }
            for (int k = 1; k < word.length(); k++) {
                if (lower(text.charAt(i + k)) != word.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * The regex compiled with a lookahead for the characters a match can start with in front (when they can be
     * read), so that the matcher rejects most positions of a long text with one test: same matches, less time.
     */
    public static Pattern compile(String regex, int flags) {
        return FirstChars.compile(regex, flags);
    }

    /** The pattern found in the text, the prefilter first. */
    public static boolean find(Prefilter filter, Pattern pattern, CharSequence text) {
        return filter.mayFind(text) && pattern.matcher(text).find();
    }
}
