package dev.homing.smtp;

import java.util.List;
import java.util.Optional;

/**
 * One SMTP reply, possibly multi-line: the three-digit code, the RFC 3463 enhanced status when
 * the server gave one, and every line's text (without the code and separator) as sent.
 */
public record Reply(int code, EnhancedStatus enhanced, List<String> lines) {

    public Reply {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
    }

    /** A one-line reply; an enhanced code of another class than the reply's is not one (RFC 3463 section 2). */
    private static final java.util.regex.Pattern LEADING_CODES =
            java.util.regex.Pattern.compile("^\\s*(?:(?:[245]\\d\\d[ -]|[245]\\.\\d{1,3}\\.\\d{1,3}(?:\\s+|$)))+");

    /**
     * A reply's words without the reply code and enhanced status it starts with ("550 5.1.1 User unknown" and "5.1.1 User
     * unknown" give "User unknown"): for quoting the words beside a code already shown, without "550 5.1.1 \"550 5.1.1 ...".
     */
    public static String wordsAfterCodes(String text) {
        if (text == null) {
            return "";
        }
        String rest = LEADING_CODES.matcher(text).replaceFirst("");
        return rest.isBlank() ? text.strip() : rest;
    }

    public static Reply of(int code, String text) {
        EnhancedStatus e = EnhancedStatus.leading(text).filter(s -> s.klass() == code / 100).orElse(null);
        return new Reply(code, e, List.of(text));
    }

    public Optional<EnhancedStatus> enhancedStatus() {
        return Optional.ofNullable(enhanced);
    }

    /** All lines joined with a space, enhanced codes kept: the text a person reads. */
    public String text() {
        return String.join(" ", lines);
    }

    public boolean isPositive() {
        return code >= 200 && code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The reply as it appeared on the wire, one line per text line. */
    public String wire() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            sb.append(code).append(i == lines.size() - 1 ? ' ' : '-').append(lines.get(i));
            if (i < lines.size() - 1) {
                sb.append("\r\n");
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return code + " " + text();
    }

    /**
     * Runs of white space (as Java counts it: ASCII blanks and line breaks, and other scripts' spaces such as
     * U+3000) as one space, ends stripped: the one squeezer of reply texts, for the judge and the report reader.
     */
    public static String squeeze(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
