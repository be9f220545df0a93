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

    /** Follows a message beside the delivering node ({@link #beside}), then prints its outcome table as a send alone does. */
    static void besideThenSummary(dev.homing.queue.QueueView view, long messageId, Duration limit) {
        long open = beside(view, messageId, limit);
        System.out.println();
        Summary.print(System.out, view.summary(messageId), new dev.homing.outcome.Judge());
        if (open > 0) {
            System.out.println(open + " deliveries are not final yet; the delivering node goes on with them.");
        }
    }

    /** How long beside a node a queued message may see no attempt at all before this process stops following it. */
    static final Duration UNTOUCHED = Duration.ofSeconds(60);

    /**
     * Follows a message's deliveries that another process (the node delivering from this home) sends: its count of
     * unfinished ones, said when it changes, until none is left or the limit passes. When none of them has been touched
     * after {@link #UNTOUCHED}, the process holding the home may not be delivering (an inbound server alone): it says so
     * and stops following; the deliveries stay queued.
     *
     * @return how many are still not final
     */
    static long beside(dev.homing.queue.QueueView view, long messageId, Duration limit) {
        return beside(view, messageId, limit, UNTOUCHED);
    }

    /** @param untouched how long none of the deliveries may be touched before this stops following them */
    static long beside(dev.homing.queue.QueueView view, long messageId, Duration limit, Duration untouched) {
        long start = System.nanoTime();
        long deadline = limit.isZero() ? Long.MAX_VALUE : start + limit.toNanos();
        long open = view.unfinished(messageId);
        boolean touched = false;
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
            if (!touched) {
                java.util.Map<dev.homing.queue.DeliveryState, Long> by = view.countByState(messageId);
                long all = by.values().stream().mapToLong(Long::longValue).sum();
                touched = by.getOrDefault(dev.homing.queue.DeliveryState.QUEUED, 0L) < all;
                if (!touched && System.nanoTime() - start > untouched.toNanos()) {
                    System.err.println("homing: no delivery of it was attempted in " + untouched.toSeconds() + " s: the process holding this"
                            + " home may not be delivering (is it 'homing inbound' alone?); they stay queued for 'homing run' or 'serve'");
                    break;
                }
            }
        }
        return open;
    }
}
