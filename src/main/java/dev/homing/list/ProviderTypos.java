package dev.homing.list;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Suggests the big-provider domain that a domain probably misspells: gmial.com, gmal.com,
 * gmail.con → gmail.com. A domain is compared with each provider as name + suffix
 * (gmail + com, yahoo + co.uk), and flagged only when both parts are close:
 * <ul>
 *   <li>the name within 1 edit for names of 5–6 letters and 2 edits from 7 letters; short names
 *       (aol, msn, gmx, live) get no name edits at all, because too many real domains sit one letter
 *       away from them;</li>
 *   <li>the suffix within 1 edit (con, cm, co for com), except that a country code must match
 *       exactly: hotmail.es and yahoo.com.ar are real domains, not typos of hotmail.de or yahoo.com.au;</li>
 *   <li>at most 2 edits in all, and the same number of labels (mail.gmail.com is a different host).</li>
 * </ul>
 * A domain that is itself a known real domain is never flagged; that list includes real domains
 * that happen to be one edit from a provider (mail.com, email.com).
 */
final class ProviderTypos {
    /** Big consumer mailbox providers, most used first: on a tie the earlier one is suggested. */
    static final List<String> PROVIDERS = List.of(
            "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com",
            "live.com", "msn.com", "me.com", "mac.com", "googlemail.com", "ymail.com", "rocketmail.com",
            "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "charter.net",
            "cox.net", "earthlink.net", "optonline.net",
            "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "freenet.de",
            "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net",
            "libero.it", "virgilio.it", "yandex.ru", "mail.ru", "protonmail.com", "proton.me",
            "zoho.com", "fastmail.com", "btinternet.com", "sky.com", "virginmedia.com",
            "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.it", "yahoo.es", "yahoo.ca", "yahoo.com.au",
            "yahoo.co.in", "yahoo.co.jp", "yahoo.com.br", "yahoo.com.mx",
            "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es",
            "live.co.uk", "live.fr", "outlook.fr", "outlook.de");

    /** Real domains close to a provider's spelling; they must not be "corrected". */
    private static final Set<String> OTHER_REAL = Set.of("mail.com", "email.com", "gmx.at", "gmx.ch", "yandex.com");

    private static final Set<String> KNOWN = known();

    private record Candidate(String provider, int edits) {
    }

    private ProviderTypos() {
    }

    /** The provider domain that {@code domain} (ASCII, any case) probably misspells, or empty. */
    static Optional<String> providerFor(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (KNOWN.contains(d) || d.startsWith("[")) {
            return Optional.empty();
        }
        String[] labels = d.split("\\.");
        Candidate best = null;
        for (String provider : PROVIDERS) {
            Integer edits = edits(labels, provider);
            if (edits != null && (best == null || edits < best.edits())) {
                best = new Candidate(provider, edits);
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.provider());
    }

    /** The edits from the domain to the provider if it looks like a typo of it, else null. */
    private static Integer edits(String[] labels, String provider) {
        String[] p = provider.split("\\.");
        if (labels.length != p.length) {
            return null;
        }
        String providerTld = p[p.length - 1];
        String tld = labels[labels.length - 1];
        if (providerTld.length() == 2 && !tld.equals(providerTld)) {
            return null;
        }
        int name = EditDistance.between(labels[0], p[0]);
        if (name > nameBudget(p[0])) {
            return null;
        }
        int suffix = EditDistance.between(suffix(labels), suffix(p));
        int total = name + suffix;
        return suffix <= 1 && total >= 1 && total <= 2 ? total : null;
    }

    private static int nameBudget(String name) {
        return name.length() <= 4 ? 0 : name.length() <= 6 ? 1 : 2;
    }

    private static String suffix(String[] labels) {
        return String.join(".", List.of(labels).subList(1, labels.length));
    }

    private static Set<String> known() {
        Set<String> s = new HashSet<>(PROVIDERS);
        s.addAll(OTHER_REAL);
        return Set.copyOf(s);
    }
}
