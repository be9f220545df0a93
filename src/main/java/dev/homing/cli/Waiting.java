package dev.homing.cli;

import dev.homing.queue.DeliveryState;

import java.time.Duration;
import java.util.Map;

/** Waits for a message's deliveries to become final, showing progress. */
final class Waiting {
    private Waiting() {
    }

    /** @param limit zero for no limit */
    static void untilFinal(Node node, long messageId, long total, Duration limit) {
        Progress progress = new Progress(System.out, total);
        long deadline = limit.isZero() ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        while (true) {
            Map<DeliveryState, Long> counts = node.queue.countByState(messageId);
            long open = counts.getOrDefault(DeliveryState.QUEUED, 0L) + counts.getOrDefault(DeliveryState.SENDING, 0L)
                    + counts.getOrDefault(DeliveryState.DEFERRED, 0L);
            boolean done = open == 0 || System.nanoTime() > deadline;
            progress.show(counts, done);
            if (done) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
