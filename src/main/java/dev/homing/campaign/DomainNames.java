package dev.homing.campaign;

import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names of links and their registrable domain (the part a registrant owns: {@code bbc.co.uk}
 * for {@code news.bbc.co.uk}). Uses the Public Suffix List when the system has it (Debian's
 * {@code publicsuffix} package), else a short built-in list of common multi-label suffixes, which is
 * right for the usual TLDs and second-level country domains.
 */
final class DomainNames {
    static final Path SYSTEM_LIST = Path.of("/usr/share/publicsuffix/public_suffix_list.dat");
    private static final Pattern URL_HOST = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?(\\[[^]]*]|[^/?#:\\\\]+)");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    /** Multi-label public suffixes used when the full list is not installed. */
    private static final List<String> FALLBACK = List.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk", "me.uk", "net.uk", "sch.uk", "nhs.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "co.nz", "org.nz", "net.nz", "govt.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "co.kr", "or.kr", "com.cn", "net.cn", "org.cn", "gov.cn",
            "com.hk", "com.tw", "com.sg", "com.my", "co.in", "net.in", "org.in", "gov.in", "co.id", "co.th",
            "com.br", "net.br", "org.br", "gov.br", "com.mx", "com.ar", "com.co", "com.pe", "com.tr", "co.za",
            "org.za", "com.ua", "com.pl", "co.il", "org.il", "com.eg", "com.sa", "com.ng", "co.ke", "blogspot.com",
            "github.io", "herokuapp.com", "appspot.com", "azurewebsites.net", "cloudfront.net", "pages.dev",
            "netlify.app", "vercel.app", "s3.amazonaws.com");
    private static volatile Suffixes suffixes;

    private record Suffixes(Set<String> exact, Set<String> wildcard, Set<String> exceptions, boolean complete) {
    }

    private DomainNames() {
    }

    /** The lower-case host of an absolute URL, or null when it has none. */
    static String host(String url) {
        Matcher m = URL_HOST.matcher(url.trim());
        if (!m.find()) {
            return null;
        }
        String h = m.group(1).toLowerCase(Locale.ROOT);
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return h.isEmpty() ? null : h;
    }

    /** The registrable domain of a host; IP literals and bare public suffixes are returned whole. */
    static String registrable(String host) {
        String h = ascii(host.toLowerCase(Locale.ROOT));
        if (h.startsWith("[") || IPV4.matcher(h).matches()) {
            return h;
        }
        String[] labels = h.split("\\.");
        Suffixes s = suffixes();
        // The longest matching rule wins; an exception rule makes its parent the suffix (PSL algorithm).
        int suffixLabels = 1;
        for (int i = 0; i < labels.length; i++) {
            String candidate = String.join(".", List.of(labels).subList(i, labels.length));
            int n = labels.length - i;
            if (s.exceptions().contains(candidate)) {
                suffixLabels = n - 1;
                break;
            }
            String parent = i + 1 < labels.length ? String.join(".", List.of(labels).subList(i + 1, labels.length)) : null;
            if (s.exact().contains(candidate) || parent != null && s.wildcard().contains(parent)) {
                suffixLabels = n;
                break;
            }
        }
        if (suffixLabels >= labels.length) {
            return h;
        }
        return String.join(".", List.of(labels).subList(labels.length - suffixLabels - 1, labels.length));
    }

    /** True when the last label is a known top-level domain (only known with the full list installed). */
    static boolean knownTld(String host) {
        String tld = host.substring(host.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Suffixes s = suffixes();
        if (s.complete()) {
            return s.exact().contains(ascii(tld));
        }
        return tld.length() == 2 && tld.chars().allMatch(Character::isLetter)
                || Set.of("com", "net", "org", "info", "biz", "edu", "gov", "io", "app", "dev", "shop", "store",
                "online", "xyz", "site", "email", "top", "club", "live", "tech", "news", "blog").contains(tld);
    }

    private static String ascii(String host) {
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return host; // not a valid IDN: compare it as written
        }
    }

    private static Suffixes suffixes() {
        Suffixes s = suffixes;
        if (s == null) {
            s = load();
            suffixes = s;
        }
        return s;
    }

    private static Suffixes load() {
        Set<String> exact = new HashSet<>();
        Set<String> wildcard = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        try {
            for (String line : Files.readAllLines(SYSTEM_LIST, StandardCharsets.UTF_8)) {
                String rule = line.strip();
                int space = rule.indexOf(' ');
                rule = space < 0 ? rule : rule.substring(0, space);
                if (rule.isEmpty() || rule.startsWith("//")) {
                    continue;
                }
                if (rule.startsWith("!")) {
                    exceptions.add(ascii(rule.substring(1)));
                } else if (rule.startsWith("*.")) {
                    wildcard.add(ascii(rule.substring(2)));
                } else {
                    exact.add(ascii(rule));
                }
            }
            return new Suffixes(Set.copyOf(exact), Set.copyOf(wildcard), Set.copyOf(exceptions), true);
        } catch (IOException | RuntimeException notInstalled) {
            return new Suffixes(Set.copyOf(FALLBACK), Set.of(), Set.of(), false);
        }
    }
}
