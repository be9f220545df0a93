package dev.homing.inbound;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy against the real corpus (src/test/corpus/bounces, Sisimai's labelled samples): every file is
 * classified and compared row by row with expected.csv. Prints a confusion matrix of reasons and the misses.
 */
class BounceCorpusTest {
    static final Path CORPUS = Path.of(System.getProperty("homing.corpus", "src/test/corpus")).resolve("bounces");

    /** Labels that changed between Sisimai versions (the corpus README): the older label also counts. */
    static final Map<String, String> OLDER_REASON = Map.of(
            "lhost-domino-02.eml", "userunknown", "lhost-gmail-07.eml", "systemerror", "lhost-mcafee-01.eml", "userunknown",
            "lhost-powermta-01.eml", "userunknown", "lhost-receivingses-01.eml", "filtered", "lhost-receivingses-06.eml", "contenterror",
            "lhost-yahoo-13.eml", "expired");

    /** Files whose older Sisimai label had fewer results (the corpus README): the rows past that count are soft. */
    static final Map<String, Integer> OLDER_COUNT = Map.of("rhost-cox-01.eml", 1);

    /**
     * Homing's reasons that Sisimai's vocabulary does not have, mapped to the Sisimai reason that covers them:
     * an address that cannot be a mailbox (bad syntax) is one Sisimai files under userunknown; both are hard.
     */
    static final Map<String, String> TO_SISIMAI = Map.of("invalidaddress", "userunknown");

    record Row(String file, int index, String status, String replycode, String reason, boolean hard, String feedbackType) {
    }

    record Got(String address, String status, int replyCode, String reason, boolean hard, String feedbackType) {
    }

    static List<Got> rows(Analysis a) {
        List<Got> out = new ArrayList<>();
        switch (a) {
            case Bounce b -> b.recipients().forEach(r -> out.add(new Got(r.address(), r.status(), r.replyCode(),
                    TO_SISIMAI.getOrDefault(r.reason().label(), r.reason().label()), r.hard(), "")));
            case Complaint c -> {
                List<String> rcpts = c.recipients().isEmpty() ? List.of("") : c.recipients();
                rcpts.forEach(r -> out.add(new Got(r, "", 0, "feedback", false, c.feedbackType().label())));
            }
            case AutoReply r -> out.add(new Got(r.from(), "", 0, "vacation", false, ""));
            case NotBounce n -> {
            }
            case Unparsed u -> {
            }
        }
        return out;
    }

    static List<Row> expected() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(CORPUS.resolve("expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            rows.add(new Row(c[0], Integer.parseInt(c[2]), c[3], c[4], c[5], c[6].equals("1"), c[7]));
        }
        return rows;
    }

    static boolean pseudo(String status) {
        return status.matches("[245]\\.0\\.9\\d\\d");
    }

    @Test
    void corpusMeetsTheBars() throws IOException {
        List<Row> rows = expected();
        Map<String, Analysis> analyses = new LinkedHashMap<>();
        for (Row r : rows) {
            analyses.computeIfAbsent(r.file(), f -> {
                try {
                    return Classifier.classify(Files.readAllBytes(CORPUS.resolve(f)));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        }
        int found = 0;
        int reasons = 0;
        int hards = 0;
        int soft = 0;
        Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        for (Row r : rows) {
            Analysis a = analyses.get(r.file());
            List<Got> got = rows(a);
            Got g = r.index() <= got.size() ? got.get(r.index() - 1) : null;
            boolean statusOk = g != null && (r.status().isEmpty() || pseudo(r.status()) || r.status().equals(g.status()));
            String gotReason = g == null ? "(none)" : g.reason();
            boolean reasonOk = gotReason.equals(r.reason());
            if (g == null && r.index() > OLDER_COUNT.getOrDefault(r.file(), Integer.MAX_VALUE)) {
                statusOk = true; // the older label has no such row
                reasonOk = true;
                soft++;
            }
            if (!reasonOk && gotReason.equals(OLDER_REASON.get(r.file()))) {
                reasonOk = true;
                soft++;
            }
            found += statusOk ? 1 : 0;
            reasons += reasonOk ? 1 : 0;
            hards += g != null && g.hard() == r.hard() ? 1 : 0;
            confusion.computeIfAbsent(r.reason(), k -> new TreeMap<>()).merge(gotReason, 1, Integer::sum);
            if (!statusOk || !reasonOk) {
                misses.add(String.format("%-32s #%d expected %-8s %-4s %-15s got %s", r.file(), r.index(), r.status(), r.replycode(),
                        r.reason(), g == null ? describe(a) : g.status() + " " + (g.replyCode() == 0 ? "" : g.replyCode()) + " " + g.reason()
                                + " <" + g.address() + ">"));
            }
        }
        int n = rows.size();
        System.out.printf("corpus: %d rows, %d files%n", n, analyses.size());
        System.out.printf("recipients found and status match: %d/%d = %.1f%%%n", found, n, 100.0 * found / n);
        System.out.printf("reason match: %d/%d = %.1f%% (%d by an older Sisimai label)%n", reasons, n, 100.0 * reasons / n, soft);
        System.out.printf("hard bounce match: %d/%d = %.1f%%%n", hards, n, 100.0 * hards / n);
        System.out.println("confusion (expected -> got: count), off-diagonal only:");
        confusion.forEach((exp, gots) -> gots.forEach((got, count) -> {
            if (!exp.equals(got)) {
                System.out.printf("  %-16s -> %-16s %d%n", exp, got, count);
            }
        }));
        System.out.println("diagonal: " + confusion.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().getOrDefault(e.getKey(), 0)).reduce((x, y) -> x + " " + y).orElse(""));
        System.out.println("misses:");
        misses.forEach(m -> System.out.println("  " + m));

        assertThat(100.0 * found / n).as("recipients found and status match").isGreaterThanOrEqualTo(98.0);
        assertThat(100.0 * reasons / n).as("reason match").isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void ordinaryMessagesAreNotBounces() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve("not-bounce"))) {
            for (Path f : files.toList()) {
                assertThat(Classifier.classify(Files.readAllBytes(f))).as(f.toString()).isInstanceOf(NotBounce.class);
            }
        }
    }

    static String describe(Analysis a) {
        return switch (a) {
            case Unparsed u -> "unparsed: " + u.reason();
            case NotBounce n -> "not a bounce";
            default -> a.getClass().getSimpleName() + " with fewer rows";
        };
    }
}
