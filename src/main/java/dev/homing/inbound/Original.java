package dev.homing.inbound;

/**
 * What identifies the message a report is about, as quoted in the report: how correlation finds the
 * delivery when the report did not come to a VERP address. Any field may be null.
 *
 * @param messageId      the original's Message-ID, without angle brackets
 * @param delivery       the original's {@code X-Homing-Delivery} header (our delivery id)
 * @param envelopeSender the original's envelope sender: its Return-Path, or the sender the report names
 *                       (for our mail a VERP address {@code b-<id>-<mac>@bounce.domain}); without angle brackets
 */
public record Original(String messageId, String delivery, String envelopeSender) {
    static final Original NONE = new Original(null, null, null);
}
