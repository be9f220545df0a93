package dev.homing.web;

import java.time.Instant;
import java.util.List;

/**
 * The node's webhooks as the settings page manages them. The webhook package is a face of its own (it posts out), and
 * faces stay apart: the node hands the page this, built on that package's store and outbox.
 */
public interface Hooks {
    /**
     * A webhook; {@code secret} is its signing secret only in the answer to {@link #add} (shown once), else null.
     */
    record Hook(long id, String url, List<String> events, Instant createdAt, boolean active, String secret) {
    }

    /** One post of an event, as logged: the HTTP status or the error, how long it took, where the event stands. */
    record Post(Instant at, long webhookId, String event, String answer, int durationMs, String state) {
    }

    /** The event kinds a webhook can subscribe to, by label. */
    List<String> kinds();

    /** Every webhook, removed ones included. */
    List<Hook> all();

    /**
     * Adds a webhook with a new secret; the events of the node hear of it at once.
     *
     * @throws IllegalArgumentException why the URL or the events are refused (a private target, not http(s), no event)
     */
    Hook add(String url, List<String> events);

    /** @return whether an active webhook was removed */
    boolean remove(long id);

    /** The latest posts, newest first. */
    List<Post> log(int limit);
}
