package dev.homing.delivery;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

/** One reply of a dialog, with the stage it answered and the milliseconds from command to reply. */
record Step(Stage stage, Reply reply, long elapsedMs) {
    /** "rcpt 550 12ms 5.1.1 user unknown": one transcript line, multi-line replies joined. */
    String line() {
        return stage.label() + " " + reply.code() + " " + elapsedMs + "ms " + reply.text();
    }
}
