package dev.homing.campaign;

import dev.homing.auth.Finding;
import dev.homing.auth.SenderDomainReport;
import dev.homing.list.HygieneReport;
import dev.homing.list.Lists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pre-flight report: before a campaign is sent, what will hurt its delivery. It puts together
 * the sender-domain check (SPF, DKIM, DMARC, alignment, bounce MX, PTR), the content check of a
 * rendered sample, the state of the list, and the Gmail/Yahoo bulk-sender requirements as a
 * checklist. It decides nothing itself about DNS or content: it reads the reports it is given.
 */
public final class Preflight {
    /** Below this share of double opt-in among confirmed members, the list's consent is worth a look. */
    static final double DOUBLE_OPT_IN_WARN = 0.5;

    private Preflight() {
    }

    /**
     * @param auth       the sender-domain check, or empty when DNS was not asked (a sandbox rehearsal)
     * @param sample     the signed message one subscriber would receive
     * @param content    the content check of that sample
     * @param audience   the list's member counts
     * @param hygiene    the list's hygiene findings
     * @param tlsOffered whether the engine offers STARTTLS to receivers (opportunistic or required)
     */
    public static PreflightReport of(Campaign c, Optional<SenderDomainReport> auth, byte[] sample, ContentReport content,
                                     Lists.Audience audience, HygieneReport hygiene, boolean tlsOffered) {
        List<PreflightItem> items = new ArrayList<>();
        authentication(items, auth);
        content(items, content);
        list(items, audience, hygiene);
        bulkSender(items, auth, sample, tlsOffered);
        return new PreflightReport(c.name(), items);
    }

    private static void authentication(List<PreflightItem> items, Optional<SenderDomainReport> auth) {
        if (auth.isEmpty()) {
            items.add(new PreflightItem(PreflightItem.Section.AUTHENTICATION, "sender domain", PreflightItem.Status.WARN,
                    "not checked: DNS is off (--no-dns), mail goes only to routed domains such as the sandbox",
                    "run 'homing check domain DOMAIN' before sending to real recipients", false));
            return;
        }
        for (Finding f : auth.get().findings()) {
            items.add(new PreflightItem(PreflightItem.Section.AUTHENTICATION, f.topic().label(), status(f.status()), f.found(), f.fix(),
                    f.blocking()));
        }
    }

    private static void content(List<PreflightItem> items, ContentReport content) {
        ContentVerdict v = content.verdict();
        boolean filtered = v == ContentVerdict.LIKELY_FILTERED;
        items.add(new PreflightItem(PreflightItem.Section.CONTENT, "score",
                filtered ? PreflightItem.Status.FAIL : v == ContentVerdict.AT_RISK ? PreflightItem.Status.WARN : PreflightItem.Status.PASS,
                String.format(Locale.ROOT, "%.1f points: %s%s", content.score(), v.label(),
                        content.spamd().map(s -> String.format(Locale.ROOT, " (SpamAssassin %.1f / %.1f)", s.score(), s.threshold())).orElse("")),
                filtered ? "rework the content: see the findings below and 'homing check content CAMPAIGN'" : "", filtered));
        for (ContentFinding f : content.findings()) {
            if (f.origin() == ContentFinding.Origin.SPAMASSASSIN) {
                continue; // summed up in the score line; 'check content' lists them
            }
            items.add(new PreflightItem(PreflightItem.Section.CONTENT, f.rule(), f.blocking() ? PreflightItem.Status.FAIL : PreflightItem.Status.WARN,
                    f.explanation() + (f.where().isEmpty() ? "" : " (" + f.where() + ")"), "", f.blocking()));
        }
    }

    private static void list(List<PreflightItem> items, Lists.Audience a, HygieneReport hygiene) {
        long sendable = a.confirmed() - a.suppressed();
        items.add(new PreflightItem(PreflightItem.Section.LIST, "recipients", sendable > 0 ? PreflightItem.Status.PASS : PreflightItem.Status.FAIL,
                String.format(Locale.ROOT, "%d confirmed members, %d of them suppressed: %d will be sent to (%d unconfirmed, %d unsubscribed are not)",
                        a.confirmed(), a.suppressed(), sendable, a.unconfirmed(), a.unsubscribed()),
                sendable > 0 ? "" : "import or confirm subscribers first", sendable <= 0));
        if (a.confirmed() > 0) {
            double share = (double) a.doubleOptIn() / a.confirmed();
            boolean low = share < DOUBLE_OPT_IN_WARN;
            items.add(new PreflightItem(PreflightItem.Section.LIST, "double opt-in", low ? PreflightItem.Status.WARN : PreflightItem.Status.PASS,
                    String.format(Locale.ROOT, "%.0f%% of confirmed members confirmed by double opt-in (%d of %d); the rest were imported with"
                            + " a stated consent", share * 100, a.doubleOptIn(), a.confirmed()),
                    low ? "make sure imported members asked for this mail; consider a re-permission campaign for old imports" : "", false));
        }
        for (HygieneReport.Line l : hygiene.lines()) {
            items.add(new PreflightItem(PreflightItem.Section.LIST, l.problem().label(), PreflightItem.Status.WARN,
                    l.count() + " addresses" + (l.examples().isEmpty() ? "" : ", e.g. " + String.join(", ", l.examples())), l.action(), false));
        }
    }

    /** The February 2024 requirements of Gmail and Yahoo for bulk senders, one line each. */
    private static void bulkSender(List<PreflightItem> items, Optional<SenderDomainReport> auth, byte[] sample, boolean tlsOffered) {
        PreflightItem.Section s = PreflightItem.Section.BULK_SENDER;
        if (auth.isPresent()) {
            List<Finding> list = auth.get().checklist();
            item(items, s, "SPF published and passing", list, Finding.Topic.SPF);
            item(items, s, "DKIM signature with a published key", list, Finding.Topic.DKIM);
            item(items, s, "DMARC record present (p=none at least)", list, Finding.Topic.DMARC);
            item(items, s, "From aligned with SPF or DKIM", list, Finding.Topic.ALIGNMENT);
            item(items, s, "forward-confirmed reverse DNS (PTR) of sending IPs", list, Finding.Topic.PTR);
        } else {
            items.add(new PreflightItem(s, "SPF, DKIM, DMARC, alignment, PTR", PreflightItem.Status.WARN, "not checked (DNS is off)",
                    "run 'homing check domain DOMAIN'", false));
        }
        String head = headers(sample);
        boolean https = head.matches("(?s).*\nlist-unsubscribe:[^\n]*<https://.*");
        boolean post = head.contains("\nlist-unsubscribe-post: list-unsubscribe=one-click");
        boolean signedCovers = head.matches("(?s).*dkim-signature:.*h=[^;]*list-unsubscribe.*");
        boolean oneClick = https && post && signedCovers;
        items.add(new PreflightItem(s, "one-click unsubscribe (RFC 8058)", oneClick ? PreflightItem.Status.PASS : PreflightItem.Status.FAIL,
                oneClick ? "List-Unsubscribe with an https link and List-Unsubscribe-Post, both covered by the DKIM signature"
                        : "missing:" + (https ? "" : " an https List-Unsubscribe link;") + (post ? "" : " List-Unsubscribe-Post;")
                        + (signedCovers ? "" : " a DKIM signature covering them;"),
                oneClick ? "" : (https ? "" : "set public.url in homing.properties to the https address of the public pages; ")
                        + (signedCovers ? "" : "make a DKIM key for the From domain ('homing dkim keygen DOMAIN SELECTOR')"),
                !oneClick));
        items.add(new PreflightItem(s, "TLS", tlsOffered ? PreflightItem.Status.PASS : PreflightItem.Status.FAIL,
                tlsOffered ? "STARTTLS is used whenever the receiver offers it" : "TLS is turned off in homing.properties",
                tlsOffered ? "" : "remove tls.* = none for the big providers", !tlsOffered));
        items.add(new PreflightItem(s, "complaint rate under " + dev.homing.provider.ComplaintLine.LABEL, PreflightItem.Status.INFO,
                "watched per campaign and provider once feedback loops are read", "", false));
    }

    private static void item(List<PreflightItem> items, PreflightItem.Section s, String check, List<Finding> checklist, Finding.Topic topic) {
        checklist.stream().filter(f -> f.topic() == topic).findFirst().ifPresentOrElse(
                f -> items.add(new PreflightItem(s, check, status(f.status()), f.found(), f.fix(), false)),
                () -> items.add(new PreflightItem(s, check, PreflightItem.Status.WARN, "not checked", "", false)));
    }

    private static PreflightItem.Status status(Finding.Status s) {
        return switch (s) {
            case PASS -> PreflightItem.Status.PASS;
            case WARN -> PreflightItem.Status.WARN;
            case FAIL -> PreflightItem.Status.FAIL;
        };
    }

    /** The header block, lower case, folded lines joined: enough to see which fields are there. */
    private static String headers(byte[] message) {
        String m = new String(message, StandardCharsets.US_ASCII);
        int end = m.indexOf("\r\n\r\n");
        return "\n" + (end < 0 ? m : m.substring(0, end)).replace("\r\n\t", " ").replace("\r\n ", " ").replace("\r\n", "\n").toLowerCase(Locale.ROOT);
    }
}
