package dev.homing.api;

import dev.homing.list.Address;
import dev.homing.list.ListException;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.store.Database;
import dev.homing.store.StoreException;
import io.javalin.http.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code GET /suppressions} (paginated) and {@code POST /suppressions}. */
final class SuppressionRoutes {
    /** Keyset pagination over the primary key (address, list). */
    private static final String PAGE = "SELECT email_key, list_id, reason, status, source, created_at FROM suppression"
            + " WHERE email_key > ? OR (email_key = ? AND list_id > ?) ORDER BY email_key, list_id";

    private final Database db;
    private final Lists lists;
    private final Suppressions suppressions;

    SuppressionRoutes(Database db) {
        this.db = db;
        this.lists = new Lists(db);
        this.suppressions = new Suppressions(db);
    }

    /** @param listId 0 when it holds for every list */
    record SuppressionView(String email, long listId, String reason, String status, String source, String createdAt) {
        static SuppressionView of(Suppression s) {
            return new SuppressionView(s.emailKey(), s.listId(), s.reason(), s.status(), s.source(), s.createdAt().toString());
        }
    }

    Page<SuppressionView> all(Context ctx, ApiKey key) {
        Page.Request r = Page.of(ctx);
        String afterKey = "";
        long afterList = -1;
        if (r.after() != null) {
            int cut = r.after().indexOf(' ');
            try {
                afterList = Long.parseLong(r.after().substring(0, cut));
                afterKey = r.after().substring(cut + 1);
            } catch (RuntimeException e) {
                throw new Refused(Problem.invalid("cursor", "not a cursor this API gave out"));
            }
        }
        List<Suppression> rows = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setString(1, afterKey);
            ps.setString(2, afterKey);
            ps.setLong(3, afterList);
            ps.setMaxRows(r.limit() + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Suppression(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read suppressions: " + e.getMessage(), e);
        }
        // the list id first: it has no space, so the address (which may) is the rest
        Page<Suppression> page = Page.cut(rows, r.limit(), s -> s.listId() + " " + s.emailKey());
        return new Page<>(page.items().stream().map(SuppressionView::of).toList(), page.next());
    }

    /** Body {@code {"email": "...", "list": "optional list name"}}: suppresses the address by hand (reason "manual"). */
    SuppressionView add(Context ctx, ApiKey key) {
        Body body = Body.of(ctx.body(), Set.of("email", "list"));
        String address = switch (Address.check(body.text("email"))) {
            case Address.Valid v -> v.address();
            case Address.Invalid i -> throw new Refused(Problem.invalid("email", i.reason()));
        };
        String list = body.optionalText("list");
        long listId = list == null ? 0 : listId(list);
        suppressions.put(address, listId, "manual", Suppression.ACTIVE, key.who());
        ctx.status(201);
        return suppressions.find(List.of(address), listId).getOrDefault(address, List.of()).stream()
                .filter(s -> s.listId() == listId).findFirst().map(SuppressionView::of)
                .orElseThrow(() -> new IllegalStateException("suppression of " + address + " not found after writing it"));
    }

    private long listId(String name) {
        try {
            return lists.find(name).map(MailingList::id)
                    .orElseThrow(() -> new Refused(Problem.invalid("list", "there is no list named \"" + name + "\"")));
        } catch (ListException e) {
            throw new Refused(Problem.invalid("list", "there is no list named \"" + name + "\""));
        }
    }
}
