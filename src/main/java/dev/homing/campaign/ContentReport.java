package dev.homing.campaign;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The content check of one message.
 *
 * @param findings every rule that fired, ours first (highest points first), then SpamAssassin's hits
 * @param score the sum of our rules' points (SpamAssassin's score is in {@link #spamd()}, not added:
 *              both look at the same things and would count them twice)
 * @param spamd spamd's answer, when one was asked and answered
 */
public record ContentReport(List<ContentFinding> findings, double score, Optional<SpamdResult> spamd) {
    public ContentReport {
        findings = List.copyOf(findings);
        score = Math.round(score * 10) / 10.0;
    }

    static ContentReport of(List<ContentFinding> findings, Optional<SpamdResult> spamd) {
        double score = findings.stream().filter(f -> f.origin() == ContentFinding.Origin.RULES).mapToDouble(ContentFinding::points).sum();
        List<ContentFinding> sorted = findings.stream()
                .sorted(Comparator.comparing(ContentFinding::origin).thenComparing(ContentFinding::points, Comparator.reverseOrder()))
                .toList();
        return new ContentReport(sorted, score, spamd);
    }

    /** The worse of our verdict and spamd's. */
    public ContentVerdict verdict() {
        ContentVerdict ours = ContentVerdict.of(score);
        return spamd.map(s -> ours.worst(ContentVerdict.of(s))).orElse(ours);
    }

    /** Findings that should stop a send unless the operator overrides them. */
    public List<ContentFinding> blocking() {
        return findings.stream().filter(ContentFinding::blocking).toList();
    }

    /** True when a rule with this id fired. */
    public boolean fired(String rule) {
        return findings.stream().anyMatch(f -> f.rule().equals(rule));
    }

    /** The report for a terminal: verdict, each finding with its points and where, blocking ones marked. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Content check: %.1f points, %s (at risk from %.1f, likely filtered from %.1f)%n",
                score, verdict().label(), ContentVerdict.AT_RISK_FROM, ContentVerdict.FILTERED_FROM));
        List<ContentFinding> ours = findings.stream().filter(f -> f.origin() == ContentFinding.Origin.RULES).toList();
        if (ours.isEmpty()) {
            out.append("  no rule fired\n");
        }
        ours.forEach(f -> line(out, f));
        spamd.ifPresent(s -> out.append(String.format(Locale.ROOT, "SpamAssassin (spamd at %s): %.1f / %.1f, %s%n",
                s.address(), s.score(), s.threshold(), s.spam() ? "spam" : "not spam")));
        findings.stream().filter(f -> f.origin() == ContentFinding.Origin.SPAMASSASSIN).forEach(f -> line(out, f));
        List<ContentFinding> blocking = blocking();
        if (!blocking.isEmpty()) {
            out.append("Blocking: ").append(String.join(", ", blocking.stream().map(ContentFinding::rule).toList()))
                    .append(" (sending is refused unless overridden)\n");
        }
        return out.toString();
    }

    private static void line(StringBuilder out, ContentFinding f) {
        String points = Double.isNaN(f.points()) ? "    " : String.format(Locale.ROOT, "%+4.1f", f.points());
        out.append(String.format(Locale.ROOT, "  %s %-26s %s%s%n", points, f.rule(), f.blocking() ? "[blocking] " : "", f.explanation()));
        if (!f.where().isEmpty()) {
            out.append("       ").append(" ".repeat(27)).append("at: ").append(f.where()).append('\n');
        }
    }
}
