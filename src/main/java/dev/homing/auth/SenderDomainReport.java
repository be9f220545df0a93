package dev.homing.auth;

import java.util.List;

/** Every finding of one sender-domain check, in the order checked: SPF, DKIM, DMARC, alignment, bounce MX, PTR. */
public record SenderDomainReport(String fromDomain, String bounceDomain, List<Finding> findings) {

    public SenderDomainReport {
        findings = List.copyOf(findings);
    }

    public List<Finding> blocking() {
        return findings.stream().filter(Finding::blocking).toList();
    }

    public boolean hasBlocking() {
        return findings.stream().anyMatch(Finding::blocking);
    }

    /** One line per finding: "[fail] SPF: ..." and, indented under it, the fix. */
    public String text() {
        StringBuilder s = new StringBuilder("Sender domain " + fromDomain + " (bounces: " + bounceDomain + ")\n");
        for (Finding f : findings) {
            s.append(String.format("[%s]%s %s: %s%n", f.status().label(), f.blocking() ? " BLOCKING" : "", f.topic().label(), f.found()));
            if (!f.fix().isEmpty()) {
                s.append("    fix: ").append(f.fix()).append('\n');
            }
        }
        long blocking = blocking().size();
        s.append(blocking == 0 ? "Nothing blocks sending.\n" : blocking + " finding(s) block sending until fixed.\n");
        return s.toString();
    }

    /** One line per topic, the worst status of its findings: the pre-flight checklist. */
    public List<Finding> checklist() {
        return java.util.Arrays.stream(Finding.Topic.values()).flatMap(t -> findings.stream().filter(f -> f.topic() == t)
                .max(java.util.Comparator.comparing((Finding f) -> f.status().ordinal()).thenComparing(Finding::blocking))
                .stream()).toList();
    }
}
