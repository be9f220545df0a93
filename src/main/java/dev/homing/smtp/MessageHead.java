package dev.homing.smtp;

import java.nio.charset.StandardCharsets;

/**
 * What a delivery log shows of a message without keeping it: its Message-ID, its Subject (RFC 2047 words decoded) and its
 * size on the wire. Read from the header section only (up to the first empty line), once per attempt.
 *
 * @param messageId the Message-ID field's value, or null when the message has none
 * @param subject   the decoded Subject, or null
 */
public record MessageHead(String messageId, String subject, int size) {
    /** Header sections longer than this are not read further (a log line, not a parser). */
    private static final int MAX_HEAD = 64 * 1024;

    public static MessageHead of(byte[] message) {
        int end = Math.min(message.length, MAX_HEAD);
        for (int i = 0; i + 3 < message.length && i < MAX_HEAD; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                end = i + 2;
                break;
            }
        }
        // RFC 5322 2.2.3: a line that starts with white space continues the field before it
        String head = new String(message, 0, end, StandardCharsets.UTF_8).replaceAll("\r\n(?=[ \t])", "");
        String id = null;
        String subject = null;
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            if (id == null && name.equalsIgnoreCase("Message-ID")) {
                id = line.substring(colon + 1).strip();
            } else if (subject == null && name.equalsIgnoreCase("Subject")) {
                subject = decoded(line.substring(colon + 1).strip());
            }
        }
        return new MessageHead(id, subject, message.length);
    }

    private static String decoded(String value) {
        try {
            return jakarta.mail.internet.MimeUtility.decodeText(value);
        } catch (java.io.UnsupportedEncodingException | RuntimeException e) {
            return value; // an encoded-word in a charset this JVM lacks: shown as written
        }
    }
}
