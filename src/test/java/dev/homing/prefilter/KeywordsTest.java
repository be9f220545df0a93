package dev.homing.prefilter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automaton names exactly the rules with a word in the text (ignoring ASCII case) and those without words, whether a
 * state ends the words of few rules (kept as a list) or of many (kept as bits), with words that are suffixes of others.
 */
class KeywordsTest {

    @Test
    void theCandidatesAreTheRulesWithAWordInTheTextAndThoseWithout() {
        Random random = new Random(16);
        String[] stems = {"mail", "mailbox", "box", "full", "quota", "user", "unknown", "x", "ox", "spam", "am", "déjà", "宛先"};
        List<Set<String>> sets = new ArrayList<>();
        for (int r = 0; r < 300; r++) {
            if (r % 37 == 0) {
                sets.add(null); // a rule without words: always a candidate
            } else if (r < 150) {
                sets.add(Set.of(stems[r % stems.length])); // many rules share each word: its state ends many rules
            } else {
                sets.add(Set.of(stems[random.nextInt(stems.length)] + r, stems[r % stems.length] + "!"));
            }
        }
        Keywords keywords = new Keywords(sets);
        for (int t = 0; t < 500; t++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 6; w++) {
                String s = random.nextInt(3) == 0 ? String.valueOf(random.nextInt(300)) : stems[random.nextInt(stems.length)];
                text.append(random.nextBoolean() ? s.toUpperCase(Locale.ROOT) : s).append(random.nextInt(4) == 0 ? "" : " ");
                if (random.nextInt(5) == 0) {
                    text.append('!');
                }
            }
            long[] hit = keywords.candidates(text);
            String lower = lowerAscii(text.toString());
            for (int r = 0; r < sets.size(); r++) {
                boolean expected = sets.get(r) == null || sets.get(r).stream().anyMatch(lower::contains);
                assertThat((hit[r >> 6] & 1L << r) != 0).as("rule %d in \"%s\"", r, text).isEqualTo(expected);
            }
        }
    }

    /** ASCII letters lower-cased, other characters as they are: how the automaton compares. */
    private static String lowerAscii(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }
}
