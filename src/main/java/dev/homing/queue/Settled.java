package dev.homing.queue;

/**
 * One settled attempt, as the engine tells its listeners (webhooks): here, beside the states it names, so a listener
 * needs the queue's vocabulary and not the engine. {@code enhanced} and {@code detail} come from the deciding reply.
 */
public record Settled(long deliveryId, String recipient, long messageId, DeliveryState state, String reason, int code,
                      String enhanced, String detail) {
}
