package dev.homing.inbound;

/**
 * An automatic reply (RFC 3834: vacation, out of office). Never a bounce: the message was delivered.
 *
 * @param from     who replied (the From address), or null
 * @param subject  the reply's subject, decoded, or null
 * @param original what identifies the message replied to, when quoted
 */
public record AutoReply(String from, String subject, Original original) implements Analysis {
}
