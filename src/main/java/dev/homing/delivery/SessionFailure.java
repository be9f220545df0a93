package dev.homing.delivery;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.util.List;

/** A connection could not be opened to a usable state (connect, banner, EHLO, STARTTLS). */
final class SessionFailure extends Exception {
    private final Stage stage;
    private final Reply reply;
    private final transient List<Step> steps;

    SessionFailure(Stage stage, Reply reply, List<Step> steps) {
        super(stage.label() + ": " + reply);
        this.stage = stage;
        this.reply = reply;
        this.steps = List.copyOf(steps);
    }

    Stage stage() {
        return stage;
    }

    Reply reply() {
        return reply;
    }

    List<Step> steps() {
        return steps;
    }
}
