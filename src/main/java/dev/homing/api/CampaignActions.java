package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.api.CampaignRoutes.CampaignView;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignException;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Launch;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.PreflightItem;
import dev.homing.campaign.PreflightReport;
import dev.homing.campaign.TemplateError;
import dev.homing.list.Address;
import dev.homing.list.ListException;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import io.javalin.http.Context;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What changes a campaign, as the {@code homing campaign} commands do: create (templates checked before
 * anything is stored), the pre-flight report, send (refused on a blocking finding unless overridden with
 * a reason, which is recorded), pause and resume.
 */
final class CampaignActions {
    private static final Set<String> DRAFT_MEMBERS = Set.of("name", "list", "from", "from_name", "reply_to", "subject", "html", "text",
            "send_at");
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("unknown merge field \\{\\{([^}]*)}}");

    private final CampaignRoutes routes;
    private final Campaigns campaigns;
    private final Lists lists;
    private final Launch launch;

    CampaignActions(CampaignRoutes routes, Campaigns campaigns, Lists lists, Wiring w) {
        this.routes = routes;
        this.campaigns = campaigns;
        this.lists = lists;
        this.launch = w.launch();
    }

    record ItemView(String section, String check, String status, String detail, String fix, boolean blocking) {
        static ItemView of(PreflightItem i) {
            return new ItemView(i.section().name().toLowerCase(Locale.ROOT), i.check(), i.status().label(), i.detail(), i.fix(), i.blocking());
        }
    }

    /** @param text the report as 'homing campaign preflight' prints it */
    record PreflightView(String campaign, boolean sendable, int blocking, List<ItemView> items, String text) {
        static PreflightView of(PreflightReport r) {
            return new PreflightView(r.campaign(), !r.hasBlocking(), r.blocking().size(), r.items().stream().map(ItemView::of).toList(), r.text());
        }
    }

    /** What a send did: deliveries queued now, members recorded suppressed, and those queued by an earlier send. */
    record SendView(CampaignView campaign, long queued, long suppressed, long alreadyThere) {
    }

    /**
     * Body {@code {"name", "list", "from", "subject", "html" and/or "text", optional "from_name", "reply_to",
     * "send_at" (ISO-8601)}}: a draft, 201. A template error (an unknown merge field) is a 422 naming the part
     * ({@code field}) and the merge field ({@code merge_field}).
     */
    CampaignView create(Context ctx, ApiKey key) {
        Body body = Body.of(ctx.body(), DRAFT_MEMBERS);
        String name = body.pathName("name");
        MailingList list = list(body.text("list"));
        String from = address("from", body.text("from"));
        String fromName = body.optionalText("from_name", 200);
        String replyToGiven = body.optionalText("reply_to");
        String replyTo = replyToGiven == null ? null : address("reply_to", replyToGiven);
        String subject = body.text("subject");
        if (subject.length() > 2000) {
            throw new Refused(Problem.invalid("subject", "at most 2000 characters"));
        }
        String html = body.optionalText("html");
        String text = body.optionalText("text");
        if (html == null && text == null) {
            throw new Refused(Problem.invalid("html", "give html, text or both"));
        }
        Instant sendAt = sendAt(body.optionalText("send_at"));
        Campaign c;
        try {
            c = launch.create(new Campaigns.Draft(name, list.id(), from, fromName, replyTo, subject, html, text, sendAt));
        } catch (TemplateError e) {
            throw new Refused(templateProblem(422, e));
        } catch (CampaignException e) {
            throw new Refused(Problem.conflict(e.getMessage()).on("name"));
        }
        ctx.status(201).header("Location", Api.BASE + "/campaigns/" + Api.segment(c.name()));
        return CampaignView.of(c);
    }

    PreflightView preflight(Context ctx, ApiKey key) {
        return PreflightView.of(report(routes.campaign(ctx.pathParam("name"))));
    }

    /**
     * Body (optional) {@code {"override": "why"}}: the first send runs the pre-flight and is refused (409, the
     * blocking findings in {@code blocking}) while anything blocks, unless an override reason is given; the
     * reason, the key and the findings are then recorded with the campaign. A later send finishes an
     * expansion cut short. 202: the engine delivers from here.
     */
    SendView send(Context ctx, ApiKey key) {
        Campaign c = routes.campaign(ctx.pathParam("name"));
        String override = Body.optional(ctx.body(), Set.of("override")).optionalText("override", 1000);
        Launch.Sent sent;
        try {
            sent = launch.send(c, override, key.who());
        } catch (TemplateError e) {
            throw new Refused(templateProblem(409, e));
        } catch (CampaignException e) {
            throw new Refused(Problem.conflict("no pre-flight report for campaign \"" + c.name() + "\": " + e.getMessage()));
        }
        return switch (sent) {
            case Launch.Sent.Queued q -> {
                CampaignSender.Expansion e = q.expansion();
                ctx.status(202);
                yield new SendView(CampaignView.of(e.campaign()), e.queued(), e.suppressed(), e.alreadyThere());
            }
            case Launch.Sent.Blocked b -> throw new Refused(Problem.of(409, "preflight-blocked", "Blocked by the pre-flight report",
                            b.report().blocking().size() + " blocking pre-flight finding(s): " + b.report().blockingText()
                                    + ". Fix them, or send with {\"override\": \"REASON\"} (recorded with the campaign).")
                    .with("blocking", b.report().blocking().stream().map(ItemView::of).toList()));
            case Launch.Sent.Refused r -> throw new Refused(Problem.conflict(r.why()));
        };
    }

    CampaignView pause(Context ctx, ApiKey key) {
        Campaign c = routes.campaign(ctx.pathParam("name"));
        return CampaignView.of(conflicting(() -> launch.pause(c)));
    }

    CampaignView resume(Context ctx, ApiKey key) {
        Campaign c = routes.campaign(ctx.pathParam("name"));
        return CampaignView.of(conflicting(() -> launch.resume(c)));
    }

    private PreflightReport report(Campaign c) {
        try {
            return launch.preflight(c);
        } catch (TemplateError e) {
            throw new Refused(templateProblem(409, e));
        } catch (CampaignException e) {
            throw new Refused(Problem.conflict("no pre-flight report for campaign \"" + c.name() + "\": " + e.getMessage()));
        }
    }

    /** A template error names its part first ("html line 3, column 14: unknown merge field {{frist_name}}"). */
    private static Problem templateProblem(int status, TemplateError e) {
        String m = e.getMessage();
        String part = m.startsWith("subject") ? "subject" : m.startsWith("text (made from the html)") || m.startsWith("html") ? "html"
                : m.startsWith("text") ? "text" : "body";
        Problem p = status == 422 ? Problem.unprocessable(part, m) : Problem.conflict("the campaign's templates do not compile: " + m).on(part);
        Matcher unknown = UNKNOWN_FIELD.matcher(m);
        return unknown.find() ? p.with("merge_field", unknown.group(1)) : p;
    }

    /** A campaign operation refused for the campaign's state (paused, sent, a name taken meanwhile) is a 409. */
    private static <T> T conflicting(java.util.function.Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CampaignException e) {
            throw new Refused(Problem.conflict(e.getMessage()));
        }
    }

    private MailingList list(String name) {
        try {
            return lists.find(name).orElseThrow(() -> new Refused(Problem.unprocessable("list", "there is no list named \"" + name + "\"")));
        } catch (ListException e) {
            throw new Refused(Problem.unprocessable("list", "there is no list named \"" + name + "\""));
        }
    }

    private static String address(String field, String value) {
        return switch (Address.check(value)) {
            case Address.Valid v -> v.address();
            case Address.Invalid i -> throw new Refused(Problem.unprocessable(field, i.reason()));
        };
    }

    private static Instant sendAt(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Refused(Problem.invalid("send_at", "not an ISO-8601 time like 2026-12-01T09:00:00Z"));
        }
    }
}
