package dev.homing.webhook;

import java.time.Instant;
import java.util.Set;

/** A URL that receives the events it subscribes to, signed with its secret. */
public record Webhook(long id, String url, String secret, Set<EventKind> events, Instant createdAt, boolean active) {
}
