package dev.homing.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multi-line reply that a report's delivery-status fields keep only the first line of. Sendmail writes the first line
 * of the remote server's reply into Diagnostic-Code ("550-5.7.1 [192.0.2.1 7] Our system has detected that this message
 * is") and the whole reply into the transcript of its human-readable part ("&lt;&lt;&lt; 550-5.7.1 ...", one line per
 * reply line, RFC 5321 section 4.2.1: "550-" continues, "550 " ends). The words that say why are often on the later lines.
 */
final class WholeReply {
    private WholeReply() {
    }

    /** The first line of a multi-line reply: its code followed by a hyphen. */
    private static final Pattern FIRST_OF_SEVERAL = Pattern.compile("^\\s*([45]\\d\\d)-");

    /** Lines read at most: a reply is short, and a transcript that does not end its reply is not followed further. */
    private static final int MAX_LINES = 40;

    /**
     * The whole reply when the field holds the first line of a multi-line one and the report's text quotes all its lines;
     * otherwise the field as it is. The text may quote the first line elsewhere too (Sendmail's "(reason: 550-...)" under
     * the address): the quotation that goes on with the reply's next lines is the transcript.
     */
    static String of(String field, String head) {
        if (field == null || head == null) {
            return field;
        }
        Matcher first = FIRST_OF_SEVERAL.matcher(field);
        if (!first.find()) {
            return field;
        }
        Matcher quoted = ReportText.words(field).matcher(head);
        while (quoted.find()) {
            String whole = linesFrom(head, head.lastIndexOf('\n', quoted.start()) + 1, first.group(1));
            if (whole != null) {
                return whole;
            }
        }
        return field;
    }

    /** The reply's lines from the line that starts at lineStart, joined; null when no continuation line follows it. */
    private static String linesFrom(String head, int lineStart, String code) {
        StringBuilder whole = new StringBuilder();
        for (int n = 0; n < MAX_LINES && lineStart < head.length(); n++) {
            int end = head.indexOf('\n', lineStart);
            String line = head.substring(lineStart, end < 0 ? head.length() : end).strip();
            if (line.startsWith("<<<")) {
                line = line.substring(3).strip(); // Sendmail marks what the server said
            }
            boolean ofReply = line.startsWith(code) && line.length() > 3 && (line.charAt(3) == '-' || line.charAt(3) == ' ');
            if (n > 0 && !ofReply) {
                break; // the reply ended without its last line
            }
            whole.append(n == 0 ? line.substring(Math.max(0, line.indexOf(code))) : "\n" + line);
            if (n > 0 && line.charAt(3) == ' ' || end < 0) {
                break;
            }
            lineStart = end + 1;
        }
        return whole.indexOf("\n") < 0 ? null : whole.toString();
    }
}
