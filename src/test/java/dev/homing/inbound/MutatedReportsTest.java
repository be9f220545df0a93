package dev.homing.inbound;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any report, however broken, gets an answer: every file of every collection of the corpus, damaged twenty-four times
 * (cut off anywhere, bytes overwritten, a line dropped, repeated two thousand times, swapped or made two hundred times
 * longer, a stray boundary, content type, status field or endless diagnostic put in, a Subject of broken encoded words,
 * boundaries and charsets that are empty, unclosed or unknown, enclosed in itself eighty deep, line ends mixed), is read to an
 * {@link Analysis}: never none, and never by the classifier's last-resort catch of an exception of ours. Damaged reports
 * arrive from the network (a truncated transfer, a broken relay) and from anyone who wants to see what breaks; the
 * seed is fixed, so that a failure names a case that can be run again.
 */
class MutatedReportsTest {
    private static final long SEED = 20261207L;
    private static final int PER_FILE = 24;

    @Test
    void everyDamagedReportOfEveryCollectionGetsAnAnswer() throws IOException {
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int files = 0;
        int read = 0;
        for (Path f : files()) {
            byte[] raw = Files.readAllBytes(f);
            if (raw.length == 0) {
                continue;
            }
            files++;
            for (int i = 0; i < PER_FILE; i++) {
                int kind = random.nextInt(KINDS);
                byte[] damaged = damage(raw, kind, random);
                Analysis a = Classifier.classify(damaged);
                read++;
                if (a == null) {
                    failures.add(f + ", damage " + kind + " (mutation " + i + "): no answer");
                } else if (a instanceof Unparsed u && u.reason().startsWith("could not be read")) {
                    failures.add(f + ", damage " + kind + " (mutation " + i + "): " + u.reason());
                }
            }
        }
        System.out.printf("mutated: %d damaged copies of %d files, %d without a proper answer%n", read, files, failures.size());
        assertThat(files).as("the corpus's files").isGreaterThan(500);
        assertThat(failures).as("damaged reports without a proper answer").isEmpty();
    }

    /** Every message file of every collection (their READMEs, labels and licences are not messages). */
    private static List<Path> files() throws IOException {
        try (Stream<Path> all = Files.walk(ArfCorpusTest.CORPUS)) {
            return all.filter(Files::isRegularFile).filter(p -> {
                String name = p.getFileName().toString();
                return !name.endsWith(".md") && !name.endsWith(".tsv") && !name.startsWith("LICENSE") && !name.startsWith("COPYING");
            }).sorted().toList();
        }
    }

    private static final int KINDS = 12;

    /** Lines a broken or hostile report may carry where they do not belong. */
    private static final String[] STRAY = {"--", "--B", "Content-Type: multipart/mixed; boundary=\"B\"", "Content-Type: message/rfc822",
            "Content-Type: message/delivery-status", "Content-Transfer-Encoding: base64", "Status: 5.1.1", "Action: failed",
            "Final-Recipient: rfc822; <<<@@>>>", "Diagnostic-Code: smtp; 550 " + "a".repeat(100_000), "=?utf-8?B?", "<a@b>:", "\r", ""};
    private static final String[] ENCODED = {"=?utf-8?Q?", "=?x-bogus?B?", "=?iso-2022-jp?B?", "=?utf-16?Q?", "=?utf-8*en?Q?"};
    private static final String[] BOUNDARIES = {"boundary=\"\"", "boundary=", "boundary=\"a", "boundary=--", "boundary=\"\\\""};
    private static final String[] CHARSETS = {"charset=utf-7", "charset=UTF-16", "charset=x-unknown", "charset=\"\"", "charset=utf-32be",
            "charset=iso-2022-jp-2"};

    private static byte[] damage(byte[] raw, int kind, Random random) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = random.nextInt(lines.size());
        switch (kind) {
            case 0 -> {
                return Arrays.copyOf(raw, random.nextInt(raw.length));
            }
            case 1 -> {
                byte[] changed = raw.clone();
                for (int n = 1 + random.nextInt(20); n > 0; n--) {
                    changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
                }
                return changed;
            }
            case 2 -> lines.remove(at);
            case 3 -> lines.addAll(at, Collections.nCopies(1 + random.nextInt(2000), lines.get(at)));
            case 4 -> Collections.swap(lines, at, random.nextInt(lines.size()));
            case 5 -> lines.set(at, lines.get(at).repeat(200));
            case 6 -> lines.add(at, STRAY[random.nextInt(STRAY.length)]);
            case 7 -> {
                // a first Subject of RFC 2047 encoded words, well formed or not, in charsets known and unknown
                StringBuilder word = new StringBuilder(ENCODED[random.nextInt(ENCODED.length)]);
                for (int n = random.nextInt(40); n > 0; n--) {
                    word.append((char) (33 + random.nextInt(94)));
                }
                return ("Subject: " + word + (random.nextBoolean() ? "?=" : "") + "\n" + text).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 8 -> {
                return text.replaceAll("(?i)boundary=\"?[^\";\\s]*\"?", Matcher.quoteReplacement(BOUNDARIES[random.nextInt(BOUNDARIES.length)]))
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case 9 -> {
                return text.replaceAll("(?i)charset=\"?[^\";\\s]*\"?", CHARSETS[random.nextInt(CHARSETS.length)]).getBytes(StandardCharsets.ISO_8859_1);
            }
            case 10 -> {
                // enclosed in itself, up to eighty deep
                String nested = text;
                for (int n = 1 + random.nextInt(80); n > 0; n--) {
                    nested = "From: a@b\nContent-Type: message/rfc822\n\n" + nested;
                }
                return nested.getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                StringBuilder mixed = new StringBuilder(text.length() + lines.size());
                for (String line : lines) {
                    mixed.append(line).append(random.nextInt(10) == 0 ? "\r\n" : "\n");
                }
                return mixed.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }
}
