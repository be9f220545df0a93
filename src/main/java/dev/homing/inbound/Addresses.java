package dev.homing.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finding mail addresses in report text. */
final class Addresses {
    private Addresses() {
    }

    /** A pragmatic address: no spaces, brackets or quotes in the local part; a dotted domain. */
    static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-]+@[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9\\-]*[A-Za-z0-9])?)+");

    /** The first address in a header value or line, or null. */
    static String first(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? m.group() : null;
    }

    /** Addresses of mail systems, not of people: never a failed recipient. */
    static boolean isSystem(String address) {
        String local = address.substring(0, address.indexOf('@')).toLowerCase(java.util.Locale.ROOT);
        return local.equals("mailer-daemon") || local.equals("postmaster") || local.equals("mail-daemon");
    }

    /** Without surrounding angle brackets and spaces; null for "<>" or blank. */
    static String bare(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("<") && v.indexOf('>') > 0) {
            v = v.substring(1, v.indexOf('>'));
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }
}
