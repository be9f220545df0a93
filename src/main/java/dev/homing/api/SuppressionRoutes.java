package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.list.Address;
import dev.homing.list.ListException;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.store.Database;
import io.javalin.http.Context;

import java.util.List;
import java.util.Set;

/** {@code GET /suppressions} (paginated) and {@code POST /suppressions}. */
final class SuppressionRoutes {
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
            return new SuppressionView(s.emailKey(), s.listId(), s.reason(), s.status(), s.source(), CampaignRoutes.time(s.createdAt()));
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
        List<Suppression> rows = suppressions.page(afterKey, afterList, r.limit() + 1);
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
