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

    /**
     * Where the next reply code starts, from {@code from} on, or -1: three digits ([245][0-5][0-9]) where a server's
     * reply starts, not inside a number, an IP address, a word or a field ("=550"), and followed by a space, '-', ':' or the end.
     */
    static int codeAt(String text, int from) {
        int n = text.length();
        for (int i = from; i + 3 <= n; i++) {
            char c = text.charAt(i);
            if (c != '2' && c != '4' && c != '5') {
                continue;
            }
            char d = text.charAt(i + 1);
            char e = text.charAt(i + 2);
            if (d < '0' || d > '5' || e < '0' || e > '9') {
                continue;
            }
            if (i > 0) {
                char p = text.charAt(i - 1);
                if (p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p >= '0' && p <= '9' || "_.-/:=#[".indexOf(p) >= 0) {
                    continue;
                }
            }
            if (i + 3 == n || text.charAt(i + 3) == ' ' || text.charAt(i + 3) == '-' || text.charAt(i + 3) == ':') {
                return i;
            }
        }
        return -1;
    }

    static final Diagnostic NONE = new Diagnostic(0, null, null, "", "");

    /**
     * The reporting server's own phrases that only say at which command the remote server refused (qmail-remote's
     * "Connected to 192.0.2.1 but sender was rejected.", "192.0.2.1 does not like recipient.", DragonFly's "did not like
     * our RCPT TO:"): they give the stage ({@link #stage}), and are taken out before the words are judged, or "sender was
     * rejected" would read as a refusal of the sender whatever the remote server said.
     */
    private static final Pattern STAGE_PHRASES = Pattern.compile(
            "\\b(but (sender|greeting|my name) was rejected|does not like recipient|failed on DATA command|failed after I sent the message"
                    + "|did not like our (RCPT TO|MAIL FROM|DATA)|refused to talk to me)\\b[.:]?", Pattern.CASE_INSENSITIVE);

    private static final dev.homing.prefilter.Prefilter STAGE_WORDS = dev.homing.prefilter.Prefilter.of(STAGE_PHRASES);

    /** The text without {@link #STAGE_PHRASES}. */
    static String withoutStagePhrases(String text) {
        if (!STAGE_WORDS.mayFind(text)) {
            return text;
        }
        Matcher m = STAGE_PHRASES.matcher(text);
        return m.find() ? m.replaceAll("") : text;
    }

    static Diagnostic read(String raw) {
        if (raw == null || raw.isBlank()) {
            return NONE;
        }
        // a reply is near the start of what it explains; the text kept is capped below anyway
        // the judge's own squeezer, so both read a text alike
        String text = dev.homing.smtp.Reply.squeeze(raw.length() > READ_LIMIT ? raw.substring(0, READ_LIMIT) : raw);
        Stage stage = stage(text.toLowerCase(Locale.ROOT));
        int code = 0;
        String from = text;
        // "550 5.1.1", "550-5.7.26", "550: 5.2.2", or a code followed by words; in a transcript the failure
        // is the first 4xx or 5xx, not the 2xx steps before it
        int at = -1;
        for (int i = codeAt(text, 0); i >= 0; i = codeAt(text, i + 1)) {
            if (at < 0 || text.charAt(i) != '2') {
                at = i;
            }
            if (text.charAt(i) != '2') {
                break;
            }
        }
        if (at >= 0) {
            code = Integer.parseInt(text, at, at + 3, 10);
            from = text.substring(at);
        }
        String status = status(from, code);
        if (status == null && code != 0) {
            // "5.3.0 - Other mail system problem 550-'Unknown user ...'": some MTAs put their status before the reply
            status = status(text.substring(0, text.length() - from.length()), code);
        }
        if (status == null && code == 0 && status(text, 0) != null) { // the quick scan first: most texts have none
            status = EnhancedStatus.find(text).map(EnhancedStatus::toString).orElse(null);
        }
        if (code != 0 && from.length() > 9 && from.charAt(3) != '.' && from.startsWith(".4.7", 5) && !Character.isDigit(from.charAt(9))) {
            // "554 4.4.7 Message expired ... <421 4.4.2 Connection timed out>": the expiry is the reporting MTA's
            // summary; the remote server's own reply, when quoted after it, says what kept failing
            int[] inner = underlying(from);
            if (inner != null) {
                code = inner[0];
                status = status(from.substring(inner[1]), code);
            }
        }
        return new Diagnostic(code, status, stage, cap(text), cap(from));
    }

    /**
     * The first reply after the first one whose status is not an expiry (x.4.7), as {code, position}; null when none.
     * Reporting MTAs that give up quote the last error of the remote server after their own "expired" line.
     */
    static int[] underlying(String text) {
        int first = codeAt(text, 0);
        for (int i = first < 0 ? -1 : codeAt(text, first + 1); i >= 0; i = codeAt(text, i + 1)) {
            int c = Integer.parseInt(text, i, i + 3, 10);
            String s = c >= 400 ? status(text.substring(i, Math.min(text.length(), i + 20)), c) : null;
            if (s != null && !s.endsWith(".4.7")) {
                return new int[]{c, i};
            }
        }
        return null;
    }

    private static final int READ_LIMIT = 4000;

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

    /**
     * The first enhanced status whose class agrees with the reply code (a stray "4.16.55" in a 5xx text is not one):
     * class.subject.detail with up to three digits each, not inside a longer number or dotted sequence.
     */
    private static String status(String text, int code) {
        int n = text.length();
        for (int i = text.indexOf('.'); i > 0 && i < n; i = text.indexOf('.', i + 1)) {
            char k = text.charAt(i - 1);
            if (k != '2' && k != '4' && k != '5' || code != 0 && k - '0' != code / 100) {
                continue;
            }
            if (i >= 2 && (isDigit(text.charAt(i - 2)) || text.charAt(i - 2) == '.')) {
                continue;
            }
            int subjectEnd = digits(text, i + 1);
            if (subjectEnd < 0 || subjectEnd >= n || text.charAt(subjectEnd) != '.') {
                continue;
            }
            int detailEnd = digits(text, subjectEnd + 1);
            if (detailEnd < 0) {
                continue;
            }
            if (detailEnd < n && (isDigit(text.charAt(detailEnd))
                    || text.charAt(detailEnd) == '.' && detailEnd + 1 < n && isDigit(text.charAt(detailEnd + 1)))) {
                continue;
            }
            return k + "." + Integer.parseInt(text, i + 1, subjectEnd, 10) + "." + Integer.parseInt(text, subjectEnd + 1, detailEnd, 10);
        }
        return null;
    }

    /** The end of a run of one to three ASCII digits at {@code at} that no fourth digit follows, or -1. */
    private static int digits(String text, int at) {
        int i = at;
        while (i < text.length() && i - at < 3 && isDigit(text.charAt(i))) {
            i++;
        }
        return i == at || i < text.length() && isDigit(text.charAt(i)) ? -1 : i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The stage the report names; MTAs say it in a handful of ways ("in reply to RCPT TO command", "after end of data"). */
    static Stage stage(String lower) {
        if (has(lower, "mail.local:") || has(lower, "local delivery")) {
            return Stage.LOCAL; // the final mailbox delivery agent: its "unknown user" is about the mailbox itself
        }
        if (has(lower, "end of data") || has(lower, "final data") || has(lower, "after i sent the message")
                || has(lower, "sent the message") || has(lower, "after end of message") || has(lower, "end of message command")) {
            return Stage.DOT;
        }
        if (has(lower, "rcpt to") || has(lower, "rcpt command") || has(lower, "rcpt_to") || has(lower, "smtp:rcpt")
                || has(lower, "after rcpt")) {
            return Stage.RCPT;
        }
        if (has(lower, "mail from") || has(lower, "after mail") || has(lower, "mail command")
                || has(lower, "sender was rejected")) {
            return Stage.MAIL;
        }
        if (has(lower, "data command") || has(lower, ">>> data") || has(lower, "after data")) {
            return Stage.DATA;
        }
        if (has(lower, "initial connection") || has(lower, "greeting") || has(lower, "banner") || has(lower, "refused to talk to me")) {
            return Stage.BANNER;
        }
        if (has(lower, "after ehlo") || has(lower, "after helo") || has(lower, "ehlo command") || has(lower, "helo command")
                || has(lower, "my name was rejected")) {
            return Stage.EHLO;
        }
        return null;
    }

    /**
     * The phrase in the text as words of their own: "mail command" in "the mail command", not in "your email commands";
     * "mail from" not in "email from"; "after mail" not in "after mailbox".
     */
    private static boolean has(String lower, String phrase) {
        for (int at = lower.indexOf(phrase); at >= 0; at = lower.indexOf(phrase, at + 1)) {
            if (wordAt(lower, at, at + phrase.length())) {
                return true;
            }
        }
        return false;
    }

    /** True when text[start, end) is words of their own: no letter or digit touches it on either side. */
    static boolean wordAt(String text, int start, int end) {
        return (start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }
}
