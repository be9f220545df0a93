package dev.homing.api;

import dev.homing.campaign.Campaign;
import dev.homing.campaign.Campaigns;
import dev.homing.provider.ProviderDetector;
import dev.homing.report.CampaignDiagnosis;
import dev.homing.report.Reports;
import dev.homing.store.Database;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Campaigns, their reports, and one delivery's timeline. */
final class CampaignRoutes {
    private final Campaigns campaigns;
    private final Reports reports;

    CampaignRoutes(Database db, ProviderDetector providers) {
        this.campaigns = new Campaigns(db);
        this.reports = new Reports(db, providers);
    }

    record CampaignView(long id, String name, long listId, String fromAddress, String fromName, String replyTo, String subject,
                        String state, String sendAt, Long messageId, String createdAt) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.id(), c.name(), c.listId(), c.fromAddress(), c.fromName(), c.replyTo(), c.subject(),
                    c.state().label(), time(c.sendAt()), c.messageId(), time(c.createdAt()));
        }
    }

    Page<CampaignView> all(Context ctx, ApiKey key) {
        Page.Request r = Page.of(ctx);
        long after = r.after() == null ? Long.MIN_VALUE : number("cursor", r.after());
        // campaigns are few next to deliveries: the page is cut in memory, in id order
        List<Campaign> rows = campaigns.all().stream().sorted(Comparator.comparingLong(Campaign::id))
                .filter(c -> c.id() > after).limit(r.limit() + 1L).toList();
        Page<Campaign> page = Page.cut(rows, r.limit(), c -> Long.toString(c.id()));
        return new Page<>(page.items().stream().map(CampaignView::of).toList(), page.next());
    }

    CampaignView one(Context ctx, ApiKey key) {
        return CampaignView.of(campaign(ctx.pathParam("name")));
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

    private Campaign campaign(String name) {
        return campaigns.find(name).orElseThrow(() -> new Refused(Problem.notFound("there is no campaign named \"" + name + "\"")));
    }

    private static long number(String field, String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new Refused(Problem.invalid(field, "not a whole number"));
        }
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
