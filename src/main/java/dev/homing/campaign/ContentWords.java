package dev.homing.campaign;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words of a text as the rules count them: runs of letters and digits; URLs are not words. */
final class ContentWords {
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019][\\p{L}]+)?");

    private ContentWords() {
    }

    static int count(String text) {
        Matcher m = WORD.matcher(URL.matcher(text).replaceAll(" "));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Distinct lower-cased words of three letters or more (short words say little about sameness). */
    static Set<String> distinct(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(URL.matcher(text).replaceAll(" "));
        while (m.find()) {
            if (m.group().codePointCount(0, m.group().length()) >= 3) {
                out.add(m.group().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }
}
