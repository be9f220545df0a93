package dev.homing.node;

import dev.homing.web.Hooks;
import dev.homing.webhook.EventKind;
import dev.homing.webhook.Outbox;
import dev.homing.webhook.Webhook;
import dev.homing.webhook.Webhooks;

import java.util.Arrays;
import java.util.List;

/** The web UI's view of the node's webhooks: the webhook package's store, the node's egress guard, its outbox told of changes. */
final class WebhookSettings implements Hooks {
    private final Webhooks webhooks;
    private final boolean allowPrivate;
    private final Outbox outbox;

    WebhookSettings(Webhooks webhooks, boolean allowPrivate, Outbox outbox) {
        this.webhooks = webhooks;
        this.allowPrivate = allowPrivate;
        this.outbox = outbox;
    }

    @Override
    public List<String> kinds() {
        return Arrays.stream(EventKind.values()).map(EventKind::label).toList();
    }

    @Override
    public List<Hook> all() {
        return webhooks.all().stream().map(w -> hook(w, null)).toList();
    }

    @Override
    public Hook add(String url, List<String> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("tick at least one event");
        }
        Webhook w = webhooks.add(url, EventKind.parse(String.join(",", events)), null, allowPrivate);
        outbox.refresh(); // the next event reaches it, not only those after the outbox's periodic re-read
        return hook(w, w.secret());
    }

    @Override
    public boolean remove(long id) {
        boolean removed = webhooks.remove(id);
        outbox.refresh();
        return removed;
    }

    @Override
    public List<Post> log(int limit) {
        return webhooks.log(null, limit).stream().map(l -> new Post(l.at(), l.webhookId(), l.kind() + " #" + l.eventId(),
                l.status() != null ? "HTTP " + l.status() : l.error() == null ? "" : l.error(), l.durationMs(), l.state())).toList();
    }

    private static Hook hook(Webhook w, String secret) {
        return new Hook(w.id(), w.shownUrl(), w.events().stream().map(EventKind::label).toList(), w.createdAt(), w.active(), secret);
    }
}
