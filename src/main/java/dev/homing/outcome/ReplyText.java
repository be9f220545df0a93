package dev.homing.outcome;

import dev.homing.prefilter.FirstChars;
import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Reply;

import java.util.regex.Pattern;

/**
 * What the rules read from a reply: its enhanced status and its text as one plain line.
 * Multi-line replies repeat the enhanced code on every line ("550-5.1.1 ... does not\r\n550-5.1.1 exist")
 * and the line breaks fall anywhere, so the repeated codes are removed and the lines joined, or a
 * phrase split across two lines would not match.
 *
 * @param status the enhanced status as "5.1.1", or null when the reply has none
 * @param text   the plain text, single-spaced
 */
record ReplyText(String status, String text) {

    /** An enhanced code at the start of a line (the reply code itself is already gone). */
    private static final Pattern LINE_STATUS = Pattern.compile("^\\s*[245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$)");
    /** Reply-code prefixes left inside text that was flattened elsewhere, such as a bounce's Diagnostic-Code. */
    private static final Pattern INNER_PREFIX = FirstChars.compile(
            "(?<!\\S)[245]\\d\\d[- ][245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$)|(?<!\\S)[245]\\d\\d-(?=[A-Za-z])", 0);

    static ReplyText of(Reply reply) {
        StringBuilder joined = new StringBuilder();
        for (String line : reply.lines()) {
            joined.append(mayStartWithStatus(line) ? LINE_STATUS.matcher(line).replaceFirst("") : line).append(' ');
        }
        String text = hasCodeWord(joined) ? INNER_PREFIX.matcher(joined).replaceAll(" ") : joined.toString();
        text = Reply.squeeze(text);
        return new ReplyText(status(reply), text.indexOf('@') >= 0 ? withoutAddresses(text) : text);
    }

    /**
     * The text with every email address in it written as "x@x": an address is a name, not words the server said, and a
     * local part or domain may hold any word ("errorperson?spam-enabled=false@...", "virus-reports@...") that a row would
     * otherwise read. The rows never read an address, only the words around it.
     */
    static String withoutAddresses(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            // no further than an address can reach (RFC 5321 section 4.5.3.1.3: a path is at most 256 octets), so that a
            // text of many "@" costs no more than its length times that
            int start = at;
            while (start > Math.max(copied, at - 256) && !endsAddress(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            boolean dot = false;
            while (end < Math.min(text.length(), at + 256) && !endsAddress(text.charAt(end))) {
                dot |= text.charAt(end) == '.' && end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1));
                end++;
            }
            if (start == at || !dot) {
                continue; // not local@domain.tld
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, start).append("x@x");
            copied = end;
            at = end - 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean endsAddress(char c) {
        return Character.isWhitespace(c) || c == '<' || c == '>' || c == '(' || c == ')' || c == '[' || c == ']' || c == '"'
                || c == '\'' || c == ',' || c == ';' || c == ':';
    }

    /** A cheap test before {@link #LINE_STATUS}: the first non-blank character is a status class. */
    private static boolean mayStartWithStatus(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                return (c == '2' || c == '4' || c == '5') && i + 1 < line.length() && line.charAt(i + 1) == '.';
            }
        }
        return false;
    }

    /** A cheap test before {@link #INNER_PREFIX}: a reply code ("550-" or "550 ") at the start of a word. */
    private static boolean hasCodeWord(CharSequence s) {
        for (int i = 0, n = s.length() - 3; i < n; i++) {
            char c = s.charAt(i);
            if ((c == '2' || c == '4' || c == '5') && (i == 0 || Character.isWhitespace(s.charAt(i - 1)))
                    && Character.isDigit(s.charAt(i + 1)) && Character.isDigit(s.charAt(i + 2))
                    && (s.charAt(i + 3) == '-' || s.charAt(i + 3) == ' ')) {
                return true;
            }
        }
        return false;
    }


    /**
     * The enhanced status the server gave at the start of the reply, or else the first one in the text
     * whose class agrees with the reply code (a stray "4.16.55" in a 5xx text is not a status).
     */
    private static String status(Reply reply) {
        return reply.enhancedStatus()
                .or(() -> EnhancedStatus.find(reply.text()).filter(s -> s.klass() == reply.code() / 100))
                .map(EnhancedStatus::toString)
                .orElse(null);
    }
}
