package dev.homing.webhook;

import dev.homing.list.Subscriptions;
import dev.homing.queue.LateEvent;
import dev.homing.queue.Rejudged;
import dev.homing.queue.Settled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns what the engine, the mailroom and the unsubscribe pages report into webhook events. Never throws at its caller. */
public final class Events {
    private static final Logger log = LoggerFactory.getLogger(Events.class);
    private static final int DETAIL = 1_000;

    private final Outbox outbox;

    public Events(Outbox outbox) {
        this.outbox = outbox;
    }

    /** An attempt settled: delivered, deferred, bounced, uncertain or expired. */
    public void settled(Settled s) {
        EventKind kind = switch (s.state()) {
            case DELIVERED -> EventKind.DELIVERED;
            case DEFERRED -> EventKind.DEFERRED;
            case BOUNCED -> EventKind.BOUNCED;
            case UNCERTAIN -> EventKind.UNCERTAIN;
            case EXPIRED -> EventKind.EXPIRED;
            default -> null;
        };
        if (kind != null) {
            emit(kind, delivery(s.deliveryId(), s.messageId(), s.recipient(), s.state().label(), s.reason(), s.code(), s.enhanced(), s.detail()));
        }
    }

    /** A late bounce or complaint that changed its delivery's state (a repeated report changes nothing and is not sent again). */
    public void late(Rejudged r, LateEvent e) {
        if (!r.changed()) {
            return;
        }
        EventKind kind = switch (e.kind()) {
            case BOUNCE -> EventKind.BOUNCED;
            case COMPLAINT -> EventKind.COMPLAINED;
            case DELAY, SUCCESS -> null;
        };
        if (kind != null) {
            Map<String, Object> p = delivery(r.deliveryId(), r.messageId(), r.recipient(), r.after().label(), e.reason(), e.code(), e.status(), e.detail());
            p.put("previous_state", r.before().label());
            p.put("late", true);
            emit(kind, p);
        }
    }

    /** A member unsubscribed from a list. */
    public void unsubscribed(Subscriptions.Followed f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("email", f.emailKey());
        p.put("list_id", f.listId());
        emit(EventKind.UNSUBSCRIBED, p);
    }

    private static Map<String, Object> delivery(long id, long message, String recipient, String state, String reason, Integer code,
                                                String status, String detail) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("delivery", id);
        p.put("message", message);
        p.put("recipient", recipient);
        p.put("state", state);
        p.put("reason", reason);
        p.put("code", code);
        p.put("status", status);
        p.put("detail", detail == null || detail.length() <= DETAIL ? detail : detail.substring(0, DETAIL));
        return p;
    }

    private void emit(EventKind kind, Map<String, Object> payload) {
        try {
            outbox.record(kind, payload);
        } catch (RuntimeException e) {
            log.warn("webhook event {} not recorded: {}", kind.label(), e.toString()); // the caller's work goes on
        }
    }
}
