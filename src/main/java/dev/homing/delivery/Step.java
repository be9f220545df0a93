package dev.homing.delivery;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

/**
 * One reply of a dialog, with the stage it answered, what Homing sent that it answers (null for the greeting, and for a
 * failure with no command), and the milliseconds from command to reply.
 */
record Step(Stage stage, String sent, Reply reply, long elapsedMs) {
    /** The step as transcript lines: the command sent, then the reply as the server wrote it (or Homing's note for a failure). */
    void appendTo(StringBuilder sb) {
        if (sent != null) {
            for (String line : sent.split("\r\n")) {
                Transcript.line(sb, Transcript.SENT, line);
            }
        }
        if (reply.code() < 200) {
            // an internal code (1xx, never an SMTP reply): nothing came from the server, Homing says what happened
            Transcript.line(sb, Transcript.NOTE, reply.code() + " " + reply.text() + " (" + elapsedMs + " ms)");
            return;
        }
        for (int i = 0; i < reply.lines().size(); i++) {
            boolean last = i == reply.lines().size() - 1;
            Transcript.line(sb, Transcript.RECEIVED, reply.code() + (last ? " " : "-") + reply.lines().get(i) + (last ? " (" + elapsedMs + " ms)" : ""));
        }
    }
}
