package dev.homing.cli;

import dev.homing.delivery.EngineStats;
import dev.homing.queue.DeliveryState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code homing run}: recover the queue after any stop and deliver what is due. */
@Command(name = "run", description = "Recover the queue (after a crash too) and deliver until every delivery is final.")
final class RunCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Option(names = "--forever", description = "Keep running when the queue is empty (a delivery node).")
    boolean forever;

    @Option(names = "--stop-after", paramLabel = "DURATION", description = "Stop after this long even if work remains (benchmarks).")
    String stopAfter;

    @Option(names = "--stats", description = "Print attempts per second and peak heap at the end (benchmarks).")
    boolean stats;

    @Override
    public Integer call() throws InterruptedException {
        long limit = stopAfter == null ? Long.MAX_VALUE : Config.parseDuration("--stop-after", stopAfter).toNanos();
        try (Node node = home.open()) {
            SendCommand.report(node);
            Map<DeliveryState, Long> counts = node.queue.countByState();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long open = node.queue.open();
            long start = System.nanoTime();
            node.engine.start();
            if (forever) {
                Progress progress = new Progress(System.out, total, total - open);
                while (System.nanoTime() - start < limit) {
                    progress.show(node.engine.stats(), false);
                    Thread.sleep(200);
                }
            } else {
                Waiting.untilFinal(node, node.queue::open, total, total - open, Duration.ofNanos(limit == Long.MAX_VALUE ? 0 : limit));
            }
            if (stats) {
                printStats(node.engine.stats(), Duration.ofNanos(System.nanoTime() - start));
            }
            return 0;
        }
    }

    private static void printStats(EngineStats s, Duration elapsed) {
        double secs = elapsed.toNanos() / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("stats: attempts=%d delivered=%d seconds=%.2f attempts_per_s=%.0f connections=%d peak_heap_mb=%d max_heap_mb=%d%n",
                s.attempts(), s.delivered(), secs, s.attempts() / secs, s.connections(), peak >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
