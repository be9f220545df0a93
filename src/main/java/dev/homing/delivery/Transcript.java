package dev.homing.delivery;

import dev.homing.smtp.MessageHead;

import java.util.List;

/**
 * An attempt's transcript, as a mail engineer reads one (swaks' marks): {@code ===} Homing's notes (the connection, TLS
 * version and cipher, the message, a failure that had no reply), {@code  ->} what Homing sent, {@code <- } what the server
 * answered, each reply ending with the milliseconds it took. A message on a connection opened for an earlier one says so
 * and repeats the server's EHLO, so every attempt carries the capabilities it was sent under.
 */
final class Transcript {
    static final String NOTE = "=== ";
    static final String SENT = " -> ";
    static final String RECEIVED = "<-  ";

    private Transcript() {
    }

    static void line(StringBuilder sb, String mark, String text) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(mark).append(text.replace('\r', ' ').replace('\n', ' '));
    }

    /** The steps alone: a session that failed before any message (connect, greeting, EHLO, STARTTLS). */
    static String of(String connecting, List<Step> steps) {
        StringBuilder sb = new StringBuilder(256);
        line(sb, NOTE, connecting);
        steps.forEach(s -> s.appendTo(sb));
        return sb.toString();
    }

    /**
     * One message's attempt on a session: how the connection was opened (or that it was reused, with the server's EHLO
     * again), the message sent, and its dialogue.
     *
     * @param head the message's Message-ID, Subject and size, or null when no copy was made
     */
    static String of(SmtpSession.Opening opening, int messageNo, MessageHead head, Transaction tx) {
        StringBuilder sb = new StringBuilder(512);
        if (messageNo <= 1) {
            line(sb, NOTE, opening.connected());
            for (Step s : opening.steps()) {
                s.appendTo(sb);
                if (s.stage() == dev.homing.smtp.Stage.STARTTLS && s.reply().code() == 220 && opening.tls() != null) {
                    line(sb, NOTE, opening.tls());
                }
            }
        } else {
            line(sb, NOTE, opening.connected() + "; reused: message " + messageNo + " on this connection");
            if (opening.tls() != null) {
                line(sb, NOTE, opening.tls());
            }
            if (opening.hello() != null) {
                line(sb, NOTE, "the server's EHLO when the connection opened:");
                opening.hello().appendTo(sb);
            }
        }
        if (head != null) {
            line(sb, NOTE, "message " + (head.messageId() == null ? "without a Message-ID" : head.messageId()) + ", " + head.size()
                    + " bytes" + (head.subject() == null ? "" : ", Subject: " + head.subject()));
        }
        tx.steps().forEach(s -> s.appendTo(sb));
        if (tx.steps().isEmpty()) {
            // refused before a command was sent (SMTPUTF8 or SIZE the server lacks), or no copy could be made: Homing's words
            line(sb, NOTE, "not sent: " + tx.reply().code() + " " + tx.reply().text());
        }
        return sb.toString();
    }
}
