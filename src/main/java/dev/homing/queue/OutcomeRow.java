package dev.homing.queue;

/** One line of a message's summary: how many deliveries ended in this state with this reason and code. */
public record OutcomeRow(DeliveryState state, dev.homing.smtp.Stage stage, String reason, Integer code, String enhanced, String example, long count) {
}
