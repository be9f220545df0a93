package dev.homing.web;

import dev.homing.campaign.Launch;
import dev.homing.list.Hygiene;
import dev.homing.list.HygieneReport;
import dev.homing.list.ListException;
import dev.homing.list.Erasure;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.report.Diagnosis;
import dev.homing.report.Reports;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** Lists: the lists, one list with its members and the import form, the hygiene report, one subscriber's timeline. */
final class ListPages {
    private static final int PAGE = 100;

    private final Lists lists;
    private final Subscriptions subscriptions;
    private final Reports reports;
    private final Suppressions suppressions;
    private final Imports imports;
    private final Erasure erasure;
    private final Launch launch;

    ListPages(Lists lists, Subscriptions subscriptions, Reports reports, Suppressions suppressions, Imports imports, Launch launch,
              Erasure erasure) {
        this.erasure = erasure;
        this.lists = lists;
        this.subscriptions = subscriptions;
        this.reports = reports;
        this.suppressions = suppressions;
        this.imports = imports;
        this.launch = launch;
    }

    void register(Console console, JavalinConfig config) {
        console.page(config, "/lists", (ctx, who) -> all(null));
        console.action(config, "/lists", this::create);
        console.page(config, "/lists/{list}", this::one);
        console.action(config, "/lists/{list}/import", (ctx, who) -> startImport(console, ctx, who));
        console.page(config, "/imports/{id}", (ctx, who) -> progress(console, ctx, who));
        console.action(config, "/imports/{id}/column", (ctx, who) -> retryImport(console, ctx, who));
        console.page(config, "/imports/{id}/rejects.csv", (ctx, who) -> {
            Imports.Job job = job(ctx);
            if (!job.done() || job.rejectFile() == null || !Files.exists(job.rejectFile())) {
                throw new NotFoundResponse("no rejected rows to download for this import");
            }
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"rejects.csv\"");
            try (InputStream in = Files.newInputStream(job.rejectFile())) {
                in.transferTo(ctx.outputStream());
            }
            return null;
        });
        console.page(config, "/lists/{list}/hygiene", this::hygiene);
        console.page(config, "/lists/{list}/subscribers/{email}", this::subscriber);
        console.action(config, "/lists/{list}/subscribers/{email}/erase", this::erase);
        console.action(config, "/lists/{list}/subscribers/{email}/remove", this::remove);
        console.action(config, "/lists/{list}/subscribers/{email}/attributes", this::attributes);
    }

    private View all(String error) {
        return all(error, "", "");
    }

    /** The lists with the new-list form as sent: the error beside the name, what was typed kept. */
    private View all(String error, String name, String description) {
        Table.Builder t = Table.of("lists", "Lists", "Name", "Description", "Confirmed", "Unconfirmed", "Unsubscribed", "Created")
                .empty("No list yet: create one below.");
        for (MailingList l : lists.all()) {
            Map<MemberStatus, Long> n = lists.counts(l);
            t.row(Table.Cell.link(l.name(), "/lists/" + enc(l.name())), l.description(), n.getOrDefault(MemberStatus.CONFIRMED, 0L),
                    n.getOrDefault(MemberStatus.UNCONFIRMED, 0L), n.getOrDefault(MemberStatus.UNSUBSCRIBED, 0L), Dates.day(l.createdAt()));
        }
        return View.of("Lists", "lists", "lists.jte").with("error", error).with("name", name).with("description", description).tables(t.build());
    }

    private Object create(Context ctx, Console.Login who) {
        try {
            MailingList l = lists.create(ctx.formParam("name"), ctx.formParam("description"));
            return "/lists/" + enc(l.name()) + "?notice=" + enc("List created.");
        } catch (ListException | IllegalArgumentException e) {
            ctx.status(422);
            return all(Sentence.of(e.getMessage()), ctx.formParam("name"), ctx.formParam("description"));
        }
    }

    private MailingList list(Context ctx) {
        try {
            return lists.find(ctx.pathParam("list")).orElseThrow(() -> new NotFoundResponse("no list named " + ctx.pathParam("list")));
        } catch (ListException e) {
            throw new NotFoundResponse(e.getMessage());
        }
    }

    private View one(Context ctx, Console.Login who) {
        MailingList l = list(ctx);
        String q = ctx.queryParam("q");
        String after = ctx.queryParam("after");
        // the CSV export is the whole list (from this page on), not the hundred rows on screen
        int limit = ctx.queryParam("export") != null ? Integer.MAX_VALUE - 1 : PAGE;
        List<Lists.Membership> page = lists.members(l, after, q == null ? "" : q.strip(), limit + 1);
        Table.Builder t = Table.of("subscribers", "Subscribers" + (q == null || q.isBlank() ? "" : " matching \"" + q.strip() + "\""),
                "Address", "Status", "Consent", "Attributes", "Changed").empty("No subscriber" + (q == null || q.isBlank() ? " yet." : " matches."));
        for (Lists.Membership m : page.subList(0, Math.min(limit, page.size()))) {
            t.row(Table.Cell.link(m.email(), "/lists/" + enc(l.name()) + "/subscribers/" + enc(m.emailKey())), m.status(),
                    m.consentSource(), m.attributes() == null ? "" : m.attributes(), Dates.minute(m.updatedAt()));
        }
        String next = page.size() > limit ? "/lists/" + enc(l.name()) + "?after=" + enc(page.get(PAGE - 1).emailKey())
                + (q == null ? "" : "&q=" + enc(q)) : null;
        return View.of("List " + l.name(), "lists", "list.jte").with("list", l).with("audience", lists.audience(l))
                .with("q", q == null ? "" : q).with("next", next).tables(t.build());
    }

    private Object startImport(Console console, Context ctx, Console.Login who) throws Exception {
        MailingList l = list(ctx);
        // an upload over import.max-upload-mb fails while the CSRF guard reads the form: the 413 page says so
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            ctx.status(422);
            return one(ctx, who).with("importError", "Choose a CSV file to import.");
        }
        Path tmp = imports.file(".csv");
        // into the owner-only file made for it (a copy that replaced the file would take the process's umask)
        try (InputStream in = file.content(); var out = Files.newOutputStream(tmp)) {
            in.transferTo(out);
        }
        String consent = ctx.formParam("consent");
        Imports.Job job = imports.start(l, tmp, file.filename(), consent);
        if (ctx.header("HX-Request") != null) {
            console.fragment(ctx, who, "import.jte", Map.of("job", job));
            return null;
        }
        return "/imports/" + job.id;
    }

    /** The user chose the column that holds the addresses of a file whose header named none the importer knows. */
    private Object retryImport(Console console, Context ctx, Console.Login who) throws Exception {
        Imports.Job stopped = job(ctx);
        Imports.Job job;
        try {
            job = imports.retry(stopped, ctx.formParam("column"));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(422);
            return View.of("Import into " + stopped.list, "lists", "import_page.jte").with("job", stopped);
        }
        if (ctx.header("HX-Request") != null) {
            console.fragment(ctx, who, "import.jte", Map.of("job", job));
            return null;
        }
        return "/imports/" + job.id;
    }

    private View progress(Console console, Context ctx, Console.Login who) {
        Imports.Job job = job(ctx);
        if (ctx.header("HX-Request") != null) {
            console.fragment(ctx, who, "import.jte", Map.of("job", job));
            return null;
        }
        return View.of("Import into " + job.list, "lists", "import_page.jte").with("job", job);
    }

    private Imports.Job job(Context ctx) {
        Imports.Job job;
        try {
            job = imports.find(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            job = null;
        }
        if (job == null) {
            throw new NotFoundResponse("no such import (imports are kept until the server restarts)");
        }
        return job;
    }

    private View hygiene(Context ctx, Console.Login who) {
        MailingList l = list(ctx);
        Hygiene check = launch.hygiene();
        HygieneReport report = new HygieneReport();
        lists.forEachAddress(l, a -> report.add(a, check.check(a)));
        Table.Builder t = Table.of("hygiene", "Problems found", "Problem", "Addresses", "What to do", "Examples")
                .empty("No problem found.");
        for (HygieneReport.Line line : report.lines()) {
            t.row(line.problem().label(), line.count(), line.action(), String.join(", ", line.examples()));
        }
        return View.of("Hygiene of " + l.name(), "lists", "hygiene.jte").with("list", l).with("addresses", report.addresses())
                .with("clean", report.clean()).tables(t.build());
    }

    /** Takes the member off this list only. */
    private Object remove(Context ctx, Console.Login who) {
        MailingList l = list(ctx);
        String key = ctx.pathParam("email");
        Lists.Membership m = lists.member(l, key).orElseThrow(() -> new NotFoundResponse(key + " is not on list " + l.name()));
        lists.remove(l, m.emailKey());
        return "/lists/" + enc(l.name()) + "?notice=" + enc("Removed " + m.email() + " from " + l.name() + ".");
    }

    /** Replaces the subscriber's merge fields from "name = value" lines; a line without "=" is an error shown beside the field. */
    private Object attributes(Context ctx, Console.Login who) {
        MailingList l = list(ctx);
        String key = ctx.pathParam("email");
        Lists.Membership m = lists.member(l, key).orElseThrow(() -> new NotFoundResponse(key + " is not on list " + l.name()));
        String text = ctx.formParam("attributes") == null ? "" : ctx.formParam("attributes");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        List<String> bad = new java.util.ArrayList<>();
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(0, eq).isBlank()) {
                bad.add("line " + n + ": write name = value");
                continue;
            }
            fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        if (!bad.isEmpty()) {
            ctx.status(422);
            return subscriber(ctx, who).with("attributesError", String.join("; ", bad)).with("attributesText", text);
        }
        lists.attributes(m.emailKey(), fields);
        return "/lists/" + enc(l.name()) + "/subscribers/" + enc(m.emailKey()) + "?notice=" + enc("Fields saved.");
    }

    /** Erases the person at their request, once the address is typed again (an erasure cannot be undone). */
    private Object erase(Context ctx, Console.Login who) {
        MailingList l = list(ctx);
        String key = ctx.pathParam("email");
        Lists.Membership m = lists.member(l, key).orElseThrow(() -> new NotFoundResponse(key + " is not on list " + l.name()));
        String typed = ctx.formParam("confirm");
        if (typed == null || !typed.strip().equalsIgnoreCase(m.email())) {
            ctx.status(422);
            return subscriber(ctx, who).with("error", "Type the address exactly to erase this person; nothing was erased.");
        }
        Erasure.Erased e = erasure.erase(m.email());
        return "/lists/" + enc(l.name()) + "?notice=" + enc("Erased " + e.address() + ": " + e.memberships() + " list memberships, "
                + e.consentEvents() + " consent events, " + e.deliveries() + " past deliveries no longer name the address (in their transcripts"
                + " neither), " + e.reports() + " stored bounce or complaint reports deleted.");
    }

    private View subscriber(Context ctx, Console.Login who) {
        MailingList l = list(ctx);
        String key = ctx.pathParam("email");
        Lists.Membership m = lists.member(l, key).orElseThrow(() -> new NotFoundResponse(key + " is not on list " + l.name()));
        Table.Builder consent = Table.of("consent", "Consent and subscription history", "When", "Event", "Source", "IP", "Browser", "Text shown")
                .empty("No consent event recorded.");
        for (Subscriptions.Event e : subscriptions.record(m.emailKey(), l.id())) {
            consent.row(Dates.second(e.at()), e.event(), e.source(), e.ip(), e.userAgent(), e.text());
        }
        Table.Builder deliveries = Table.of("deliveries", "Messages sent to this address", "Delivery", "Campaign", "State", "Verdict", "What to do")
                .empty("Nothing sent to this address yet.");
        for (long id : reports.deliveriesTo(m.email(), null)) {
            reports.timeline(id).ifPresent(tl -> {
                Diagnosis d = tl.diagnosis();
                deliveries.row(Table.Cell.link("#" + id, "/deliveries/" + id), tl.delivery().campaign(), tl.delivery().state().name().toLowerCase(),
                        d.verdict(), d.action().label());
            });
        }
        Table.Builder supp = Table.of("suppression", "Suppression", "List", "Reason", "Status", "Source", "Since").empty("Not suppressed.");
        for (Suppression s : suppressions.find(List.of(m.emailKey()), l.id()).getOrDefault(m.emailKey(), List.of())) {
            supp.row(s.listId() == 0 ? "every list" : l.name(), s.reason(), s.status(), s.source(), Dates.minute(s.createdAt()));
        }
        StringBuilder fields = new StringBuilder();
        m.fields().forEach((name, value) -> fields.append(name).append(" = ").append(value).append('\n'));
        return View.of(m.email(), "lists", "subscriber.jte").with("list", l).with("member", m).with("fieldsText", fields.toString())
                .tables(consent.build(), deliveries.build(), supp.build());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
