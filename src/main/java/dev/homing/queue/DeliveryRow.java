package dev.homing.queue;

import dev.homing.smtp.Stage;

/** A delivery as stored: where it stands and its last verdict. */
public record DeliveryRow(long id, String recipient, DeliveryState state, int attempts, Stage stage, String reason, Integer code,
                          String enhanced, String detail) {
}
