package dev.homing.cli;

import dev.homing.node.Node;
import java.time.Duration;
import java.util.function.LongSupplier;

/** Waits until a count of unfinished deliveries reaches zero, showing the engine's progress. */
final class Waiting {
    private Waiting() {
    }

    /**
     * @param unfinished counts unfinished deliveries in the database (asked once a second: it is a query)
     * @param limit      zero for no limit
     */
    static void untilFinal(Node node, LongSupplier unfinished, long total, long doneBefore, Duration limit) {
        Progress progress = new Progress(System.out, total, doneBefore);
        long deadline = limit.isZero() ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        long nextCheck = 0;
        while (true) {
            long now = System.nanoTime();
            boolean done = now > deadline;
            dev.homing.delivery.EngineStats stats = node.engine.stats();
            // the engine's own count says when the end is near: then ask the database every 100 ms, not every second
            boolean near = doneBefore + stats.finished() >= total;
            if (!done && (now >= nextCheck || near)) {
                done = unfinished.getAsLong() == 0;
                nextCheck = now + 1_000_000_000L;
            }
            progress.show(stats, done);
            if (done) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Follows a message's deliveries that another process (the node delivering from this home) sends: its count of
     * unfinished ones, said when it changes, until none is left or the limit passes.
     *
     * @return how many are still not final
     */
    static long beside(dev.homing.queue.QueueView view, long messageId, Duration limit) {
        long deadline = limit.isZero() ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        long open = view.unfinished(messageId);
        while (open > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long now = view.unfinished(messageId);
            if (now != open) {
                System.err.println(now + " deliveries not final yet");
                open = now;
            }
        }
        return open;
    }
}
