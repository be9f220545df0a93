package dev.homing.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a message/delivery-status body (RFC 3464 section 2): the per-message group and one
 * group per recipient. Also read from text parts that quote such fields (Amazon WorkMail, some
 * gateways), so it does not rely on the blank lines between groups: a Final-Recipient that arrives
 * when the current group already has one starts the next recipient.
 */
record StatusFields(Headers perMessage, List<Headers> perRecipient) {

    private static final Pattern FIELD = Pattern.compile(
            "^(?:>[ \\t]?)?(Final-Recipient|Original-Recipient|X-Actual-Recipient|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date"
                    + "|Reporting-MTA|Received-From-MTA|Arrival-Date|X-Postfix-Sender|X-Original-Message-ID|Original-Envelope-Id)\\s*:",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    private static final dev.homing.prefilter.Prefilter FINAL_RECIPIENT = dev.homing.prefilter.Prefilter.of(Pattern.compile("final-recipient"));
    private static final Pattern QUOTE = Pattern.compile("(?m)^>[ \\t]?");

    /**
     * The fields of a message/delivery-status body whose writer cut long lines at a fixed width without folding them (a
     * Diagnostic-Code cut mid-word, "... content judged to b" then "e spam by ..."): a line that neither starts with
     * white space nor names a field continues the line before it. A cut past {@link #CUT_WIDTH} characters is a cut at a
     * width, not at a word, so the halves are joined as they were; a shorter line ended at a word, so a space joins them.
     */
    static StatusFields parseReport(String body) {
        return parse(mended(body));
    }

    /** Longer than any line a writer wraps at words (RFC 5322 section 2.1.1 asks for 78). */
    static final int CUT_WIDTH = 100;
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+[ \\t]*:");

    static String mended(String body) {
        if (body.indexOf('\n') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        int previous = -1; // length of the line before, -1 when there is none to continue
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == lines.length - 1 && line.isEmpty()) {
                break; // the text ended with a newline
            }
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            boolean continues = previous > 0 && !l.isBlank() && !Character.isWhitespace(l.charAt(0))
                    && !FIELD_NAME.matcher(l).lookingAt();
            if (continues) {
                out.setLength(out.length() - 1); // the newline
                out.append(previous > CUT_WIDTH ? "" : " ").append(l).append('\n');
                previous = l.length();
                continue;
            }
            out.append(l).append('\n');
            previous = l.isBlank() ? -1 : l.length();
        }
        return out.toString();
    }

    static StatusFields parse(String body) {
        Headers all = Headers.parse(withoutBlankLines(body)); // one block: groups are split below
        Headers perMessage;
        List<String[]> message = new ArrayList<>();
        List<Headers> recipients = new ArrayList<>();
        List<String[]> current = null;
        boolean hasFinal = false;
        for (String[] f : all.fields()) {
            String name = f[0].toLowerCase(Locale.ROOT);
            boolean final_ = name.equals("final-recipient");
            boolean startsRecipient = final_ || name.equals("original-recipient");
            if (startsRecipient && (current == null || final_ && hasFinal || !final_ && hasField(current, "original-recipient"))) {
                if (current != null) {
                    recipients.add(new Headers(current));
                }
                current = new ArrayList<>();
                hasFinal = false;
            }
            if (current == null) {
                message.add(f);
            } else {
                current.add(f);
                hasFinal |= final_;
            }
        }
        if (current != null) {
            recipients.add(new Headers(current));
        }
        perMessage = new Headers(message);
        return new StatusFields(perMessage, recipients);
    }

    /** The text with its blank lines removed, so that a header parser reads every group as one block. */
    static String withoutBlankLines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = text.length();
            }
            if (!text.substring(i, end).isBlank()) {
                out.append(text, i, end).append('\n');
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static boolean hasField(List<String[]> fields, String name) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** True when a text part quotes delivery-status fields, so that it can be read as one. */
    static boolean quotedIn(String text) {
        if (!FINAL_RECIPIENT.mayFind(text)) {
            return false;
        }
        Matcher m = FIELD.matcher(text);
        int seen = 0;
        boolean recipient = false;
        while (m.find() && seen < 8) {
            seen++;
            recipient |= m.group(1).toLowerCase(Locale.ROOT).startsWith("final-recipient");
        }
        return recipient && seen >= 2;
    }

    /** The fields of a text part from its first delivery-status field on. */
    static String fromFirstField(String text) {
        Matcher m = FIELD.matcher(text);
        if (!m.find()) {
            return text;
        }
        String rest = text.substring(m.start());
        // a report forwarded by a person arrives quoted ("> Final-Recipient: ..."): unquote it to read its fields
        return rest.startsWith(">") ? QUOTE.matcher(rest).replaceAll("") : rest;
    }

    /** "rfc822; <a@b>" becomes "a@b"; the address type is dropped. */
    static String address(String value) {
        if (value == null) {
            return null;
        }
        String v = value;
        int semi = v.indexOf(';');
        if (semi >= 0) {
            v = v.substring(semi + 1);
        }
        v = v.strip();
        Matcher m = Addresses.ADDRESS.matcher(v);
        if (m.find()) {
            return m.group();
        }
        return v.isEmpty() ? null : v.replaceAll("[<>\"]", "");
    }

    /** "dns; mx.example.com" becomes "mx.example.com". */
    static String typed(String value) {
        if (value == null) {
            return null;
        }
        int semi = value.indexOf(';');
        String v = (semi >= 0 ? value.substring(semi + 1) : value).strip();
        return v.isEmpty() ? null : v;
    }

    /** The Diagnostic-Code's type ("smtp", "x-unix", "x-postfix"), lower-case, or "". */
    static String diagnosticType(String value) {
        if (value == null) {
            return "";
        }
        int semi = value.indexOf(';');
        return semi < 0 ? "" : value.substring(0, semi).strip().toLowerCase(Locale.ROOT);
    }
}
