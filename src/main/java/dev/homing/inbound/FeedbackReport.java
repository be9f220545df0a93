package dev.homing.inbound;

import java.util.ArrayList;
import java.util.List;

/** Reads an ARF report (RFC 5965): the message/feedback-report part and the original beside it. */
final class FeedbackReport {
    private FeedbackReport() {
    }

    static Complaint read(Part report, Headers originalHeaders, Original original) {
        Headers f = Headers.parse(StatusFields.withoutBlankLines(BodyText.of(report).text()));
        List<String> recipients = new ArrayList<>();
        for (String r : f.all("Original-Rcpt-To")) {
            String a = Addresses.first(r);
            if (a != null && !recipients.contains(a)) {
                recipients.add(a);
            }
        }
        for (String r : f.all("Removal-Recipient")) {
            String a = Addresses.first(r);
            if (a != null && !recipients.contains(a)) {
                recipients.add(a);
            }
        }
        if (recipients.isEmpty() && originalHeaders != null) {
            // Providers often redact Original-Rcpt-To; the attached original's To still names the recipient.
            String to = originalHeaders.get("To");
            java.util.regex.Matcher m = Addresses.ADDRESS.matcher(to == null ? "" : to);
            while (m.find()) {
                if (!recipients.contains(m.group())) {
                    recipients.add(m.group());
                }
            }
        }
        String mailFrom = f.get("Original-Mail-From");
        if (mailFrom == null && originalHeaders != null) {
            mailFrom = Addresses.bare(originalHeaders.get("Return-Path"));
        }
        String type = f.get("Feedback-Type");
        return new Complaint(FeedbackType.of(type), f.get("User-Agent"), recipients, mailFrom, sourceIp(f.get("Source-IP")),
                blankToNull(f.get("Reported-Domain")), blankToNull(f.get("Arrival-Date") != null ? f.get("Arrival-Date") : f.get("Received-Date")),
                original);
    }

    /**
     * Microsoft's Junk Mail Reporting Program in its form before ARF: a message from Outlook.com/Hotmail ("complaint about
     * message from 192.0.2.1") that encloses the reported message with the complaining recipient in its
     * X-HmXmrOriginalRecipient header (Microsoft, JMRP documentation). Null when the enclosed original has no such header, or
     * one that names no address (a copy cut off inside it): then it is no complaint.
     */
    static Complaint readMicrosoftJmrp(Headers originalHeaders, String subject, Original original) {
        String recipient = originalHeaders == null ? null : Addresses.first(originalHeaders.get("X-HmXmrOriginalRecipient"));
        if (recipient == null) {
            return null;
        }
        java.util.regex.Matcher ip = JMRP_SOURCE.matcher(subject == null ? "" : subject);
        return new Complaint(FeedbackType.ABUSE, null, List.of(recipient), Addresses.bare(originalHeaders.get("Return-Path")),
                ip.find() ? ip.group(1) : null, null, null, original);
    }

    private static final java.util.regex.Pattern JMRP_SOURCE = java.util.regex.Pattern.compile(
            "(?i)complaint about message from (\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]+)");

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** RFC 5965 Source-IP is an address; some reporters append the host name in a comment: "192.0.2.1 (mx.example.com)". */
    private static String sourceIp(String value) {
        String v = blankToNull(value);
        return v == null ? null : v.strip().split("[\\s(]", 2)[0];
    }
}
