package dev.homing.inbound;

import java.util.Locale;

/**
 * A Content-Type value: "type/subtype" lower-cased and the parameters a bounce reader needs.
 * A missing or unreadable header is text/plain (RFC 2045 section 5.2).
 */
record ContentType(String mime, String boundary, String charset, String reportType) {

    static final ContentType DEFAULT = new ContentType("text/plain", null, null, null);

    static ContentType of(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        int semi = value.indexOf(';');
        String mime = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        if (mime.indexOf('/') < 0) {
            mime = "text/plain";
        }
        return new ContentType(mime, param(value, "boundary"), param(value, "charset"), lowerOrNull(param(value, "report-type")));
    }

    boolean isMultipart() {
        return mime.startsWith("multipart/");
    }

    boolean isText() {
        return mime.startsWith("text/");
    }

    private static String lowerOrNull(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** A parameter's value, quoted or not; names compared case-insensitively. */
    static String param(String value, String name) {
        String lower = value.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = lower.indexOf(name, from);
            if (at < 0) {
                return null;
            }
            from = at + name.length();
            // the name must start a parameter: after ';' or whitespace
            if (at > 0 && ";\t ".indexOf(lower.charAt(at - 1)) < 0) {
                continue;
            }
            int i = from;
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            if (i >= value.length() || value.charAt(i) != '=') {
                continue;
            }
            i++;
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
            if (i < value.length() && value.charAt(i) == '"') {
                int end = value.indexOf('"', i + 1);
                return value.substring(i + 1, end < 0 ? value.length() : end);
            }
            int end = i;
            while (end < value.length() && value.charAt(end) != ';' && !Character.isWhitespace(value.charAt(end))) {
                end++;
            }
            return value.substring(i, end);
        }
    }
}
