package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.campaign.Campaign;
import dev.homing.queue.DeliveryState;
import dev.homing.report.RecipientLine;
import dev.homing.report.Reports;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deliveries a page at a time, each as the campaign report's per-recipient line: a campaign's, in the order
 * they were queued, and an address's, newest first. Keyset on the delivery id, which never changes, so a page
 * walk neither skips nor repeats a delivery while the engine moves them from state to state.
 */
final class DeliveryRoutes {
    private static final String STATES = Arrays.stream(DeliveryState.values()).map(DeliveryState::label).collect(Collectors.joining(", "));

    private final dev.homing.queue.QueueView queue;
    private final Reports reports;
    private final CampaignRoutes campaigns;

    DeliveryRoutes(dev.homing.queue.QueueView queue, Reports reports, CampaignRoutes campaigns) {
        this.queue = queue;
        this.reports = reports;
        this.campaigns = campaigns;
    }

    /**
     * @param campaign  null for a transactional message
     * @param lastEvent the latest thing that happened to it, with its time, in words
     */
    record DeliveryLine(long id, String campaign, String recipient, String state, String outcome, String reason, Integer code,
                        String enhanced, String responsible, String action, String provider, String lastEvent) {
        static DeliveryLine of(String campaign, RecipientLine l) {
            return new DeliveryLine(l.deliveryId(), campaign, l.recipient(), l.state(), l.outcome(), l.reason(), l.code(), l.enhanced(),
                    l.responsible(), l.action(), l.provider(), l.lastEvent());
        }
    }

    /** {@code GET /campaigns/{name}/deliveries}: optionally only those in {@code state}. */
    Page<DeliveryLine> ofCampaign(Context ctx, ApiKey key) {
        Campaign c = campaigns.campaign(ctx.pathParam("name"));
        DeliveryState state = state(ctx.queryParam("state"));
        Page.Request r = Page.of(ctx);
        if (c.messageId() == null) {
            return new Page<>(List.of(), null); // a draft has queued nobody yet
        }
        long after = r.after() == null ? 0 : CampaignRoutes.number("cursor", r.after());
        List<Long> ids = queue.deliveryIds(c.messageId(), state, after, r.limit() + 1);
        Page<Long> page = Page.cut(ids, r.limit(), id -> Long.toString(id));
        return new Page<>(reports.lines(page.items()).stream().map(l -> DeliveryLine.of(c.name(), l)).toList(), page.next());
    }

    /** The deliveries to {@code address} as stored, newest first: every list's campaigns and transactional messages. */
    Page<DeliveryLine> to(String address, Page.Request r) {
        long before = r.after() == null ? Long.MAX_VALUE : CampaignRoutes.number("cursor", r.after());
        Map<Long, String> campaignOf = reports.deliveriesTo(address, before, r.limit() + 1);
        Page<Long> page = Page.cut(List.copyOf(campaignOf.keySet()), r.limit(), id -> Long.toString(id));
        return new Page<>(reports.lines(page.items()).stream().map(l -> DeliveryLine.of(campaignOf.get(l.deliveryId()), l)).toList(),
                page.next());
    }

    private static DeliveryState state(String label) {
        if (label == null || label.isEmpty()) {
            return null;
        }
        for (DeliveryState s : DeliveryState.values()) {
            if (s.label().equals(label.strip())) {
                return s;
            }
        }
        throw new Refused(Problem.invalid("state", "unknown state \"" + label.strip() + "\" (known: " + STATES + ")"));
    }
}
