package dev.homing.list;

import java.time.Instant;

/** A list of subscribers, by name. */
public record MailingList(long id, String name, String description, Instant createdAt) {
}
