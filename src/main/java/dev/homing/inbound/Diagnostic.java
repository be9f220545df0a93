package dev.homing.inbound;

import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Stage;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report's diagnostic text says about the remote server's reply: the reply code, the
 * enhanced status, the SMTP stage it answered, and the words. The same reading for a DSN's
 * Diagnostic-Code and for the free text of a non-standard bounce.
 *
 * @param code   the reply code, 0 when the text quotes none
 * @param status the enhanced status found in the text ("5.1.1"), or null
 * @param stage  the SMTP stage the text names ("in reply to RCPT TO command"), or null
 * @param text   the diagnostic, single-spaced: what the judge reads and the operator sees
 * @param reply  the part of the text from the reply code on (the whole text when there is no code)
 */
record Diagnostic(int code, String status, Stage stage, String text, String reply) {

    /** A reply code where a server's reply starts: not inside a number, an IP address or a word. */
    private static final Pattern CODE = Pattern.compile("(?<![\\w.\\-/:=#\\[])([245][0-5]\\d)(?=[ \\-:]|$)");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    static final Diagnostic NONE = new Diagnostic(0, null, null, "", "");

    static Diagnostic read(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        String text = SPACES.matcher(raw).replaceAll(" ").strip();
        Stage stage = stage(text.toLowerCase(Locale.ROOT));
        int code = 0;
        String from = text;
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            int c = Integer.parseInt(m.group(1));
            // "550 5.1.1", "550-5.7.26", "550: 5.2.2", or a code followed by words
            code = c;
            from = text.substring(m.start());
            break;
        }
        String status = status(from, code);
        if (status == null && code != 0) {
            // "5.3.0 - Other mail system problem 550-'Unknown user ...'": some MTAs put their status before the reply
            status = status(text.substring(0, text.length() - from.length()), code);
        }
        if (status == null && code == 0) {
            status = EnhancedStatus.find(text).map(EnhancedStatus::toString).orElse(null);
        }
        return new Diagnostic(code, status, stage, cap(text), cap(from));
    }

    private static String cap(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    /** The stage of the last command named in a transcript before the reply (">>> DATA" then "<<< 550 ..."). */
    static Stage lastStage(String lower) {
        int best = -1;
        Stage stage = null;
        String[][] markers = {{">>> data", "DATA"}, {">>> rcpt", "RCPT"}, {">>> mail", "MAIL"}, {"after end of data", "DOT"},
                {"after rcpt", "RCPT"}, {"after mail from", "MAIL"}, {"after data", "DATA"}, {"final data", "DOT"},
                {"rcpt to", "RCPT"}, {"initial connection", "BANNER"}, {"sent the message", "DOT"}};
        for (String[] m : markers) {
            int at = lower.lastIndexOf(m[0]);
            if (at > best) {
                best = at;
                stage = Stage.valueOf(m[1]);
            }
        }
        return stage;
    }

    /** The first enhanced status whose class agrees with the reply code (a stray "4.16.55" in a 5xx text is not one). */
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\d|\\.\\d)");

    private static String status(String text, int code) {
        Matcher m = STATUS.matcher(text);
        while (m.find()) {
            int klass = m.group(1).charAt(0) - '0';
            if (code == 0 || klass == code / 100) {
                return m.group(1) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3));
            }
        }
        return null;
    }

    /** The stage the report names; MTAs say it in a handful of ways ("in reply to RCPT TO command", "after end of data"). */
    static Stage stage(String lower) {
        if (lower.contains("mail.local:") || lower.contains("local delivery")) {
            return Stage.LOCAL; // the final mailbox delivery agent: its "unknown user" is about the mailbox itself
        }
        if (lower.contains("end of data") || lower.contains("final data") || lower.contains("after i sent the message")
                || lower.contains("sent the message") || lower.contains("end of message")) {
            return Stage.DOT;
        }
        if (lower.contains("rcpt to") || lower.contains("rcpt command") || lower.contains("rcpt_to") || lower.contains("smtp:rcpt")
                || lower.contains("after rcpt")) {
            return Stage.RCPT;
        }
        if (lower.contains("mail from") || lower.contains("after mail") || lower.contains("mail command")
                || lower.contains("sender was rejected")) {
            return Stage.MAIL;
        }
        if (lower.contains("data command") || lower.contains(">>> data") || lower.contains("after data")) {
            return Stage.DATA;
        }
        if (lower.contains("initial connection") || lower.contains("greeting") || lower.contains("banner")) {
            return Stage.BANNER;
        }
        if (lower.contains("after ehlo") || lower.contains("after helo") || lower.contains("ehlo command") || lower.contains("helo command")) {
            return Stage.EHLO;
        }
        return null;
    }
}
