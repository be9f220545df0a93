package dev.homing.inbound;

import java.time.Instant;

/** A stored received message, without its bytes, for the operator's listing. */
public record InboxEntry(long id, Instant at, String mailFrom, String rcptTo, long size, String status, String kind, Long deliveryId,
                         String detail) {
}
