package dev.homing.inbound;

import java.util.ArrayList;
import java.util.List;

/**
 * The failed recipients of an RFC 3464 report, one per recipient group of its delivery-status fields: the address, the
 * Action and Status, and the reason from the Diagnostic-Code, else from the report's text about that address (its block in
 * the human-readable part, which may also name the original address of an alias or a forward).
 */
final class StatusRecipients {
    private StatusRecipients() {
    }

    static List<BouncedRecipient> read(StatusFields fields, String head, String own, String sender, String report) {
        List<ReportText.Block> blocks = ReportText.blocks(head, own, sender);
        List<BouncedRecipient> out = new ArrayList<>();
        for (Headers r : fields.perRecipient()) {
            String address = StatusFields.address(r.get("Final-Recipient"));
            if (address == null || address.indexOf('@') < 0) {
                String other = StatusFields.address(r.get("X-Actual-Recipient") != null ? r.get("X-Actual-Recipient") : r.get("Original-Recipient"));
                if (other != null) {
                    address = other;
                }
            }
            if (address == null) {
                continue;
            }
            String diagField = r.get("Diagnostic-Code");
            String diagType = StatusFields.diagnosticType(diagField);
            String diagText = WholeReply.of(diagField == null ? null : diagType.isEmpty() ? diagField : StatusFields.typed(diagField), head);
            String supplementary = r.get("X400-Supplementary-Info");
            if (supplementary != null && !supplementary.isBlank()) {
                // RFC 2156 (MIXER): an X.400 gateway's DSN carries the remote MTA's own words here, beside an X.400 reason code
                diagText = supplementary.strip().replaceAll("^\"|\"$", "") + (diagText == null ? "" : "; " + diagText);
            }
            Diagnostic d = Diagnostic.read(diagText);
            if (diagType.equals("x-unix") && !(d.code() >= 400 && d.status() != null && !d.text().isBlank())) {
                // a local program's exit status ("X-Unix; 255"), not an SMTP reply code; Sendmail words an exit status it
                // knows as a reply ("X-Unix; 550 5.1.1 User unknown" for EX_NOUSER), which is kept
                d = new Diagnostic(0, d.status(), d.stage(), d.text(), d.reply());
            }
            // an alias or forward: the report names the final address, and (RFC 3464 2.3.1) the one we sent to
            String given = StatusFields.address(r.get("Original-Recipient") != null ? r.get("Original-Recipient") : r.get("X-Actual-Recipient"));
            ReportText.Block block = blockFor(blocks, address);
            ReportText.Block givenBlock = given == null || given.equalsIgnoreCase(address) ? null : blockFor(blocks, given);
            if (givenBlock != null) {
                // the text lists both addresses (PMDF: "Recipient address: a@b", "Original address: c@d", then the reason)
                block = block == null ? givenBlock : new ReportText.Block(block.address(), block.text() + givenBlock.text());
            }
            if (block == null && d.code() == 0) {
                // the text names the address where it does not start a block ("(expanded from: <a@b>)"): what follows explains it
                block = ReportText.from(head, address);
            }
            if (block != null) {
                Diagnostic t = ReportText.diagnostic(block);
                if (d.text().isEmpty() || d.code() == 0 && t.code() != 0) {
                    d = t;
                } else if (d.stage() == null && t.stage() != null) {
                    d = new Diagnostic(d.code(), d.status(), t.stage(), d.text(), d.reply());
                }
            }
            if (block != null && (d.status() != null ? d.status() : String.valueOf(r.get("Status"))).startsWith(".4.7", 1)) {
                // an expiry summary in the fields; the report's text may quote what the remote server last said
                Diagnostic u = Diagnostic.read(block.text());
                if (u.status() != null && !u.status().endsWith(".4.7") && u.code() >= 400) {
                    d = new Diagnostic(u.code(), u.status(), d.stage(), d.text(), d.reply());
                }
            }
            String remote = StatusFields.typed(r.get("Remote-MTA"));
            if (remote == null && block != null) {
                remote = RemoteHost.in(block.text());
            }
            boolean mailer = diagType.equals("x-unix");
            out.add(Verdicts.recipient(address, Action.of(r.get("Action")), r.get("Status"), d, remote, mailer, report)
                    .withOriginal(given != null && given.indexOf('@') > 0 ? given : null));
        }
        return out;
    }

    private static ReportText.Block blockFor(List<ReportText.Block> blocks, String address) {
        for (ReportText.Block b : blocks) {
            if (b.address().equalsIgnoreCase(address)) {
                return b;
            }
        }
        return null;
    }
}
