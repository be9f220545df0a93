package dev.homing.outcome;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

/**
 * Turns (stage, reply) into a {@link Verdict}. Failures without a reply arrive as replies whose
 * code is an {@link dev.homing.smtp.InternalCode} (1xx). Never decides from the first digit alone.
 */
public final class Judge {
    public Verdict judge(Stage stage, Reply reply) {
        throw new UnsupportedOperationException("TODO: rules");
    }
}
