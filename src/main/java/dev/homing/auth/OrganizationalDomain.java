package dev.homing.auth;

import java.util.Locale;
import java.util.Set;

/**
 * The organizational domain of RFC 7489 3.2: the public suffix plus one label. We do not ship the whole Public
 * Suffix List; the public suffix is the last label, or the last two when they are one of the common
 * multi-label suffixes below (co.uk, com.au, ...). A domain under a suffix we do not know is judged by its
 * last two labels, which for alignment can only be too lenient on such private registries, never too strict.
 */
public final class OrganizationalDomain {
    private static final Set<String> MULTI_LABEL_SUFFIXES = Set.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk", "nhs.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp",
            "com.br", "net.br", "org.br", "gov.br",
            "co.za", "org.za", "gov.za", "com.cn", "net.cn", "org.cn", "gov.cn", "com.hk", "com.tw", "com.sg", "com.my",
            "co.in", "net.in", "org.in", "firm.in", "gen.in", "co.il", "org.il", "com.tr", "com.mx", "com.ar", "co.kr",
            "or.kr", "co.id", "com.ua", "com.pl", "com.es", "com.ph", "com.vn", "co.th", "in.th", "com.sa", "com.eg",
            "com.co", "com.pe", "com.ng", "co.ke");

    private OrganizationalDomain() {
    }

    public static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String[] labels = d.split("\\.");
        if (labels.length <= 2) {
            return d;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = MULTI_LABEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        StringBuilder s = new StringBuilder();
        for (int i = Math.max(0, labels.length - keep); i < labels.length; i++) {
            s.append(s.isEmpty() ? "" : ".").append(labels[i]);
        }
        return s.toString();
    }

    /** DMARC identifier alignment (RFC 7489 3.1): strict wants the same name, relaxed the same organizational domain. */
    public static boolean aligned(String a, String b, boolean strict) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return strict ? x.equals(y) : of(x).equals(of(y));
    }
}
