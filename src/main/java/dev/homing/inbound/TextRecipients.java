package dev.homing.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failed recipients of a report in free text (Postfix, Exim, Sendmail, qmail and the rest without delivery-status
 * fields): each address the text lists with the lines about it ({@code ReportText.blocks}), else the one recipient the
 * headers or a session transcript name, each judged with its own words.
 */
final class TextRecipients {
    private TextRecipients() {
    }

    private static final Pattern EXPANDED_FROM = Pattern.compile("(?i)\\(expanded from:?\\s*<?(" + Addresses.ADDRESS.pattern() + ")>?\\)");
    /** A line of the report's summary of the original that names its one recipient. */
    private static final Pattern SUMMARY_TO = Pattern.compile("(?im)^[ \\t]*To:[ \\t]*<?(" + Addresses.ADDRESS.pattern() + ")>?[ \\t]*$");
    private static final Pattern RCPT_TO = Pattern.compile("(?i)\\bRCPT TO:\\s*<(" + Addresses.ADDRESS.pattern() + ")>");

    static List<BouncedRecipient> read(String head, String own, String sender, boolean delayed, Headers top, Headers original,
                                       String report) {
        List<ReportText.Block> blocks = ReportText.blocks(head, own, sender);
        if (blocks.isEmpty()) {
            // A report that names no address is about the original's recipient: the MTA's header says which,
            // or else the quoted original's To.
            String failed = Addresses.first(top.get("X-Failed-Recipients"));
            if (failed == null && original != null) {
                failed = Addresses.first(original.get("To"));
            }
            if (failed == null) {
                // no copy of the original, but the report sums it up ("Subject: ...", "To: a@b": Yahoo's "I've given up")
                Matcher summary = SUMMARY_TO.matcher(head);
                if (summary.find()) {
                    failed = summary.group(1);
                }
            }
            if (failed == null) {
                // a session transcript (Postfix's notice to the postmaster): the recipient is the one our side named at RCPT
                Matcher m = RCPT_TO.matcher(head);
                if (m.find()) {
                    failed = m.group(1);
                    head = head.substring(m.start());
                }
            }
            if (failed != null && !failed.equalsIgnoreCase(own)) {
                blocks = List.of(new ReportText.Block(failed, head));
            }
        }
        List<BouncedRecipient> out = new ArrayList<>(blocks.size());
        // With several recipients, one recipient's words are not another's: qmail says "I'm not going to try again; this
        // message has been in the queue too long" under the address that expired, not under its neighbour refused outright.
        // The report's own words for a recipient are then its lines above the first address and the recipient's block.
        String preamble = blocks.size() > 1 ? preamble(head, blocks.getFirst()) : null;
        for (ReportText.Block b : blocks) {
            String words = preamble == null ? report : preamble + b.text();
            Diagnostic d = ReportText.diagnostic(b);
            if (d.code() < 400 && blocks.size() == 1) {
                // one recipient, and the reply is elsewhere in the report ("Error message below: 550 ...", then the address)
                Diagnostic whole = Diagnostic.read(head);
                if (whole.code() >= 400) {
                    d = whole;
                } else if (d.text().isBlank()) {
                    // no reply and nothing after the address: some reports give the reason on the lines above it
                    // (Lotus Notes: "------- Failure Reasons --------", the reason, then the address)
                    String above = ReportText.above(head, b.address());
                    if (!above.isEmpty()) {
                        d = Diagnostic.read(above);
                    }
                }
            }
            boolean mailer = b.text().contains("pipe to |");
            // an alias: Sendmail and Postfix name the address it was expanded from, which is the one we sent to
            Matcher expanded = EXPANDED_FROM.matcher(b.text());
            String given = expanded.find() && !expanded.group(1).equalsIgnoreCase(b.address()) ? expanded.group(1) : null;
            out.add(Verdicts.recipient(b.address(), delayed ? Action.DELAYED : Action.FAILED, null, d, RemoteHost.in(b.text()), mailer, words)
                    .withOriginal(given));
        }
        return out;
    }

    /** The report's lines above the line that names its first address. */
    private static String preamble(String head, ReportText.Block first) {
        int end = first.text().indexOf('\n');
        int at = head.indexOf(end < 0 ? first.text() : first.text().substring(0, end));
        return at <= 0 ? "" : head.substring(0, at);
    }
}
