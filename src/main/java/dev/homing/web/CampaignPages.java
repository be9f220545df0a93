package dev.homing.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignException;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.CampaignState;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.Launch;
import dev.homing.campaign.PreflightItem;
import dev.homing.campaign.PreflightReport;
import dev.homing.list.Address;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;
import dev.homing.report.CampaignDiagnosis;
import dev.homing.report.RecipientLine;
import dev.homing.report.ReportCsv;
import dev.homing.report.Reports;
import dev.homing.report.Timeline;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Campaigns: the list of them, the editor, one campaign (pre-flight, send, live progress, the report with charts), a delivery's timeline. */
final class CampaignPages {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CampaignPages.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECIPIENTS_SHOWN = 200;
    /** Rows of a report table shown before the rest folds (a phone shows each row as a card). */
    private static final int FOLD = 12;
    private static final int RECIPIENTS_FOLD = 25;

    private final Campaigns campaigns;
    private final Lists lists;
    private final Reports reports;
    private final Queue queue;
    private final Launch launch;
    private final CampaignPreview preview;

    CampaignPages(Campaigns campaigns, Lists lists, Reports reports, Queue queue, Launch launch, dev.homing.campaign.Transactional transactional) {
        this.campaigns = campaigns;
        this.lists = lists;
        this.reports = reports;
        this.queue = queue;
        this.launch = launch;
        this.preview = new CampaignPreview(launch, transactional, this::campaign);
    }

    void register(Console console, JavalinConfig config) {
        console.page(config, "/campaigns", (ctx, who) -> all());
        console.page(config, "/campaigns/new", (ctx, who) -> editor(Map.of(), Map.of(), null));
        console.action(config, "/campaigns", (ctx, who) -> save(ctx, null));
        console.page(config, "/campaigns/{name}/edit", (ctx, who) -> editor(values(campaign(ctx)), Map.of(), campaign(ctx)));
        console.action(config, "/campaigns/{name}/edit", (ctx, who) -> save(ctx, campaign(ctx)));
        console.page(config, "/campaigns/{name}", (ctx, who) -> one(ctx, null, null));
        console.action(config, "/campaigns/{name}/send", this::send);
        console.action(config, "/campaigns/{name}/pause", (ctx, who) -> hold(ctx, true));
        console.action(config, "/campaigns/{name}/resume", (ctx, who) -> hold(ctx, false));
        console.page(config, "/campaigns/{name}/progress", (ctx, who) -> {
            console.fragment(ctx, who, "progress.jte", Map.of("progress", progress(campaign(ctx))));
            return null;
        });
        console.page(config, "/campaigns/{name}/recipients.csv", (ctx, who) -> {
            recipientsCsv(ctx, campaign(ctx));
            return null;
        });
        console.page(config, "/deliveries/{id}", this::delivery);
        console.page(config, "/deliveries/{id}/reports/{report}", this::storedReport);
        preview.register(console, config);
    }

    private View all() {
        Table.Builder t = Table.of("campaigns", "Campaigns, newest first", "Name", "List", "Subject", "State", "Deliveries", "Created")
                .empty("No campaign yet.");
        List<Campaign> all = new ArrayList<>(campaigns.all());
        all.sort((a, b) -> b.createdAt().compareTo(a.createdAt()));
        for (Campaign c : all) {
            long n = c.messageId() == null ? 0 : queue.view().countByState(c.messageId()).values().stream().mapToLong(Long::longValue).sum();
            t.row(Table.Cell.link(c.name(), "/campaigns/" + ListPages.enc(c.name())), lists.find(c.listId()).map(MailingList::name).orElse("?"),
                    c.subject(), c.state().name().toLowerCase(), n, Dates.minute(c.createdAt()));
        }
        return View.of("Campaigns", "campaigns", "campaigns.jte").tables(t.build());
    }

    /** @param editing the draft being changed, or null for a new campaign */
    private View editor(Map<String, String> values, Map<String, String> errors, Campaign editing) {
        return View.of(editing == null ? "New campaign" : "Edit campaign " + editing.name(), "campaigns", "campaign_new.jte")
                .with("lists", lists.all()).with("values", values).with("errors", errors)
                .with("action", editing == null ? "/campaigns" : "/campaigns/" + ListPages.enc(editing.name()) + "/edit");
    }

    private Map<String, String> values(Campaign c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", c.name());
        v.put("list", lists.find(c.listId()).map(MailingList::name).orElse(""));
        v.put("from", c.fromAddress());
        v.put("fromName", c.fromName() == null ? "" : c.fromName());
        v.put("replyTo", c.replyTo() == null ? "" : c.replyTo());
        v.put("subject", c.subject());
        v.put("html", c.html() == null ? "" : c.html());
        v.put("text", c.text() == null ? "" : c.text());
        v.put("sendAt", c.sendAt() == null ? "" : c.sendAt().toString());
        return v;
    }

    /**
     * Every error of the form at once, each beside its field (name, list, addresses, bodies, send time, and the templates
     * part by part), the input kept.
     *
     * @param editing the draft being changed, or null to create one
     */
    private Object save(Context ctx, Campaign editing) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String f : List.of("name", "list", "from", "fromName", "replyTo", "subject", "html", "text", "sendAt")) {
            String value = ctx.formParam(f);
            v.put(f, value == null ? "" : value);
        }
        if (editing != null) {
            v.put("name", editing.name());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (v.get("name").isBlank()) {
            errors.put("name", "Give the campaign a name.");
        } else if (editing == null && campaigns.find(v.get("name").strip()).isPresent()) {
            errors.put("name", "A campaign named \"" + v.get("name").strip() + "\" already exists.");
        }
        MailingList list = lists.find(v.get("list")).orElse(null);
        if (list == null) {
            errors.put("list", "Choose one of the lists.");
        }
        String from = address(v.get("from"), "from", errors);
        String replyTo = v.get("replyTo").isBlank() ? null : address(v.get("replyTo"), "replyTo", errors);
        if (v.get("subject").isBlank()) {
            errors.put("subject", "Give a subject.");
        }
        if (v.get("html").isBlank() && v.get("text").isBlank()) {
            errors.put("html", "Give an HTML body, a text body or both.");
        }
        Instant at = null;
        if (!v.get("sendAt").isBlank()) {
            try {
                at = Instant.parse(v.get("sendAt").strip());
            } catch (DateTimeParseException e) {
                errors.put("sendAt", "Write the time like 2026-12-01T09:00:00Z (UTC).");
            }
        }
        Campaigns.Draft draft = new Campaigns.Draft(v.get("name").strip(), list == null ? 0 : list.id(), from, blankToNull(v.get("fromName")),
                replyTo, v.get("subject"), blankToNull(v.get("html")), blankToNull(v.get("text")), at);
        if (list != null) {
            launch.templateErrors(draft).forEach((part, why) -> errors.putIfAbsent(part, Sentence.of(why) + "."));
        }
        if (errors.isEmpty()) {
            try {
                Campaign c = editing == null ? launch.create(draft) : launch.update(editing, draft);
                return "/campaigns/" + ListPages.enc(c.name()) + "?notice=" + ListPages.enc("Campaign saved as a draft: read the pre-flight report below.");
            } catch (IllegalArgumentException | CampaignException e) {
                String m = e.getMessage() == null ? "" : e.getMessage();
                errors.put(m.startsWith("name") || m.contains("campaign named") ? "name" : "form", Sentence.of(m) + ".");
            }
        }
        ctx.status(422);
        return editor(v, errors, editing);
    }

    /** The address, or null with the reason put beside the field. */
    private static String address(String value, String field, Map<String, String> errors) {
        if (value.isBlank() && field.equals("from")) {
            errors.put(field, "Give the address the campaign comes from.");
            return null;
        }
        return switch (Address.check(value)) {
            case Address.Valid ok -> ok.address();
            case Address.Invalid bad -> {
                errors.put(field, "\"" + value + "\": " + bad.reason() + ".");
                yield null;
            }
        };
    }


    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Campaign campaign(Context ctx) {
        return campaigns.find(ctx.pathParam("name")).orElseThrow(() -> new NotFoundResponse("no campaign named " + ctx.pathParam("name")));
    }

    private View one(Context ctx, String error, PreflightReport blocked) throws IOException {
        Campaign c = campaign(ctx);
        String list = lists.find(c.listId()).map(MailingList::name).orElse("?");
        View v = View.of("Campaign " + c.name(), "campaigns", "campaign.jte").with("campaign", c).with("list", list).with("error", error)
                .with("sendAt", c.sendAt() == null ? null : Dates.minute(c.sendAt()));
        List<Table> tables = new ArrayList<>();
        if (c.messageId() == null) {
            PreflightReport r = blocked != null ? blocked : launch.preflight(c);
            Table.Builder t = Table.of("preflight", "Pre-flight report", "Section", "Check", "Result", "Found", "How to fix", "Blocks sending");
            for (PreflightItem i : r.items()) {
                t.row(i.section().title(), i.check(), i.status().label(), i.detail(), i.fix(), i.blocking() ? "yes" : "");
            }
            tables.add(t.build());
            v.with("blocking", r.blocking().size());
        } else {
            CampaignDiagnosis d = reports.campaign(c.name());
            v.with("progress", progress(c)).with("charts", charts(c, d)).with("diagnosis", d);
            tables.addAll(reportTables(c, d, ctx.queryParam("state")));
        }
        return new View(v.title(), v.section(), v.template(), v.params(), tables);
    }

    private Object send(Context ctx, Console.Login who) throws IOException {
        Campaign c = campaign(ctx);
        String override = ctx.formParam("override");
        Launch.Sent sent;
        try {
            sent = launch.send(c, override == null || override.isBlank() ? null : override.strip(), who.user() + " (web UI)");
        } catch (CampaignException | IllegalArgumentException e) {
            // the templates no longer compile, or no member to render a copy for: said on the campaign's page
            ctx.status(409);
            return one(ctx, "Not sent: " + e.getMessage(), null);
        }
        return switch (sent) {
            case Launch.Sent.Queued q -> {
                CampaignSender.Expansion e = q.expansion();
                log.atInfo().addKeyValue("campaign", c.name()).addKeyValue("user", who.user()).addKeyValue("queued", e.queued())
                        .addKeyValue("override", override).log("campaign {} sent from the web UI by {}: {} deliveries queued", c.name(), who.user(), e.queued());
                yield "/campaigns/" + ListPages.enc(c.name()) + "?notice=" + ListPages.enc("Sending: " + e.queued() + " deliveries queued, "
                        + e.suppressed() + " suppressed members recorded as suppressed.");
            }
            case Launch.Sent.Refused r -> {
                ctx.status(409);
                yield one(ctx, r.why(), null);
            }
            case Launch.Sent.Blocked b -> {
                ctx.status(409);
                yield one(ctx, b.report().blocking().size() + " blocking pre-flight finding(s): fix them, or give a reason to send anyway"
                        + " (it is recorded with your name).", b.report());
            }
        };
    }

    private Object hold(Context ctx, boolean pause) {
        Campaign c = campaign(ctx);
        try {
            Campaign after = pause ? launch.pause(c) : launch.resume(c);
            return "/campaigns/" + ListPages.enc(c.name()) + "?notice=" + ListPages.enc("Campaign " + after.state().name().toLowerCase() + ".");
        } catch (CampaignException | IllegalStateException e) {
            return "/campaigns/" + ListPages.enc(c.name()) + "?notice=" + ListPages.enc(e.getMessage());
        }
    }

    private CampaignProgress progress(Campaign c) {
        Map<String, Long> by = new TreeMap<>();
        long total = 0;
        long finished = 0;
        if (c.messageId() != null) {
            for (Map.Entry<DeliveryState, Long> e : queue.view().countByState(c.messageId()).entrySet()) {
                by.put(e.getKey().name().toLowerCase(), e.getValue());
                total += e.getValue();
                if (e.getKey().isFinal()) {
                    finished += e.getValue();
                }
            }
        }
        return new CampaignProgress(c.name(), c.state().name().toLowerCase(), total, finished, by);
    }

    /** The data of the report's charts, as JSON for /static/app.js (the same figures are in the tables below them). */
    private String charts(Campaign c, CampaignDiagnosis d) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<Instant, Map<String, Long>> perMinute = queue.view().attemptsPerMinute(c.messageId());
        List<String> minutes = perMinute.keySet().stream().map(Dates::minute).toList();
        Map<String, List<Long>> series = new LinkedHashMap<>();
        for (String disposition : List.of("delivered", "retry", "failed", "uncertain")) {
            series.put(disposition, perMinute.values().stream().map(m -> m.getOrDefault(disposition, 0L)).toList());
        }
        out.put("time", Map.of("labels", minutes, "series", series));
        Map<String, Long> states = new LinkedHashMap<>();
        d.byState().forEach((k, n) -> states.put(k.name().toLowerCase(), n));
        out.put("state", states);
        Map<String, Long> reasons = new LinkedHashMap<>();
        d.byReason().forEach(r -> reasons.merge(shown(r.reason()), r.count(), Long::sum));
        out.put("reason", reasons);
        Map<String, Map<String, Long>> providers = new LinkedHashMap<>();
        d.groups().forEach(g -> providers.computeIfAbsent(g.provider().displayName(), k -> new LinkedHashMap<>()).merge(g.outcome(), g.count(), Long::sum));
        out.put("provider", providers);
        List<Map<String, Object>> codes = new ArrayList<>();
        d.byCode().forEach(k -> codes.add(Map.of("label", k.code() + (k.enhanced() == null ? "" : " " + k.enhanced()), "count", k.count(),
                "sentence", k.sentence(), "colour", Palette.code(k.code()))));
        out.put("code", codes);
        // the colours, decided here once: one per state and per kind of outcome, the same in every chart
        Map<String, String> colours = new LinkedHashMap<>();
        for (DeliveryState st : DeliveryState.values()) {
            colours.put(st.name().toLowerCase(), Palette.state(st));
        }
        for (String disposition : List.of("delivered", "retry", "failed", "uncertain")) {
            colours.put(disposition, Palette.disposition(disposition));
        }
        Map<String, String> reasonColours = new LinkedHashMap<>();
        d.byReason().forEach(r -> reasonColours.put(shown(r.reason()), Palette.reason(r.reason())));
        Map<String, String> outcomeColours = new LinkedHashMap<>();
        d.groups().forEach(g -> outcomeColours.put(g.outcome(), Palette.outcome(g.outcome())));
        out.put("colours", Map.of("state", colours, "reason", reasonColours, "outcome", outcomeColours));
        return JSON.writeValueAsString(out);
    }

    /**
     * A reason as a reader sees it: the stable label, except the judge's "undefined" (no words it could judge), which on a
     * chart reads like a script's bug.
     */
    static String shown(dev.homing.outcome.Reason r) {
        return r == dev.homing.outcome.Reason.UNDEFINED ? "unclassified (no reason given)" : r.label();
    }

    private List<Table> reportTables(Campaign c, CampaignDiagnosis d, String stateFilter) {
        List<Table> out = new ArrayList<>();
        Table.Builder groups = Table.of("diagnosis", "What went wrong, by provider and reason", "Provider", "Outcome", "Reason", "Recipients",
                "Who is responsible", "What to do").empty("Nothing failed.").fold(FOLD);
        for (CampaignDiagnosis.Group g : d.groups()) {
            groups.row(g.provider().displayName(), g.outcome(), g.reason() == null ? "" : shown(g.reason()), g.count(),
                    g.responsible() == null ? "" : g.responsible().name().toLowerCase().replace('_', ' '), g.sentence());
        }
        out.add(groups.build());
        Table.Builder states = Table.of("states", "Deliveries by state", "State", "Deliveries");
        d.byState().forEach((s, n) -> states.row(Table.Cell.link(s.name().toLowerCase(),
                "/campaigns/" + ListPages.enc(c.name()) + "?state=" + s.name().toLowerCase() + "#table-recipients"), n));
        out.add(states.build());
        Table.Builder reasons = Table.of("reasons", "Deliveries by reason", "Reason", "Outcome", "Deliveries", "What it means", "What to do")
                .empty("No reason recorded yet.").fold(FOLD);
        d.byReason().forEach(r -> reasons.row(shown(r.reason()), r.outcome(), r.count(), r.sentence(), r.action()));
        out.add(reasons.build());
        Table.Builder codes = Table.of("codes", "Last SMTP reply code", "Code", "Enhanced", "Outcome", "Deliveries", "What it means", "What to do",
                        "Example of the server's words")
                .empty("No reply yet.").fold(FOLD);
        d.byCode().forEach(k -> codes.row(k.code(), k.enhanced(), k.outcome(), k.count(), k.sentence(), k.action(), k.example()));
        out.add(codes.build());
        Table.Builder temporary = Table.of("temporary", "Temporary answers met on the way (421, 450, 451: each retried)", "Code", "Enhanced",
                        "Reason", "Deliveries", "Attempts", "How they ended", "What it means", "Example of the server's words")
                .empty("No temporary answer: every delivery was settled at its first answer.").fold(FOLD);
        d.temporary().forEach(a -> temporary.row(a.code(), a.enhanced(), shown(a.reason()), a.deliveries(), a.attempts(), a.ended(),
                a.sentence(), a.example()));
        out.add(temporary.build());
        Table.Builder recipients = Table.of("recipients", "Recipients" + (stateFilter == null ? "" : " (" + stateFilter + ")")
                        + ", first " + RECIPIENTS_SHOWN + " (the CSV link at the top has them all)",
                "Recipient", "State", "Outcome", "Reason", "Code", "Who is responsible", "What to do", "Provider", "Last event")
                .fold(RECIPIENTS_FOLD);
        int[] shown = {0};
        reports.forEachRecipient(c.name(), l -> {
            if (shown[0] < RECIPIENTS_SHOWN && (stateFilter == null || stateFilter.equals(l.state()))) {
                shown[0]++;
                recipients.row(Table.Cell.link(l.recipient(), "/deliveries/" + l.deliveryId()), l.state(), l.outcome(), l.reason(),
                        l.code() == null ? "" : l.code() + (l.enhanced() == null ? "" : " " + l.enhanced()), l.responsible(), l.action(),
                        l.provider(), l.lastEvent());
            }
        });
        out.add(recipients.build());
        return out;
    }

    private void recipientsCsv(Context ctx, Campaign c) throws IOException {
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + c.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-recipients.csv\"");
        try (Writer w = new java.io.OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            w.write(ReportCsv.header());
            reports.forEachRecipient(c.name(), (RecipientLine l) -> {
                try {
                    w.write(ReportCsv.row(l));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private View delivery(Context ctx, Console.Login who) {
        long id = deliveryId(ctx);
        Timeline t = reports.timeline(id).orElseThrow(() -> new NotFoundResponse("no delivery " + id));
        Table.Builder steps = Table.of("timeline", "Every attempt and every report that came back", "When", "What", "Server", "Stage", "Reply",
                "Server's words", "Result");
        List<Timeline.AttemptStep> attempts = new ArrayList<>();
        for (Timeline.Step s : t.steps()) {
            switch (s) {
                case Timeline.AttemptStep a -> {
                    attempts.add(a);
                    steps.row(Dates.second(a.at()), Table.Cell.link("attempt " + a.number(), "#attempt-" + a.number()),
                            a.mxHost() == null ? "" : a.mxHost() + (a.mxIp() == null ? "" : " [" + a.mxIp() + "]"), a.stage(),
                            a.code() + (a.enhanced() == null ? "" : " " + a.enhanced()), a.excerpt(),
                            a.disposition() + (a.reason() == null ? "" : " (" + a.reason() + ")") + ", " + a.durationMs() + " ms");
                }
                case Timeline.EventStep e -> steps.row(Dates.second(e.at()), e.inboundId() == null ? "report by mail: " + e.kind()
                                : Table.Cell.link("report by mail: " + e.kind() + " (read it)", "/deliveries/" + id + "/reports/" + e.inboundId()),
                        "", "", (e.code() == null ? "" : e.code() + " ") + (e.status() == null ? "" : e.status()), e.excerpt(),
                        (e.reason() == null ? "" : e.reason() + ", ") + e.before() + " → " + e.after());
            }
        }
        // the message as sent, from the latest attempt's transcript (its Message-ID is made per copy and kept nowhere else)
        String message = null;
        for (Timeline.AttemptStep a : attempts) {
            for (String line : a.transcript().split("\n")) {
                if (line.startsWith("=== message ")) {
                    message = line.substring("=== message ".length());
                }
            }
        }
        return View.of("Delivery #" + id + " to " + t.delivery().recipient(), "campaigns", "delivery.jte").with("timeline", t)
                .with("attempts", attempts).with("message", message).tables(steps.build());
    }

    private static long deliveryId(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("a delivery id is a number");
        }
    }

    /** A stored bounce or complaint of this delivery (only one of its own), as received. */
    private View storedReport(Context ctx, Console.Login who) {
        long id = deliveryId(ctx);
        long inbound;
        try {
            inbound = Long.parseLong(ctx.pathParam("report"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("a report id is a number");
        }
        dev.homing.inbound.Received r = reports.storedReport(id, inbound, ReceivedPage.bytes(ctx))
                .orElseThrow(() -> new NotFoundResponse("no stored report " + inbound + " for delivery " + id
                        + " (reports are kept for inbound.retention, 30 days by default)"));
        return ReceivedPage.answer(ctx, r, "Report " + inbound + " for delivery #" + id, "campaigns", "/deliveries/" + id,
                "Back to delivery #" + id, "delivery-" + id + "-report-" + inbound + ".eml", "stored-report");
    }
}
