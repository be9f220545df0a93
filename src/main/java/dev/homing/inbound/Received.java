package dev.homing.inbound;

import java.time.Instant;
import java.util.List;

/** A message as it reached our inbound server: envelope and bytes, as stored before the 250. */
public record Received(long id, Instant at, String mailFrom, List<String> rcptTo, byte[] raw) {
}
