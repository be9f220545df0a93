package dev.homing.inbound;

/**
 * A message that could not be read as a report (malformed MIME, a truncated report, an unknown
 * charset, too large). The caller keeps it and shows it to the operator with this reason.
 *
 * @param reason one plain sentence
 */
public record Unparsed(String reason) implements Analysis {
}
