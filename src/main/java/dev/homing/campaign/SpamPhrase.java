package dev.homing.campaign;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One phrase of the maintained list ({@code campaign/spam-phrases.tsv}): matched case-insensitively
 * on word boundaries, any white space between its words.
 */
record SpamPhrase(String phrase, double weight, String why, Pattern pattern) {
    static final String RESOURCE = "/campaign/spam-phrases.tsv";

    static SpamPhrase of(String phrase, double weight, String why) {
        StringBuilder re = new StringBuilder("(?<![\\p{L}\\p{N}_])");
        String[] words = phrase.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            re.append(i == 0 ? "" : "\\s+").append(Pattern.quote(words[i]));
        }
        re.append("(?![\\p{L}\\p{N}_])");
        return new SpamPhrase(phrase.trim(), weight, why, Pattern.compile(re.toString(),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    /** The bundled list, longest phrases first (so a longer phrase wins over one inside it). */
    static List<SpamPhrase> bundled() {
        try (InputStream in = SpamPhrase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the TSV format: phrase, weight, why; '#' starts a comment line. Bad lines fail with their number. */
    static List<SpamPhrase> parse(String tsv, String source) {
        List<SpamPhrase> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new StringReader(tsv))) {
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 3 || f[0].isBlank()) {
                    throw new IllegalArgumentException(source + " line " + n + ": expected phrase, weight and why separated by tabs");
                }
                try {
                    out.add(of(f[0].toLowerCase(Locale.ROOT), Double.parseDouble(f[1].trim()), f[2].trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + " line " + n + ": weight \"" + f[1] + "\" is not a number");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparingInt((SpamPhrase p) -> p.phrase().length()).reversed());
        return List.copyOf(out);
    }
}
