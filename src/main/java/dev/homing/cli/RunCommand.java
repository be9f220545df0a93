package dev.homing.cli;

import dev.homing.queue.DeliveryState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code homing run}: recover the queue after any stop and deliver what is due. */
@Command(name = "run", description = "Recover the queue (after a crash too) and deliver until every delivery is final.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Option(names = "--forever", description = "Keep running when the queue is empty (a delivery node).")
    boolean forever;

    @Override
    public Integer call() throws InterruptedException {
        try (Node node = home.open()) {
            SendCommand.report(node);
            node.engine.start();
            Map<DeliveryState, Long> counts = node.queue.countByState();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            Progress progress = new Progress(System.out, total);
            while (true) {
                counts = node.queue.countByState();
                long open = counts.getOrDefault(DeliveryState.QUEUED, 0L) + counts.getOrDefault(DeliveryState.SENDING, 0L)
                        + counts.getOrDefault(DeliveryState.DEFERRED, 0L);
                if (open == 0 && !forever) {
                    progress.show(counts, true);
                    return 0;
                }
                progress.show(counts, false);
                Thread.sleep(200);
            }
        }
    }
}
