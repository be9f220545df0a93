package dev.homing.delivery;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.util.List;

/**
 * The result of one message on a connection.
 *
 * @param stage    the stage of the deciding reply (DOT when the message got a final reply)
 * @param reply    the deciding reply, or an internal-code reply when there was none
 * @param steps    every reply of this transaction
 * @param reusable true when the connection can carry another message
 */
record Transaction(Stage stage, Reply reply, List<Step> steps, long durationMs, boolean reusable) {
    /** The transaction's own steps as transcript lines (a session's {@link Transcript} adds how the connection opened). */
    String transcript() {
        StringBuilder sb = new StringBuilder();
        steps.forEach(s -> s.appendTo(sb));
        return sb.toString();
    }
}
