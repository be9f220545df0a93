package dev.homing.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A DMARC policy record (RFC 7489 6.3). Absent optional tags take the RFC's defaults; unknown tags are ignored.
 *
 * @param subdomainPolicy sp=, or the p= value when absent
 * @param strictDkim      adkim=s
 * @param strictSpf       aspf=s
 * @param failureOptions  fo= ("0" by default)
 * @param interval        ri= in seconds (86400 by default)
 */
public record DmarcRecord(String text, Policy policy, Policy subdomainPolicy, int pct, List<String> rua, List<String> ruf,
                          boolean strictDkim, boolean strictSpf, String failureOptions, long interval) {
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+?(![0-9]+[kmgtKMGT]?)?");

    public enum Policy {
        NONE, QUARANTINE, REJECT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DmarcRecord {
        rua = List.copyOf(rua);
        ruf = List.copyOf(ruf);
    }

    /** RFC 7489 6.6.3: only records starting with "v=DMARC1" are DMARC records. */
    static boolean isDmarc(String txt) {
        return txt.strip().matches("(?s)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /** @throws IllegalArgumentException saying what is wrong, quoting the record */
    public static DmarcRecord parse(String text) {
        Map<String, String> tags = TagList.parse(text, true, why -> bad(text, why));
        if (tags.isEmpty() || !tags.keySet().iterator().next().equals("v") || !tags.get("v").equals("DMARC1")) {
            throw bad(text, "it must start with v=DMARC1");
        }
        if (!tags.containsKey("p")) {
            throw bad(text, "the policy p= (none, quarantine or reject) is missing");
        }
        Policy p = policy(text, "p", tags.get("p"));
        Policy sp = tags.containsKey("sp") ? policy(text, "sp", tags.get("sp")) : p;
        int pct = 100;
        if (tags.containsKey("pct")) {
            try {
                pct = Integer.parseInt(tags.get("pct"));
            } catch (NumberFormatException e) {
                pct = -1;
            }
            if (pct < 0 || pct > 100) {
                throw bad(text, "pct=" + tags.get("pct") + " is not a number from 0 to 100");
            }
        }
        boolean strictDkim = alignment(text, "adkim", tags.getOrDefault("adkim", "r"));
        boolean strictSpf = alignment(text, "aspf", tags.getOrDefault("aspf", "r"));
        String fo = tags.getOrDefault("fo", "0");
        for (String o : fo.split(":")) {
            if (!List.of("0", "1", "d", "s").contains(o.strip().toLowerCase(Locale.ROOT))) {
                throw bad(text, "fo=" + fo + " is not a colon-separated list of 0, 1, d and s");
            }
        }
        long ri = 86400;
        if (tags.containsKey("ri")) {
            try {
                ri = Long.parseLong(tags.get("ri"));
            } catch (NumberFormatException e) {
                ri = -1;
            }
            if (ri < 0) {
                throw bad(text, "ri=" + tags.get("ri") + " is not a number of seconds");
            }
        }
        return new DmarcRecord(text, p, sp, pct, uris(text, "rua", tags.get("rua")), uris(text, "ruf", tags.get("ruf")),
                strictDkim, strictSpf, fo, ri);
    }

    private static Policy policy(String text, String tag, String value) {
        try {
            return Policy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(text, tag + "=" + value + " is not none, quarantine or reject");
        }
    }

    private static boolean alignment(String text, String tag, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "r" -> false;
            case "s" -> true;
            default -> throw bad(text, tag + "=" + value + " is not r (relaxed) or s (strict)");
        };
    }

    private static List<String> uris(String text, String tag, String value) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String u : value.split(",")) {
            String uri = u.strip();
            if (!URI.matcher(uri).matches()) {
                throw bad(text, tag + "= has \"" + uri + "\", which is not a URI such as mailto:dmarc@example.com");
            }
            out.add(uri);
        }
        return out;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("the DMARC record \"" + text + "\" is malformed: " + why);
    }
}
