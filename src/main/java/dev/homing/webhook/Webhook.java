package dev.homing.webhook;

import java.time.Instant;
import java.util.Set;

/** A URL that receives the events it subscribes to, signed with its secret. */
public record Webhook(long id, String url, String secret, Set<EventKind> events, Instant createdAt, boolean active) {
    /** The URL as logs and listings show it: a user name and password in it replaced by ***. */
    public String shownUrl() {
        return Egress.shown(url);
    }

    @Override
    public String toString() {
        return "Webhook[" + id + " " + shownUrl() + "]";
    }
}
