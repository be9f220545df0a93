package dev.homing.api;

import dev.homing.campaign.Campaign;
import dev.homing.queue.DeliveryState;
import dev.homing.report.RecipientLine;
import dev.homing.report.Reports;
import dev.homing.store.Database;
import dev.homing.store.StoreException;
import io.javalin.http.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deliveries a page at a time, each as the campaign report's per-recipient line: a campaign's, in the order
 * they were queued, and an address's, newest first. Keyset on the delivery id, which never changes, so a page
 * walk neither skips nor repeats a delivery while the engine moves them from state to state.
 */
final class DeliveryRoutes {
    private static final String OF_MESSAGE = "SELECT id FROM delivery WHERE message_id = ? AND id > ?";
    private static final String IN_STATE = " AND state = ?";
    private static final String BY_ID = " ORDER BY id";
    /** The address as stored, which is how a campaign queues its members: the index on recipient serves it. */
    private static final String TO = "SELECT d.id, c.name FROM delivery d LEFT JOIN campaign c ON c.message_id = d.message_id"
            + " WHERE d.recipient = ? AND d.id < ? ORDER BY d.id DESC";
    private static final String STATES = Arrays.stream(DeliveryState.values()).map(DeliveryState::label).collect(Collectors.joining(", "));

    private final Database db;
    private final Reports reports;
    private final CampaignRoutes campaigns;

    DeliveryRoutes(Database db, Reports reports, CampaignRoutes campaigns) {
        this.db = db;
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
        List<Long> ids = new ArrayList<>();
        try (Connection conn = db.connection();
             PreparedStatement ps = conn.prepareStatement(OF_MESSAGE + (state == null ? "" : IN_STATE) + BY_ID)) {
            ps.setLong(1, c.messageId());
            ps.setLong(2, after);
            if (state != null) {
                ps.setString(3, state.label());
            }
            ps.setMaxRows(r.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the deliveries of campaign \"" + c.name() + "\": " + e.getMessage(), e);
        }
        Page<Long> page = Page.cut(ids, r.limit(), id -> Long.toString(id));
        return new Page<>(reports.lines(page.items()).stream().map(l -> DeliveryLine.of(c.name(), l)).toList(), page.next());
    }

    /** The deliveries to {@code address} as stored, newest first: every list's campaigns and transactional messages. */
    Page<DeliveryLine> to(String address, Page.Request r) {
        long before = r.after() == null ? Long.MAX_VALUE : CampaignRoutes.number("cursor", r.after());
        Map<Long, String> campaignOf = new LinkedHashMap<>();
        try (Connection conn = db.connection(); PreparedStatement ps = conn.prepareStatement(TO)) {
            ps.setString(1, address);
            ps.setLong(2, before);
            ps.setMaxRows(r.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    campaignOf.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the deliveries to " + address + ": " + e.getMessage(), e);
        }
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
