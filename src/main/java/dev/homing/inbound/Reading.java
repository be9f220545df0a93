package dev.homing.inbound;

import dev.homing.prefilter.Prefilter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One message being classified: the MIME tree, the report text and the original, read once and
 * decided in order: complaint, delivery-status report, provider notification, auto-reply, free-text
 * bounce, ordinary message.
 */
final class Reading {
    private Reading() {
    }

    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "undeliver|returned mail|returning message|delivery (status|failure|failed|notification|has failed|problem|report)|failure notice"
                    + "|mail delivery|could not be delivered|non[- ]?delivery|failed delivery|delivery failed|warning: message|delayed"
                    + "|mail system error|delivery failure|message delivery has failed|not delivered|nicht zustellbar|unzustellbar"
                    + "|non remis|no entregado|aws notification|mail could not|error sending|returned to sender",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DELAY = Pattern.compile(
            "\\(delay\\)|\\bdelayed\\b|warning: message|will be retried|has not yet been delivered|not been delivered yet|still trying"
                    + "|will continue (to try|trying)|delivery attempts will continue|warning message only",
            Pattern.CASE_INSENSITIVE);
    /** Words of a failure notice in the report's own text, for bounces whose sender and subject say nothing. */
    private static final Pattern FAILURE_TEXT = Pattern.compile(
            "could not be delivered|undeliverable|delivery (has )?failed|failed permanently|permanent (fatal )?errors?|was not delivered"
                    + "|unable to deliver|delivery to the following|following addresses had|did not reach|could not be reached"
                    + "|wasn't able to deliver|were unable to deliver|error delivering",
            Pattern.CASE_INSENSITIVE);
    private static final Prefilter DELAY_WORDS = Prefilter.of(DELAY);
    private static final Prefilter FAILURE_WORDS = Prefilter.of(FAILURE_TEXT);
    private static final Pattern FIELD_LINE = Pattern.compile("(?m)^[A-Za-z][\\w-]*:[ \\t]");
    private static final Pattern DELIVERY_HEADER = Pattern.compile("(?im)^[ \\t>]*X-Homing-Delivery:[ \\t]*([^\\s;]+)");
    /** Sendmail's "(expanded from: a@b)" and Postfix's "(expanded from <a@b>)" under an alias's final address. */
    private static final Pattern ENVELOPE_FROM = Pattern.compile("(?i)envelope-from\\s*<?([^\\s<>;)]+@[^\\s<>;)]+)");
    private static final Prefilter ENVELOPE_WORDS = Prefilter.of(ENVELOPE_FROM);

    static Analysis of(byte[] raw) {
        if (skipMboxLine(raw) == 0) {
            return of(raw, 0);
        }
        // An mbox file: each "From " line after a blank line starts another message; their reports are read in turn.
        List<BouncedRecipient> all = new ArrayList<>();
        Analysis first = null;
        Original original = null;
        int from = 0;
        while (from < raw.length) {
            int next = nextMboxMessage(raw, from);
            Analysis a = of(from == 0 && next == raw.length ? raw : java.util.Arrays.copyOfRange(raw, from, next), 0);
            if (first == null) {
                first = a;
            }
            if (a instanceof Bounce b) {
                all.addAll(b.recipients());
                original = original == null ? b.original() : original;
            }
            from = next;
        }
        return all.isEmpty() ? first : new Bounce(all, original);
    }

    /** Where the mbox message after the one starting at {@code from} starts: a "From " line after a blank line. */
    private static int nextMboxMessage(byte[] raw, int from) {
        for (int i = from + 5; i + 6 < raw.length; i++) {
            // a blank line, then "From ": in an mbox saved with CRLF line ends too
            boolean afterBlank = raw[i - 1] == '\n' || raw[i - 1] == '\r' && raw[i - 2] == '\n';
            if (raw[i] == '\n' && afterBlank && raw[i + 1] == 'F' && raw[i + 2] == 'r' && raw[i + 3] == 'o' && raw[i + 4] == 'm'
                    && raw[i + 5] == ' ') {
                return i + 1;
            }
        }
        return raw.length;
    }

    private static Analysis of(byte[] raw, int depth) {
        int start = skipMboxLine(raw);
        byte[] bytes = start == 0 ? raw : java.util.Arrays.copyOfRange(raw, start, raw.length);
        Part root = Part.parse(bytes);
        Headers top = root.headers();
        if (top.isEmpty()) {
            return new Unparsed("no message headers: not a mail message");
        }
        String subject = EncodedWords.decode(top.get("Subject"));

        Part feedback = root.find(p -> p.type().mime().equals("message/feedback-report"));
        Part enclosed = root.find(p -> p.isMessage() || p.type().mime().equals("text/rfc822-headers")
                || p.type().mime().equals("message/rfc822-headers"));
        Headers originalHeaders = originalHeaders(enclosed);
        if (feedback != null) {
            return FeedbackReport.read(feedback, originalHeaders, original(originalHeaders, null, bytes));
        }

        Part status = root.find(p -> p.type().mime().equals("message/delivery-status") || p.type().mime().equals("message/global-delivery-status"));
        if (status == null && originalHeaders != null && originalHeaders.get("X-HmXmrOriginalRecipient") != null) {
            // a copy cut off inside the field, or one that names nobody, is not a complaint: it is read as what else it is
            Complaint jmrp = FeedbackReport.readMicrosoftJmrp(originalHeaders, subject, original(originalHeaders, null, bytes));
            if (jmrp != null) {
                return jmrp;
            }
        }
        Part textPart = root.find(p -> p.type().mime().equals("text/plain"));
        String unknownCharset = null;
        String text = "";
        if (textPart != null) {
            BodyText bt = BodyText.of(textPart);
            text = bt.text();
            unknownCharset = bt.unknownCharset();
        }
        Part html = text.isBlank() ? root.find(p -> p.type().mime().equals("text/html")) : null;
        if (html != null) {
            // no text part, or an empty one beside the HTML that carries the report (Exchange's HTML-only NDR once
            // re-encoded by a mail library that added a blank text/plain alternative)
            BodyText bt = BodyText.of(html);
            text = Html.text(bt.text());
            unknownCharset = bt.unknownCharset();
        }
        String head = ReportText.head(text);
        if (originalHeaders == null) {
            originalHeaders = inlineOriginal(text, head);
        }
        String own = Addresses.first(top.get("To"));
        // the bounced message's envelope sender, which reports name ("A message sent by <a@b>"), is never a failed recipient
        String sender = originalHeaders == null ? null : Addresses.bare(originalHeaders.get("Return-Path"));
        String from = top.lower("From");

        StatusFields fields = null;
        if (status != null) {
            fields = StatusFields.parseReport(BodyText.of(status).text());
        } else if (StatusFields.quotedIn(text)) {
            fields = StatusFields.parse(StatusFields.fromFirstField(text));
        }
        String report = head; // the report's own words, read by the judge for words of giving up only when they matter
        if (fields != null && !fields.perRecipient().isEmpty()) {
            List<BouncedRecipient> found = StatusRecipients.read(fields, head, own, sender, report);
            if (!found.isEmpty()) {
                return new Bounce(found, original(originalHeaders, fields.perMessage(), bytes));
            }
        }

        if (!top.lower("X-SNS-Message-ID").isEmpty() || text.contains("notificationType")) {
            Analysis ses = SesNotification.read(text, bytes);
            if (ses != null) {
                return ses;
            }
        }

        boolean bounceLike = root.type().mime().equals("multipart/report") || top.has("X-Failed-Recipients")
                || from.contains("mailer-daemon") || from.contains("mdaemon@") || from.contains("postmaster") || from.contains("post_master") || from.contains("mail delivery")
                || subject != null && BOUNCE_SUBJECT.matcher(subject).find()
                || Prefilter.find(FAILURE_WORDS, FAILURE_TEXT, head.length() > 4000 ? head.substring(0, 4000) : head);
        if (!bounceLike && AutoReplies.is(top, subject)) {
            return new AutoReply(Addresses.first(top.get("From")), subject, original(originalHeaders, null, bytes));
        }
        if (bounceLike && status == null && enclosed != null && enclosed.enclosed() != null && depth < 3
                && enclosed.enclosed().find(p -> p.type().mime().equals("message/delivery-status")) != null) {
            // A gateway that forwards a delivery report inside its own notice: the enclosed report names the recipients.
            Analysis forwarded = of(java.util.Arrays.copyOfRange(bytes, enclosed.bodyStart(), enclosed.bodyEnd()), depth + 1);
            if (forwarded instanceof Bounce) {
                return forwarded;
            }
        }
        if (bounceLike) {
            boolean delayed = subject != null && DELAY.matcher(subject).find() || Prefilter.find(DELAY_WORDS, DELAY, head);
            List<BouncedRecipient> found = TextRecipients.read(head, own, sender, delayed, top, originalHeaders, report);
            if (!found.isEmpty() && noReplyQuoted(found) && enclosed != null && enclosed.enclosed() != null) {
                found = explainedInside(found, enclosed.enclosed(), delayed, report);
            }
            if (!found.isEmpty()) {
                return new Bounce(found, original(originalHeaders, null, bytes));
            }
        }
        if (enclosed != null && enclosed.enclosed() != null && depth < 3) {
            // A bounce forwarded as an attachment (by a person or a gateway): the report is the enclosed message.
            Part inner = enclosed.enclosed();
            Analysis forwarded = of(java.util.Arrays.copyOfRange(bytes, enclosed.bodyStart(), enclosed.bodyEnd()), depth + 1);
            if (forwarded instanceof Bounce || forwarded instanceof Complaint) {
                return forwarded;
            }
        }
        if (bounceLike) {
            if (root.truncated()) {
                return new Unparsed("a truncated report: the message ends before its last MIME part, and no recipient could be read");
            }
            if (unknownCharset != null) {
                return new Unparsed("the report's text is in an unknown charset (" + unknownCharset + ") and no recipient could be read");
            }
            if (root.type().mime().equals("multipart/report")) {
                return new Unparsed("a delivery report that names no recipient");
            }
        }
        Analysis refused = ListRefusal.read(top, subject, head, own);
        return refused != null ? refused : new NotBounce();
    }

    /**
     * A gateway's notice that quotes no reply ("Unable to deliver message to &lt;a@b&gt;") around the bounce of the server
     * behind it: where the enclosed text names the same recipient with a reply, that reply explains it.
     */
    private static List<BouncedRecipient> explainedInside(List<BouncedRecipient> found, Part inner, boolean delayed, String report) {
        Part textPart = inner.find(p -> p.type().mime().equals("text/plain"));
        if (textPart == null) {
            return found;
        }
        String innerHead = ReportText.head(BodyText.of(textPart).text());
        List<BouncedRecipient> out = new ArrayList<>(found.size());
        for (BouncedRecipient r : found) {
            ReportText.Block b = ReportText.from(innerHead, r.address());
            Diagnostic d = b == null ? null : ReportText.diagnostic(b);
            out.add(d == null || d.code() < 400 ? r
                    : Verdicts.recipient(r.address(), delayed ? Action.DELAYED : Action.FAILED, null, d, RemoteHost.in(b.text()), false, report));
        }
        return out;
    }

    private static boolean noReplyQuoted(List<BouncedRecipient> found) {
        for (BouncedRecipient r : found) {
            if (r.replyCode() != 0) {
                return false;
            }
        }
        return true;
    }

    /** The headers of the enclosed original (message/rfc822 or text/rfc822-headers), or null. */
    private static Headers originalHeaders(Part enclosed) {
        if (enclosed == null) {
            return null;
        }
        Part inner = enclosed.enclosed();
        if (inner != null) {
            return inner.headers();
        }
        return Headers.parse(BodyText.of(enclosed).text());
    }

    /** The original's headers when the report quotes them inline, below its own text. */
    private static Headers inlineOriginal(String text, String head) {
        if (head.length() >= text.length()) {
            return null;
        }
        String rest = text.substring(head.length());
        Matcher m = FIELD_LINE.matcher(rest);
        if (!m.find()) {
            return null;
        }
        Headers h = Headers.parse(rest.substring(m.start()));
        return h.isEmpty() ? null : h;
    }

    private static Original original(Headers h, Headers perMessage, byte[] raw) {
        String messageId = null;
        String delivery = null;
        String sender = null;
        if (h != null) {
            messageId = Addresses.bare(h.get("Message-ID"));
            delivery = h.get(dev.homing.campaign.MessageTemplate.DELIVERY_HEADER);
            sender = Addresses.bare(h.get("Return-Path"));
            if (sender == null) {
                for (String received : h.all("Received")) {
                    Matcher m = ENVELOPE_FROM.matcher(received);
                    if (ENVELOPE_WORDS.mayFind(received) && m.find()) {
                        sender = m.group(1);
                        break;
                    }
                }
            }
        }
        if (sender == null && perMessage != null) {
            sender = StatusFields.address(perMessage.get("X-Postfix-Sender"));
        }
        if (messageId == null && perMessage != null) {
            messageId = Addresses.bare(perMessage.get("X-Original-Message-ID"));
        }
        if (delivery == null) {
            // quoted in a text part or a header block we did not recognise: still ours to find
            int at = indexOfIgnoreCase(raw, "x-homing-delivery:", Math.min(raw.length, 1 << 20));
            if (at >= 0) {
                int end = at;
                while (end < raw.length && raw[end] != '\n' && end - at < 200) {
                    end++;
                }
                Matcher m = DELIVERY_HEADER.matcher(new String(raw, at, end - at, StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    delivery = m.group(1);
                }
            }
        }
        if (messageId == null && delivery == null && sender == null) {
            return Original.NONE;
        }
        return new Original(messageId, delivery == null ? null : delivery.strip(), sender);
    }

    /**
     * Where an ASCII needle (given lower-case) starts in the bytes, ignoring case; -1 when absent. Only letters are folded:
     * a control byte folded the same way would pass for "-" or ":" (CR | 0x20 is '-').
     */
    private static int indexOfIgnoreCase(byte[] raw, String needle, int limit) {
        // the first byte alone rules out almost every position: test it before the loop over the needle (it runs over whole messages)
        int first = needle.charAt(0);
        int firstUpper = first >= 'a' && first <= 'z' ? first - 32 : first;
        outer:
        for (int i = 0; i + needle.length() <= limit; i++) {
            if (raw[i] != first && raw[i] != firstUpper) {
                continue;
            }
            for (int k = 1; k < needle.length(); k++) {
                int b = raw[i + k];
                int c = needle.charAt(k);
                if (b != c && ((b | 0x20) != c || c < 'a' || c > 'z')) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Where the header starts: after blank lines a saved message may begin with, and after an mbox "From " separator line,
     * neither of which is a header.
     */
    private static int skipMboxLine(byte[] raw) {
        int start = 0;
        for (int i = 0; i < raw.length && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\r' || raw[i] == '\n'); i++) {
            if (raw[i] == '\n') {
                start = i + 1;
            }
        }
        if (raw.length > start + 5 && raw[start] == 'F' && raw[start + 1] == 'r' && raw[start + 2] == 'o' && raw[start + 3] == 'm'
                && raw[start + 4] == ' ') {
            for (int i = start + 5; i < raw.length; i++) {
                if (raw[i] == '\n') {
                    return i + 1;
                }
            }
        }
        return start;
    }

    static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
