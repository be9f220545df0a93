package dev.homing.outcome;

import dev.homing.prefilter.FirstChars;
import dev.homing.prefilter.Keywords;
import dev.homing.prefilter.Literals;
import dev.homing.smtp.Stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The classification table, kept as data in {@code outcome/rules.tsv} (its header says how to read it):
 * one row per wording, each with its reason and its source, read top to bottom; the first row whose
 * conditions all hold decides. Rows come in the order of the evidence they read ({@link Evidence}): a
 * provider's or MTA's exact wording, then the reason vocabulary, then the enhanced status, then the
 * command, then the class. Rows of the tier {@code report} are not replies: they are the words a
 * reporting server uses when it gives up after retrying, read by {@link #saysGaveUp}.
 */
final class Rules {
    private Rules() {
    }

    static final String RESOURCE = "/outcome/rules.tsv";

    private static final Map<String, Set<Stage>> GROUPS = Map.of(
            "recipient", EnumSet.of(Stage.RCPT, Stage.DATA, Stage.DOT, Stage.LOCAL),
            "greeting", EnumSet.of(Stage.CONNECT, Stage.BANNER, Stage.EHLO, Stage.HELO));

    /** The table's reply rows, in order. */
    static final List<Rule> TABLE;
    /** The reporting servers' words for giving up after retrying. */
    static final List<Rule> GAVE_UP;

    /** Each row pattern's words as written (after a list's name is replaced by its words). */
    private static final Map<Pattern, String> WORDS_OF = new java.util.IdentityHashMap<>();

    static {
        List<Rule> table = new ArrayList<>();
        List<Rule> gaveUp = new ArrayList<>();
        Map<String, Pattern> patterns = new HashMap<>();
        read(table, gaveUp, patterns);
        patterns.forEach((words, pattern) -> WORDS_OF.put(pattern, words));
        TABLE = Collections.unmodifiableList(table);
        GAVE_UP = Collections.unmodifiableList(gaveUp);
    }

    /**
     * The rows' words split into their top-level alternatives ({@link Alternatives}), each compiled on its own: row i's
     * are PARTS[PART_START[i]] up to PART_START[i + 1] (none for a row without words). A long row then costs only the
     * alternatives whose words the reply has, each with its own first characters.
     */
    private static final List<Pattern> PARTS = new ArrayList<>();
    private static final int[] PART_START = new int[TABLE.size() + 1];
    /**
     * Per alternative, the index of the first with the same words: rows that share a word list share its alternatives, and
     * one not found in a reply is not searched for again (see {@link #first}).
     */
    private static final int[] PART_FIRST;

    static {
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < TABLE.size(); i++) {
            PART_START[i] = PARTS.size();
            Pattern text = TABLE.get(i).text();
            if (text != null) {
                for (String part : Alternatives.of(WORDS_OF.get(text))) {
                    Integer earlier = seen.putIfAbsent(part, PARTS.size());
                    first.add(earlier == null ? PARTS.size() : earlier);
                    PARTS.add(earlier == null ? FirstChars.compile(part, Pattern.CASE_INSENSITIVE) : PARTS.get(earlier));
                }
            }
        }
        PART_START[TABLE.size()] = PARTS.size();
        PART_FIRST = first.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A row's words as written, or null for a row without words. */
    static String words(Rule rule) {
        return rule.text() == null ? null : WORDS_OF.get(rule.text());
    }

    /** Per alternative, the words it cannot match without; one scan of the reply finds the alternatives worth trying. */
    private static final Keywords WORDS = new Keywords(PARTS.stream().map(p -> Literals.required(p.pattern())).toList());
    private static final Keywords GAVE_UP_WORDS = new Keywords(
            GAVE_UP.stream().map(r -> Literals.required(r.text().pattern())).toList());

    /**
     * The first matching row. Every 4xx and 5xx reply matches at least the rows of the class tier.
     *
     * @param stage null for a report that names no command
     */
    static Rule first(Stage stage, int code, String status, String text) {
        long[] maybe = WORDS.candidates(text);
        long[] globs = globHits(status);
        long[] missed = null; // alternatives searched for and not found, by PART_FIRST
        for (int i = 0, n = TABLE.size(); i < n; i++) {
            Rule rule = TABLE.get(i);
            int from = PART_START[i];
            int to = PART_START[i + 1];
            boolean globsMatch = (globs[i >> 6] & 1L << i) != 0;
            if (from == to) {
                if (rule.conditionsHold(stage, code, status, globsMatch)) {
                    return rule;
                }
                continue;
            }
            int p = from;
            while (p < to && (maybe[p >> 6] & 1L << p) == 0) {
                p++;
            }
            if (p == to || !rule.conditionsHold(stage, code, status, globsMatch)) {
                continue;
            }
            for (; p < to; p++) {
                int id = PART_FIRST[p];
                if ((maybe[p >> 6] & 1L << p) == 0 || missed != null && (missed[id >> 6] & 1L << id) != 0) {
                    continue;
                }
                if (PARTS.get(p).matcher(text).find()) {
                    return rule;
                }
                if (missed == null) {
                    missed = new long[maybe.length];
                }
                missed[id >> 6] |= 1L << id;
            }
        }
        throw new IllegalArgumentException("no rule for " + code + " at " + (stage == null ? "an unnamed stage" : stage.label()));
    }

    /** Distinct statuses whose glob answers are kept; past this many (an attacker's made-up statuses) they are worked out each time. */
    private static final int STATUSES_KEPT = 1024;
    private static final Map<String, long[]> GLOB_HITS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long[] NO_GLOB_HITS = new long[(TABLE.size() + 63) >> 6];

    /**
     * Which rows' status globs the status matches, one bit per row of {@link #TABLE}. A reply's status is one of few, and the
     * status tier asks every row: the answer is worked out once per distinct status and kept.
     */
    static long[] globHits(String status) {
        if (status == null) {
            return NO_GLOB_HITS;
        }
        long[] hits = GLOB_HITS.get(status);
        if (hits != null) {
            return hits;
        }
        hits = new long[NO_GLOB_HITS.length];
        for (int i = 0, n = TABLE.size(); i < n; i++) {
            String[] globs = TABLE.get(i).statusGlobs();
            if (globs != null && Rule.globMatches(globs, status)) {
                hits[i >> 6] |= 1L << i;
            }
        }
        if (GLOB_HITS.size() < STATUSES_KEPT) {
            GLOB_HITS.putIfAbsent(status, hits);
        }
        return hits;
    }

    /** The row of the report tier whose words are in the text, or null: the reporting server says it gave up after retrying. */
    static Rule saysGaveUp(String text) {
        long[] maybe = GAVE_UP_WORDS.candidates(text);
        for (int i = 0, n = GAVE_UP.size(); i < n; i++) {
            if ((maybe[i >> 6] & 1L << i) != 0 && GAVE_UP.get(i).text().matcher(text).find()) {
                return GAVE_UP.get(i);
            }
        }
        return null;
    }

    private static void read(List<Rule> table, List<Rule> gaveUp, Map<String, Pattern> patterns) {
        String[] lines;
        try (InputStream in = Rules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        Map<String, String> lists = new HashMap<>();
        // patterns: one per distinct word list, rows that name the same list share it
        Evidence last = Evidence.WORDING;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f[0].equals("@define")) {
                    if (f.length != 3) {
                        throw new IllegalArgumentException("@define takes a name and words");
                    }
                    lists.put(f[1], f[2]);
                    continue;
                }
                if (f.length != 10) {
                    throw new IllegalArgumentException("10 tab-separated columns expected, found " + f.length);
                }
                Rule rule = row(f, lists, patterns, number);
                if (f[0].equals("report")) {
                    if (rule.text() == null) {
                        throw new IllegalArgumentException("a report row needs words");
                    }
                    gaveUp.add(rule);
                    continue;
                }
                if (rule.tier().compareTo(last) < 0) {
                    throw new IllegalArgumentException("a " + f[0] + " row after the " + last.name().toLowerCase(Locale.ROOT)
                            + " tier: rows go in the order of the evidence they read");
                }
                last = rule.tier();
                table.add(rule);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
            }
        }
    }

    private static Rule row(String[] f, Map<String, String> lists, Map<String, Pattern> patterns, int line) {
        Evidence tier = switch (f[0]) {
            case "wording" -> Evidence.WORDING;
            case "vocabulary" -> Evidence.VOCABULARY;
            case "status" -> Evidence.STATUS;
            case "command" -> Evidence.COMMAND;
            case "class" -> Evidence.CLASS;
            case "report" -> Evidence.REPORT;
            default -> throw new IllegalArgumentException("unknown tier '" + f[0] + "'");
        };
        boolean unnamed = false;
        String stageField = f[1];
        if (stageField.equals("unnamed") || stageField.endsWith(",unnamed")) {
            unnamed = true;
            stageField = stageField.equals("unnamed") ? "" : stageField.substring(0, stageField.length() - ",unnamed".length());
        }
        long stages = stageField.isEmpty() ? 0L : stages(stageField);
        int[] codes = codes(f[2]);
        boolean negated = f[3].startsWith("!");
        String[] globs = f[3].equals("*") ? null : Rule.globs(negated ? f[3].substring(1) : f[3]);
        Pattern text = null;
        if (!f[4].equals("*")) {
            String words = lists.getOrDefault(f[4], f[4]);
            text = patterns.get(words);
            if (text == null) {
                try {
                    text = FirstChars.compile(words, Pattern.CASE_INSENSITIVE);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("bad words: " + e.getDescription());
                }
                patterns.put(words, text);
            }
        }
        Reason reason = Reason.fromLabel(f[5]);
        Responsibility responsibility = f[6].equals("-") ? null : Responsibility.valueOf(f[6]);
        boolean slow = false;
        boolean retry = false;
        boolean cause = false;
        if (!f[7].equals("-")) {
            for (String flag : f[7].split(",")) {
                switch (flag.strip()) {
                    case "slow" -> slow = true;
                    case "retry" -> retry = true;
                    case "cause" -> cause = true;
                    default -> throw new IllegalArgumentException("unknown flag '" + flag + "'");
                }
            }
        }
        if (f[8].isBlank()) {
            throw new IllegalArgumentException("every row names its source");
        }
        String sentence = f[9].equals("-") ? null : f[9];
        if (sentence != null && !sentence.endsWith(".")) {
            throw new IllegalArgumentException("a sentence ends with a full stop");
        }
        return new Rule(tier, stages, unnamed, codes[0], codes[1], globs, negated, text, retry ? Disposition.RETRY : null, reason, responsibility, slow,
                sentence, cause, f[8], line);
    }

    /** The stages a field names, one bit per stage, or {@link Rule#ANY_STAGE} for "*". */
    private static long stages(String field) {
        if (field.equals("*")) {
            return Rule.ANY_STAGE;
        }
        long out = 0;
        for (String s : field.split(",")) {
            String name = s.strip();
            Set<Stage> group = GROUPS.get(name);
            for (Stage stage : group != null ? group : Set.of(Stage.fromLabel(name))) {
                out |= Rule.bit(stage);
            }
        }
        return out;
    }

    private static int[] codes(String field) {
        if (field.equals("*")) {
            return new int[]{400, 599};
        }
        if (field.matches("[45]xx")) {
            int k = (field.charAt(0) - '0') * 100;
            return new int[]{k, k + 99};
        }
        if (field.matches("[45]\\d\\d")) {
            int c = Integer.parseInt(field);
            return new int[]{c, c};
        }
        if (field.matches("[45]\\d\\d-[45]\\d\\d")) {
            return new int[]{Integer.parseInt(field.substring(0, 3)), Integer.parseInt(field.substring(4))};
        }
        throw new IllegalArgumentException("bad codes '" + field + "'");
    }
}
