package dev.homing.prefilter;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first-character lookahead: put in front of a regex whose first characters it can read, never one that changes what
 * the regex finds.
 */
class FirstCharsTest {

    /** An address after a word that introduces it; its local part allows '&', as RFC 5322's atext does. */
    private static final String INTRODUCED = "(?:\\bto|failed)(?![\\w.@-])\\s*:?\\s*<?([A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]+@[a-z0-9.-]+)";

    @Test
    void aLoneAmpersandInAClassIsACharacterSoTheLookaheadIsPut() {
        Pattern p = FirstChars.compile(INTRODUCED, Pattern.CASE_INSENSITIVE);
        assertThat(p.pattern()).startsWith("(?=[FTft])");
        for (String line : new String[] {"Delivery to: <a&b@example.com> failed", "failed: x@example.com", "tomorrow c@example.com",
                "FAILED   <d@example.com>", "sent to bob@example.com", "stop e@example.com"}) {
            java.util.regex.Matcher with = p.matcher(line);
            java.util.regex.Matcher without = Pattern.compile(INTRODUCED, Pattern.CASE_INSENSITIVE).matcher(line);
            boolean found = without.find();
            assertThat(with.find()).as(line).isEqualTo(found);
            if (found) {
                assertThat(with.group(1)).as(line).isEqualTo(without.group(1));
                assertThat(with.start()).as(line).isEqualTo(without.start());
            }
        }
    }

    @Test
    void anIntersectionIsNotReadAndGetsNoLookahead() {
        String regex = "[a-z&&[^x]]+@";
        assertThat(FirstChars.compile(regex, 0).pattern()).isEqualTo(regex);
    }
}
