package dev.homing.list;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hygiene report of a list: how many addresses have each problem, what to do about it, and a
 * few examples. Fed one address at a time; its memory depends on the number of problem kinds and
 * {@value #EXAMPLES} examples each, never on the length of the list. Used from one thread.
 */
public final class HygieneReport {
    /** Examples kept per problem: enough to recognise the pattern, few enough to print. */
    public static final int EXAMPLES = 5;

    private final Map<Problem, Tally> tallies = new EnumMap<>(Problem.class);
    private long addresses;
    private long clean;

    private static final class Tally {
        long count;
        final List<String> examples = new ArrayList<>(EXAMPLES);
    }

    /** One row of the report. */
    public record Line(Problem problem, long count, String action, List<String> examples) {
        public Line {
            examples = List.copyOf(examples);
        }
    }

    /** Counts one address and what was found with it (an empty list for a clean address). */
    public void add(String address, List<Finding> findings) {
        addresses++;
        if (findings.isEmpty()) {
            clean++;
            return;
        }
        for (Finding f : findings) {
            Tally t = tallies.computeIfAbsent(f.problem(), p -> new Tally());
            t.count++;
            if (t.examples.size() < EXAMPLES) {
                t.examples.add(example(address, f));
            }
        }
    }

    public long addresses() {
        return addresses;
    }

    /** Addresses with no finding at all. */
    public long clean() {
        return clean;
    }

    /** The problems found, most serious first. */
    public List<Line> lines() {
        List<Line> out = new ArrayList<>();
        tallies.forEach((problem, t) -> out.add(new Line(problem, t.count, problem.action(), t.examples)));
        return out;
    }

    /** The report as a plain-text table followed by examples. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%,d addresses checked, %,d without any problem%n", addresses, clean));
        List<Line> lines = lines();
        if (lines.isEmpty()) {
            return b.toString();
        }
        int width = "problem".length();
        for (Line l : lines) {
            width = Math.max(width, l.problem().label().length());
        }
        String row = "%-" + width + "s  %10s  %6s  %s%n";
        b.append('\n').append(String.format(Locale.ROOT, row, "problem", "addresses", "share", "what to do"));
        for (Line l : lines) {
            b.append(String.format(Locale.ROOT, row, l.problem().label(), String.format(Locale.ROOT, "%,d", l.count()),
                    share(l.count()), l.action()));
        }
        b.append(String.format(Locale.ROOT, "%nAn address can have more than one problem.%n"));
        for (Line l : lines) {
            b.append(String.format(Locale.ROOT, "%n%s, for example:%n", l.problem().label()));
            for (String e : l.examples()) {
                b.append("  ").append(e).append(String.format("%n"));
            }
        }
        return b.toString();
    }

    public void render(PrintStream out) {
        out.print(text());
        out.flush();
    }

    private String share(long count) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * count / addresses);
    }

    private static String example(String address, Finding f) {
        String shown = address == null ? "" : address.strip();
        if (shown.length() > 80) {
            shown = shown.substring(0, 77) + "...";
        }
        return f.suggestion() != null
                ? shown + " → " + f.suggestion()
                : shown + ": " + f.reason();
    }
}
