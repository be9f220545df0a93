package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.list.ListException;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /lists}, {@code POST /lists} and {@code GET /lists/{list}}. */
final class ListRoutes {
    private final Lists lists;

    ListRoutes(Lists lists) {
        this.lists = lists;
    }

    record ListView(long id, String name, String description, String createdAt, Map<String, Long> members) {
    }

    Page<ListView> all(Context ctx, ApiKey key) {
        Page.Request r = Page.of(ctx);
        // keyset by name: a list created while a client pages is neither skipped nor repeated before it
        List<MailingList> rows = lists.page(r.after() == null ? "" : r.after(), r.limit() + 1);
        Page<MailingList> page = Page.cut(rows, r.limit(), MailingList::name);
        return new Page<>(page.items().stream().map(this::view).toList(), page.next());
    }

    ListView one(Context ctx, ApiKey key) {
        return view(find(lists, ctx.pathParam("list")));
    }

    /** Body {@code {"name": "...", "description": "optional"}}; 201 with the list, 409 when the name is taken. */
    ListView create(Context ctx, ApiKey key) {
        Body body = Body.of(ctx.body(), Set.of("name", "description"));
        String name = body.pathName("name");
        String description = body.optionalText("description", 1000);
        if (lists.find(name).isPresent()) {
            throw new Refused(Problem.conflict("a list named \"" + name + "\" already exists").on("name"));
        }
        MailingList created = lists.create(name, description);
        ctx.status(201).header("Location", Api.BASE + "/lists/" + Api.segment(created.name()));
        return view(created);
    }

    private ListView view(MailingList l) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (MemberStatus s : MemberStatus.values()) {
            counts.put(s.label(), 0L);
        }
        lists.counts(l).forEach((s, n) -> counts.put(s.label(), n));
        return new ListView(l.id(), l.name(), l.description(), CampaignRoutes.time(l.createdAt()), counts);
    }

    /** The list named in a path, or a 404 problem. */
    static MailingList find(Lists lists, String name) {
        try {
            return lists.find(name).orElseThrow(() -> new Refused(Problem.notFound("there is no list named \"" + name + "\"")));
        } catch (ListException e) {
            throw new Refused(Problem.notFound("there is no list named \"" + name + "\""));
        }
    }
}
