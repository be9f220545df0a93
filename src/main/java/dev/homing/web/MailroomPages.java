package dev.homing.web;

import dev.homing.inbound.Inbox;
import dev.homing.inbound.InboxEntry;
import dev.homing.inbound.Received;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import java.util.Locale;
import java.util.Map;

/**
 * What arrived at the inbound server (bounces, complaints, unsubscribe mails) and what became of each: counts by status
 * and kind, the newest messages of one status (those no delivery could be tied to, or that could not be read, are the
 * ones an operator looks at), and any one of them as it arrived, shown as text or downloaded.
 */
final class MailroomPages {
    private static final int SHOWN = 100;

    private final Inbox inbox;

    MailroomPages(Inbox inbox) {
        this.inbox = inbox;
    }

    void register(Console console, JavalinConfig config) {
        console.page(config, "/mailroom", this::list);
        console.page(config, "/mailroom/{id}", this::one);
    }

    private View list(Context ctx, Console.Login who) {
        Inbox.Status status = status(ctx.queryParam("status"));
        Table.Builder counts = Table.of("counts", "Received messages by what became of them", "Status and kind", "Messages")
                .empty("Nothing received yet.");
        for (Map.Entry<String, Long> e : inbox.counts().entrySet()) {
            counts.row(e.getKey(), e.getValue());
        }
        Table.Builder t = Table.of("messages", "The newest " + status.label() + " messages (at most " + SHOWN + ")", "Received", "Envelope sender",
                "To", "Size", "Kind", "Delivery", "What the mailroom said", "Read").empty("None.").fold(25);
        for (InboxEntry e : inbox.list(status, SHOWN)) {
            t.row(Dates.second(e.at()), e.mailFrom() == null || e.mailFrom().isEmpty() ? "<>" : e.mailFrom(), e.rcptTo(), e.size() + " bytes",
                    e.kind() == null ? "" : e.kind(), e.deliveryId() == null ? "" : Table.Cell.link("#" + e.deliveryId(), "/deliveries/" + e.deliveryId()),
                    e.detail() == null ? "" : e.detail(), Table.Cell.link("read #" + e.id(), "/mailroom/" + e.id()));
        }
        return View.of("Mailroom", "mailroom", "mailroom.jte").with("status", status.label())
                .with("statuses", java.util.Arrays.stream(Inbox.Status.values()).map(Inbox.Status::label).toList()).tables(counts.build(), t.build());
    }

    private View one(Context ctx, Console.Login who) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("a message id is a number");
        }
        Received r = inbox.received(id, ReceivedPage.bytes(ctx)).orElseThrow(() -> new NotFoundResponse("no stored message " + id
                + " (received messages are kept for inbound.retention, 30 days by default)"));
        return ReceivedPage.answer(ctx, r, "Received message #" + id, "mailroom", "/mailroom", "Back to the mailroom", "received-" + id + ".eml",
                "received-message");
    }

    private static Inbox.Status status(String given) {
        if (given == null || given.isBlank()) {
            return Inbox.Status.UNMATCHED;
        }
        try {
            return Inbox.Status.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new NotFoundResponse("no status \"" + given.strip() + "\" (received, processed, unparsed, unmatched, ignored)");
        }
    }
}
