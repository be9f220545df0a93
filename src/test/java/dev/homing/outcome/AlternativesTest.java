package dev.homing.outcome;

import dev.homing.prefilter.FirstChars;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's rows are looked for alternative by alternative: the split must find exactly what the whole finds. */
class AlternativesTest {

    @Test
    void splitsAtTheTopLevelOnly() {
        assertThat(Alternatives.of("a|b(c|d)|e")).containsExactly("a", "b(c|d)", "e");
        assertThat(Alternatives.of("x[|]y|z")).containsExactly("x[|]y", "z");
        assertThat(Alternatives.of("p\\|q|r")).containsExactly("p\\|q", "r");
        assertThat(Alternatives.of("[]|]|s")).containsExactly("[]|]", "s");
        assertThat(Alternatives.of("[^]|]t|(?<![.@\\w-])u(?!\\.[a-z])")).containsExactly("[^]|]t", "(?<![.@\\w-])u(?!\\.[a-z])");
        assertThat(Alternatives.of("one")).containsExactly("one");
    }

    @Test
    void everyRowFindsWhatItsAlternativesFindOnEveryKnownText() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String resource : List.of("/outcome/replies.tsv", "/outcome/wordings.tsv")) {
            try (InputStream in = AlternativesTest.class.getResourceAsStream(resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] f = line.split("\t", -1);
                    if (!line.startsWith("#") && f.length >= 5) {
                        texts.add(f[3] + " " + f[4]);
                    }
                }
            }
        }
        assertThat(texts).hasSizeGreaterThan(1500);
        int rows = 0;
        for (Rule rule : Rules.TABLE) {
            if (rule.text() == null) {
                continue;
            }
            rows++;
            List<Pattern> parts = Alternatives.of(Rules.words(rule)).stream().map(w -> FirstChars.compile(w, Pattern.CASE_INSENSITIVE)).toList();
            for (String t : texts) {
                String text = ReplyText.of(dev.homing.smtp.Reply.of(550, t)).text();
                boolean whole = rule.text().matcher(text).find();
                boolean any = parts.stream().anyMatch(p -> p.matcher(text).find());
                assertThat(any).as("rules.tsv line %d on: %s", rule.line(), text).isEqualTo(whole);
            }
        }
        assertThat(rows).isGreaterThan(150);
    }
}
