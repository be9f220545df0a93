package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.auth.Finding;
import dev.homing.auth.SenderDomainReport;
import dev.homing.campaign.Launch;
import io.javalin.http.Context;

import java.net.IDN;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code GET /domains/{domain}/check}: the sender-domain check of 'homing check domain', on this node's settings. */
final class DomainRoutes {
    /** Letters, digits and hyphens, 1 to 63 per label, at least two labels: what DNS can carry as a host name. */
    private static final Pattern NAME = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final Launch launch;

    DomainRoutes(Launch launch) {
        this.launch = launch;
    }

    record FindingView(String topic, String status, String found, String fix, boolean blocking) {
        static FindingView of(Finding f) {
            return new FindingView(f.topic().label(), f.status().label(), f.found(), f.fix(), f.blocking());
        }
    }

    /**
     * @param checklist one line per topic, the worst of its findings (the Gmail/Yahoo bulk-sender checklist)
     * @param text      the report as 'homing check domain' prints it
     */
    record DomainReportView(String domain, String bounceDomain, boolean sendable, int blocking, List<FindingView> findings,
                            List<FindingView> checklist, String text) {
        static DomainReportView of(SenderDomainReport r) {
            return new DomainReportView(r.fromDomain(), r.bounceDomain(), !r.hasBlocking(), r.blocking().size(),
                    r.findings().stream().map(FindingView::of).toList(), r.checklist().stream().map(FindingView::of).toList(), r.text());
        }
    }

    DomainReportView check(Context ctx, ApiKey key) {
        String domain = domain(ctx.pathParam("domain"));
        SenderDomainReport report = launch.checkDomain(domain);
        return DomainReportView.of(report);
    }

    /** The domain in the ASCII form DNS asks for (an internationalised name is turned into punycode). */
    static String domain(String input) {
        String d = input.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            d = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Refused(Problem.invalid("domain", "\"" + input + "\" is not a domain name: " + e.getMessage()));
        }
        if (!NAME.matcher(d).matches()) {
            throw new Refused(Problem.invalid("domain", "\"" + input + "\" is not a domain name (labels of letters, digits and"
                    + " hyphens, separated by dots)"));
        }
        return d;
    }
}
