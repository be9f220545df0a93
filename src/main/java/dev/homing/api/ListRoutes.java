package dev.homing.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.homing.list.ListException;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import dev.homing.store.Database;
import dev.homing.store.StoreException;
import io.javalin.http.Context;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /lists} and {@code GET /lists/{list}/subscribers}. */
final class ListRoutes {
    /** Keyset pagination by address key: stable while members join or leave, unlike an offset. */
    private static final String MEMBERS =
            "SELECT s.email, m.email_key, m.status, m.consent_source, m.created_at, s.attributes FROM membership m"
                    + " JOIN subscriber s ON s.email_key = m.email_key WHERE m.list_id = ? AND m.email_key > ? ORDER BY m.email_key";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database db;
    private final Lists lists;

    ListRoutes(Database db) {
        this.db = db;
        this.lists = new Lists(db);
    }

    record ListView(long id, String name, String description, String createdAt, Map<String, Long> members) {
    }

    /** @param attributes the subscriber's merge fields as given: data, shown by clients however they escape it */
    record SubscriberView(String email, String status, String consentSource, String joined, Map<String, Object> attributes) {
    }

    Page<ListView> all(Context ctx, ApiKey key) {
        Page.Request r = Page.of(ctx);
        // lists are few (one row each), so the page is cut in memory, in name order
        List<MailingList> rows = lists.all().stream()
                .sorted(Comparator.comparing(MailingList::name))
                .filter(l -> r.after() == null || l.name().compareTo(r.after()) > 0)
                .limit(r.limit() + 1L).toList();
        Page<MailingList> page = Page.cut(rows, r.limit(), MailingList::name);
        return new Page<>(page.items().stream().map(this::view).toList(), page.next());
    }

    private ListView view(MailingList l) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (MemberStatus s : MemberStatus.values()) {
            counts.put(s.label(), 0L);
        }
        lists.counts(l).forEach((s, n) -> counts.put(s.label(), n));
        return new ListView(l.id(), l.name(), l.description(), l.createdAt().toString(), counts);
    }

    /** A row with the key its cursor continues after. */
    private record Member(String key, SubscriberView view) {
    }

    Page<SubscriberView> subscribers(Context ctx, ApiKey key) {
        MailingList list = list(ctx.pathParam("list"));
        Page.Request r = Page.of(ctx);
        List<Member> rows = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(MEMBERS)) {
            ps.setLong(1, list.id());
            ps.setString(2, r.after() == null ? "" : r.after());
            ps.setMaxRows(r.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Member(rs.getString(2), new SubscriberView(rs.getString(1), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant().toString(), attributes(rs.getString(6)))));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the members of \"" + list.name() + "\": " + e.getMessage(), e);
        }
        Page<Member> page = Page.cut(rows, r.limit(), Member::key);
        return new Page<>(page.items().stream().map(Member::view).toList(), page.next());
    }

    private MailingList list(String name) {
        try {
            return lists.find(name).orElseThrow(() -> new Refused(Problem.notFound("there is no list named \"" + name + "\"")));
        } catch (ListException e) {
            throw new Refused(Problem.notFound("there is no list named \"" + name + "\""));
        }
    }

    private static Map<String, Object> attributes(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return Api.JSON.readValue(json, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }
}
