package dev.homing.web;

import dev.homing.auth.Finding;
import dev.homing.auth.SenderDomainReport;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.Campaigns;
import dev.homing.list.Address;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;
import dev.homing.report.CampaignDiagnosis;
import dev.homing.report.Reports;
import dev.homing.sandbox.Behaviour;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The operator's pages: the dashboard, suppressions with the review queue, domain authentication, the sandbox. */
final class OperatorPages {
    private static final int RECENT = 8;
    private static final int SHOWN = 500;

    private final Campaigns campaigns;
    private final Lists lists;
    private final Reports reports;
    private final Suppressions suppressions;
    private final Queue queue;
    private final Console.Services services;

    OperatorPages(Campaigns campaigns, Lists lists, Reports reports, Suppressions suppressions, Queue queue, Console.Services services) {
        this.campaigns = campaigns;
        this.lists = lists;
        this.reports = reports;
        this.suppressions = suppressions;
        this.queue = queue;
        this.services = services;
    }

    void register(Console console, JavalinConfig config) {
        console.page(config, "/suppressions", (ctx, who) -> suppressionPage(null, ctx.queryParam("export") != null));
        console.action(config, "/suppressions/release", this::release);
        console.action(config, "/suppressions/confirm", this::confirm);
        console.action(config, "/suppressions", this::add);
        console.page(config, "/domains", this::domains);
        console.page(config, "/sandbox", (ctx, who) -> sandbox(Map.of(), null, null));
        console.action(config, "/sandbox/send", this::sendTest);
    }

    View dashboard(Context ctx, Console.Login who) {
        List<Campaign> recent = new ArrayList<>(campaigns.all());
        recent.sort(Comparator.comparing(Campaign::createdAt).reversed());
        Table.Builder t = Table.of("recent", "Recent campaigns", "Campaign", "State", "Deliveries", "Accepted", "Bounced", "Complaint rate")
                .empty("No campaign yet: create a list, import subscribers, then write a campaign.");
        long delivered = 0;
        long complained = 0;
        for (Campaign c : recent.subList(0, Math.min(RECENT, recent.size()))) {
            if (c.messageId() == null) {
                t.row(Table.Cell.link(c.name(), "/campaigns/" + ListPages.enc(c.name())), c.state().name().toLowerCase(), 0, 0, 0, "");
                continue;
            }
            CampaignDiagnosis d = reports.campaign(c.name());
            delivered += d.delivered();
            complained += d.complained();
            t.row(Table.Cell.link(c.name(), "/campaigns/" + ListPages.enc(c.name())), c.state().name().toLowerCase(), d.total(), d.delivered(),
                    d.byState().getOrDefault(DeliveryState.BOUNCED, 0L), percent(d.complaintRate()));
        }
        Table.Builder q = Table.of("queue", "Deliveries by state (every campaign and message)", "State", "Deliveries");
        for (Map.Entry<DeliveryState, Long> e : queue.view().countByState().entrySet()) {
            q.row(e.getKey().name().toLowerCase(), e.getValue());
        }
        Table.Builder waiting = Table.of("waiting", "Waiting, by destination domain (the 20 busiest)", "Domain", "Deliveries waiting")
                .empty("Nothing waits.");
        queue.view().waitingByDomain().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(20)
                .forEach(e -> waiting.row(e.getKey(), e.getValue()));
        Table.Builder learned = Table.of("throttles", "Receivers that asked us to slow down (what the throttle learned)", "Receiving service",
                "Connections now", "Configured", "Messages per second", "What happened").empty("No receiver has asked us to slow down.");
        for (dev.homing.delivery.Learned l : services.throttles().read()) {
            learned.row(l.service(), l.connections(), l.configuredConnections(), l.rate() > 0 ? String.format("%.1f", l.rate()) : "no limit",
                    dev.homing.delivery.ThrottleRecord.describe(l));
        }
        double rate = delivered + complained == 0 ? 0 : (double) complained / (delivered + complained);
        return View.of("Dashboard", "dashboard", "dashboard.jte").with("complaintRate", percent(rate)).with("complaintHigh", dev.homing.provider.ComplaintLine.above(complained, delivered + complained))
                .with("open", queue.open()).tables(t.build(), q.build(), waiting.build(), learned.build());
    }

    private static String percent(double rate) {
        return String.format("%.2f%%", rate * 100);
    }

    private View suppressionPage(String error) {
        return suppressionPage(error, false);
    }

    /** @param all every suppressed address (the CSV export), not the first {@value #SHOWN} */
    private View suppressionPage(String error, boolean all) {
        int shown = all ? Integer.MAX_VALUE : SHOWN;
        Table.Builder review = Table.of("review", "Review queue: suspected false positives (not stopping mail until confirmed)",
                "Address", "List", "Reason", "Why suspected", "Since", "Release", "Confirm").empty("Nothing to review.");
        for (Suppression s : suppressions.list(Suppression.SUSPECTED)) {
            String q = "?email=" + ListPages.enc(s.emailKey()) + "&list=" + s.listId();
            review.row(s.emailKey(), listName(s.listId()), s.reason(), s.source(), Dates.minute(s.createdAt()),
                    Table.Cell.button("Release", "/suppressions/release" + q, "Release " + s.emailKey()),
                    Table.Cell.button("Confirm", "/suppressions/confirm" + q, "Confirm the suppression of " + s.emailKey()));
        }
        List<Suppression> active = suppressions.list(Suppression.ACTIVE);
        Table.Builder table = Table.of("active", "Suppressed addresses" + (active.size() > shown ? " (the first " + shown + " of " + active.size()
                        + "; the CSV has them all)" : ""), "Address", "List", "Reason", "Source", "Since", "Release").empty("No address is suppressed.").fold(25);
        for (Suppression s : active.subList(0, Math.min(shown, active.size()))) {
            table.row(s.emailKey(), listName(s.listId()), s.reason(), s.source(), Dates.minute(s.createdAt()),
                    Table.Cell.button("Release", "/suppressions/release?email=" + ListPages.enc(s.emailKey()) + "&list=" + s.listId(),
                            "Release " + s.emailKey()));
        }
        return View.of("Suppressions", "suppressions", "suppressions.jte").with("error", error).tables(review.build(), table.build());
    }

    private String listName(long id) {
        return id == 0 ? "every list" : lists.find(id).map(MailingList::name).orElse("list " + id);
    }

    private Object release(Context ctx, Console.Login who) {
        String email = ctx.queryParam("email");
        long list = listParam(ctx);
        boolean done = email != null && suppressions.release(email, list);
        return "/suppressions?notice=" + ListPages.enc(done ? email + " released: it will be mailed again." : "Nothing to release for " + email + ".");
    }

    private Object confirm(Context ctx, Console.Login who) {
        String email = ctx.queryParam("email");
        long list = listParam(ctx);
        List<Suppression> found = suppressions.find(List.of(email == null ? "" : email), list).getOrDefault(email, List.of());
        Suppression s = found.stream().filter(x -> x.listId() == list).findFirst().orElse(null);
        if (s == null) {
            return "/suppressions?notice=" + ListPages.enc("No suppression of " + email + " to confirm.");
        }
        suppressions.put(s.emailKey(), s.listId(), s.reason(), Suppression.ACTIVE, "confirmed in the web UI by " + who.user() + "; " + s.source());
        return "/suppressions?notice=" + ListPages.enc(email + " suppressed.");
    }

    private Object add(Context ctx, Console.Login who) {
        String email = ctx.formParam("email");
        return switch (Address.check(email == null ? "" : email)) {
            case Address.Valid v -> {
                String reason = ctx.formParam("reason");
                suppressions.put(v.address(), 0, "manual", Suppression.ACTIVE,
                        "web UI, " + who.user() + (reason == null || reason.isBlank() ? "" : ": " + reason.strip()));
                yield "/suppressions?notice=" + ListPages.enc(v.address() + " suppressed for every list.");
            }
            case Address.Invalid i -> {
                ctx.status(422);
                yield suppressionPage("\"" + email + "\": " + i.reason() + ".").with("email", email).with("why", ctx.formParam("reason"));
            }
        };
    }

    private static long listParam(Context ctx) {
        try {
            return Long.parseLong(ctx.queryParam("list"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private View domains(Context ctx, Console.Login who) throws IOException {
        String domain = ctx.queryParam("domain");
        View v = View.of("Domain authentication", "domains", "domains.jte").with("domains", services.launch().sendingDomains())
                .with("domain", domain == null ? "" : domain);
        if (domain == null || domain.isBlank()) {
            return v;
        }
        if (!services.launch().authenticates()) {
            // as the pre-flight says: a node without DNS checks no authentication, and does not call a record missing
            return v.with("unchecked", "Not checked: this node runs without DNS (--no-dns), so SPF, DKIM and DMARC of " + domain.strip()
                    + " cannot be looked up. Run 'homing check domain " + domain.strip() + "' where DNS answers, or serve without --no-dns.");
        }
        SenderDomainReport r = services.launch().checkDomain(domain.strip().toLowerCase(java.util.Locale.ROOT));
        Table.Builder t = Table.of("findings", "SPF, DKIM, DMARC, alignment, bounce MX and reverse DNS of " + r.fromDomain(),
                "Check", "Result", "Found", "How to fix", "Blocks sending");
        for (Finding f : r.findings()) {
            t.row(f.topic().label(), f.status().label(), f.found(), f.fix(), f.blocking() ? "yes" : "");
        }
        return new View(v.title(), v.section(), v.template(), v.params(), List.of(t.build())).with("blocking", r.blocking().size())
                .with("bounce", r.bounceDomain());
    }


    /** The page with the form as sent: each error beside its field, what was typed kept. */
    private View sandbox(Map<String, String> errors, String to, String from) {
        Table.Builder t = Table.of("behaviours", "What each sandbox domain answers", "Behaviour", "Domain", "Also as a local part", "What happens");
        for (Behaviour b : Behaviour.values()) {
            t.row(b.label(), b.domain(), b.domainOnly() ? "" : b.label() + "@…" + Behaviour.DOMAIN, b.description());
        }
        return View.of("Sandbox", "sandbox", "sandbox.jte").with("address", services.sandbox()).with("errors", errors)
                .with("to", to == null ? "user-unknown@sandbox.test" : to).with("from", from == null ? "test@homing.test" : from).tables(t.build());
    }

    private Object sendTest(Context ctx, Console.Login who) {
        String to = ctx.formParam("to") == null ? "" : ctx.formParam("to");
        String from = ctx.formParam("from") == null ? "" : ctx.formParam("from");
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        Address.Valid rcpt = Address.check(to) instanceof Address.Valid v ? v : null;
        if (rcpt == null) {
            errors.put("to", "\"" + to + "\" is not an address.");
        } else if (!services.sandboxDomain().test(rcpt.domain())) {
            // a test from this page goes to the sandbox only, never to a real mailbox provider
            errors.put("to", "\"" + to + "\" is not at a sandbox domain: this page sends only to the sandbox (for example"
                    + " user-unknown@sandbox.test).");
        }
        Address.Valid sender = Address.check(from) instanceof Address.Valid v ? v : null;
        if (sender == null) {
            errors.put("from", "\"" + from + "\" is not an address.");
        }
        if (!errors.isEmpty()) {
            ctx.status(422);
            return sandbox(errors, to, from);
        }
        long id = services.transactional().send(sender, rcpt, "Homing sandbox test", "A test message from the web UI's sandbox page.\n", null,
                "sandbox test by " + who.user()).id();
        return "/deliveries/" + id + "?notice=" + ListPages.enc("Test message queued; reload to follow it.");
    }
}
