package dev.homing.outcome;

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
    private static final Pattern INNER_PREFIX = Pattern.compile(
            "(?<!\\S)[245]\\d\\d[- ][245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$)|(?<!\\S)[245]\\d\\d-(?=[A-Za-z])");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static ReplyText of(Reply reply) {
        StringBuilder joined = new StringBuilder();
        for (String line : reply.lines()) {
            joined.append(LINE_STATUS.matcher(line).replaceFirst("")).append(' ');
        }
        String text = INNER_PREFIX.matcher(joined).replaceAll(" ");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return new ReplyText(status(reply), text);
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
