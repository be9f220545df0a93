package dev.homing.auth;

import dev.homing.dns.Dns;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The DNS-querying terms a domain's SPF record costs when nothing matches early (the worst case a receiver
 * meets), with what each top-level term costs, so a fix for "too many lookups" can say what to remove.
 * Targets written with macros cannot be followed without a message and count as one.
 *
 * @param byTerm top-level term as written → lookups it costs, includes with everything under them
 */
record SpfLookupCount(int total, Map<String, Integer> byTerm) {
    private static final int MAX_DEPTH = 12;

    static SpfLookupCount of(Dns dns, String domain) {
        Map<String, Integer> byTerm = new LinkedHashMap<>();
        int total = walk(dns, domain, 0, new HashSet<>(), byTerm);
        return new SpfLookupCount(total, byTerm);
    }

    private static int walk(Dns dns, String domain, int depth, Set<String> visiting, Map<String, Integer> byTerm) {
        if (depth > MAX_DEPTH || !visiting.add(domain.toLowerCase(java.util.Locale.ROOT))) {
            return SpfEvaluator.MAX_DNS_TERMS + 1; // a loop never ends: more than any limit
        }
        try {
            String text = dns.txt(domain).records().stream().filter(SpfRecord::isSpf).findFirst().orElse(null);
            if (text == null) {
                return 0;
            }
            SpfRecord record;
            try {
                record = SpfParser.parse(text);
            } catch (SpfException e) {
                return 0;
            }
            int total = 0;
            for (SpfMechanism m : record.mechanisms()) {
                if (!m.kind().queriesDns()) {
                    continue;
                }
                int cost = 1;
                if (m.kind() == SpfMechanism.Kind.INCLUDE && !m.domainSpec().contains("%")) {
                    cost += walk(dns, strip(m.domainSpec()), depth + 1, visiting, null);
                }
                total += cost;
                if (byTerm != null) {
                    byTerm.merge(m.text(), cost, Integer::sum);
                }
            }
            if (record.redirect() != null && !record.hasAll()) {
                int cost = 1 + (record.redirect().contains("%") ? 0 : walk(dns, strip(record.redirect()), depth + 1, visiting, null));
                total += cost;
                if (byTerm != null) {
                    byTerm.merge("redirect=" + record.redirect(), cost, Integer::sum);
                }
            }
            return total;
        } finally {
            visiting.remove(domain.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static String strip(String d) {
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
