package dev.homing.auth;

import dev.homing.dns.Dns;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the DMARC policy of a From domain is (RFC 7489 6.6.3): the TXT record at _dmarc.DOMAIN, else at
 * _dmarc.ORGANIZATIONAL-DOMAIN (see {@link OrganizationalDomain}).
 */
public sealed interface DmarcLookup {

    /** @param at the name the record was found at */
    record Found(String at, DmarcRecord record) implements DmarcLookup {
    }

    /** No DMARC record at any of the names asked. */
    record Missing(List<String> asked) implements DmarcLookup {
    }

    /** A record is there but cannot be used (receivers then apply no DMARC policy); {@code problem} quotes it. */
    record Malformed(String at, String text, String problem) implements DmarcLookup {
    }

    /** DNS did not answer. */
    record Failed(String at, String reason) implements DmarcLookup {
    }

    static DmarcLookup of(Dns dns, String fromDomain) {
        String org = OrganizationalDomain.of(fromDomain);
        List<String> asked = new ArrayList<>();
        for (String domain : org.equalsIgnoreCase(fromDomain) ? List.of(fromDomain) : List.of(fromDomain, org)) {
            String at = "_dmarc." + domain;
            asked.add(at);
            Dns.Answer<String> answer = dns.txt(at);
            if (answer instanceof Dns.Answer.Failed<String> f) {
                return new Failed(at, f.reason());
            }
            List<String> records = answer.records().stream().filter(DmarcRecord::isDmarc).toList();
            if (records.size() > 1) {
                return new Malformed(at, String.join(" | ", records), at + " has " + records.size()
                        + " DMARC records; receivers ignore them all: keep one (\"" + String.join("\", \"", records) + "\")");
            }
            if (records.size() == 1) {
                try {
                    return new Found(at, DmarcRecord.parse(records.get(0)));
                } catch (IllegalArgumentException e) {
                    return new Malformed(at, records.get(0), e.getMessage());
                }
            }
            // a record that begins with something else is not DMARC, but the owner meant one: say so
            for (String txt : answer.records()) {
                if (txt.strip().toLowerCase(java.util.Locale.ROOT).startsWith("v=dmarc")) {
                    return new Malformed(at, txt, "the DMARC record \"" + txt + "\" is malformed: it must start with v=DMARC1");
                }
            }
        }
        return new Missing(asked);
    }
}
