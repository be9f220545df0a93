package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.campaign.Campaign;
import dev.homing.campaign.Launch;
import dev.homing.campaign.Campaigns;
import dev.homing.report.CampaignDiagnosis;
import dev.homing.report.Reports;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;

/** Campaigns, their reports, and one delivery's timeline. */
final class CampaignRoutes {
    private final Campaigns campaigns;
    private final Launch launch;
    private final Reports reports;

    CampaignRoutes(Campaigns campaigns, Launch launch, Reports reports) {
        this.campaigns = campaigns;
        this.launch = launch;
        this.reports = reports;
    }

    /** @param override who sent it past blocking pre-flight findings, when, why and which, or null */
    record CampaignView(long id, String name, long listId, String fromAddress, String fromName, String replyTo, String subject,
                        String state, String sendAt, Long messageId, String createdAt, String override) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.listId(), c.fromAddress(), c.fromName(), c.replyTo(), c.subject(),
                    c.state().label(), time(c.sendAt()), c.messageId(), time(c.createdAt()), c.override());
        }
    }

    Page<CampaignView> all(Context ctx, ApiKey key) {
        Page.Request r = Page.of(ctx);
        long after = r.after() == null ? 0 : number("cursor", r.after());
        List<Campaign> rows = campaigns.page(after, r.limit() + 1);
        Page<Campaign> page = Page.cut(rows, r.limit(), c -> Long.toString(c.id()));
        return new Page<>(page.items().stream().map(CampaignView::of).toList(), page.next());
    }

    /** As 'homing campaign show': a sending campaign whose deliveries are all final is marked sent on the way. */
    CampaignView one(Context ctx, ApiKey key) {
        return CampaignView.of(launch.settle(campaign(ctx.pathParam("name"))));
    }

    ReportView report(Context ctx, ApiKey key) {
        Campaign c = campaign(ctx.pathParam("name"));
        CampaignDiagnosis d;
        try {
            d = reports.campaign(c.name());
        } catch (IllegalArgumentException e) {
            throw new Refused(Problem.notFound(e.getMessage()));
        }
        return ReportView.of(d);
    }

    DeliveryView delivery(Context ctx, ApiKey key) {
        long id = number("id", ctx.pathParam("id"));
        return reports.timeline(id).map(DeliveryView::of)
                .orElseThrow(() -> new Refused(Problem.notFound("there is no delivery " + id)));
    }

    /** A stored bounce or complaint of one delivery, as it arrived (message/rfc822): the report_id of its event. */
    Api.Raw storedReport(Context ctx, ApiKey key) {
        long id = number("id", ctx.pathParam("id"));
        long report = number("report", ctx.pathParam("report"));
        return reports.storedReport(id, report, 0).map(r -> new Api.Raw("message/rfc822", r.raw()))
                .orElseThrow(() -> new Refused(Problem.notFound("delivery " + id + " has no stored report " + report
                        + " (reports are kept for inbound.retention, 30 days by default)")));
    }

    Campaign campaign(String name) {
        return campaigns.find(name).orElseThrow(() -> new Refused(Problem.notFound("there is no campaign named \"" + name + "\"")));
    }

    static long number(String field, String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new Refused(Problem.invalid(field, "not a whole number"));
        }
    }

    /**
     * Every time in every answer the same way: UTC, ISO 8601, at most to the millisecond ("2026-12-06T16:14:46.061Z";
     * a whole second as "2026-12-06T16:14:46Z"), whatever precision the database or the clock kept.
     */
    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }
}
