package dev.homing.auth;

import java.util.List;
import java.util.Locale;

/**
 * A parsed SPF record: its directives in order and the two modifiers that mean something
 * (unknown modifiers are checked for syntax and then ignored, RFC 7208 6).
 *
 * @param redirect the redirect= domain-spec, or null
 * @param exp      the exp= domain-spec, or null
 */
record SpfRecord(String text, List<SpfMechanism> mechanisms, String redirect, String exp) {

    SpfRecord {
        mechanisms = List.copyOf(mechanisms);
    }

    /** RFC 7208 4.5: the record starts with "v=spf1" (any case) followed by a space or nothing. */
    static boolean isSpf(String txt) {
        return txt.length() >= 6 && txt.substring(0, 6).toLowerCase(Locale.ROOT).equals("v=spf1")
                && (txt.length() == 6 || txt.charAt(6) == ' ');
    }

    /** RFC 7208 6.1: redirect is ignored when the record has an "all" anywhere. */
    boolean hasAll() {
        return mechanisms.stream().anyMatch(m -> m.kind() == SpfMechanism.Kind.ALL);
    }
}
