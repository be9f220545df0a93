package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.delivery.EngineStats;
import dev.homing.queue.DeliveryState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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

    @Option(names = "--node", paramLabel = "NAME", description = "Run as this node of a cluster on PostgreSQL (default: cluster.node).")
    String node;

    @Override
    public Integer call() throws InterruptedException {
        long limit = stopAfter == null ? Long.MAX_VALUE : Config.parseDuration("--stop-after", stopAfter).toNanos();
        home.node = this.node;
        try (Node node = home.open()) {
            SendCommand.report(node);
            Map<DeliveryState, Long> counts = node.queue.view().countByState();
            long total = counts.values().stream().mapToLong(Long::longValue).sum();
            long open = node.queue.open();
            long start = System.nanoTime();
            RunWatch heap = stats ? RunWatch.start(() -> node.engine.stats().attempts()) : null;
            node.engine.start();
            if (forever) {
                Progress progress = new Progress(System.out, total, total - open);
                String said = null;
                while (System.nanoTime() - start < limit) {
                    progress.show(node.engine.stats(), false);
                    if (node.cluster != null && !node.cluster.status().equals(said)) {
                        said = node.cluster.status();
                        System.out.println();
                        System.out.println("node " + this.node + ": " + said);
                    }
                    Thread.sleep(200);
                }
                progress.show(node.engine.stats(), true);
            } else {
                Waiting.untilFinal(node, node.queue::open, total, total - open, Duration.ofNanos(limit == Long.MAX_VALUE ? 0 : limit));
            }
            if (stats) {
                printStats(node.engine.stats(), Duration.ofNanos(System.nanoTime() - start), heap);
            } else {
                node.judgeFinished(System.out);
            }
            return 0;
        }
    }

    private static void printStats(EngineStats s, Duration elapsed, RunWatch heap) {
        double secs = elapsed.toNanos() / 1e9;
        System.out.printf("stats: attempts=%d delivered=%d seconds=%.2f attempts_per_s=%.0f steady_attempts_per_s=%.0f connections=%d"
                        + " peak_heap_mb=%d peak_live_after_gc_mb=%d max_heap_mb=%d%n",
                s.attempts(), s.delivered(), secs, s.attempts() / secs, heap.steadyRate(), s.connections(), heap.peakUsed() >> 20,
                heap.peakLive() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }

    /**
     * Samples every 100 ms the heap (the peak used, garbage included, and the peak left after a collection: live
     * data) and the attempts made, for the rate after the first third of the run: the same warm-up `dkim speed`
     * leaves the JIT before it measures.
     */
    private static final class RunWatch {
        private volatile long peakUsed;
        private volatile long peakLive;
        private final java.util.function.LongSupplier attempts;
        private final long start = System.nanoTime();
        /** {nanoseconds since start, attempts} pairs. */
        private final java.util.List<long[]> samples = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        private RunWatch(java.util.function.LongSupplier attempts) {
            this.attempts = attempts;
        }

        static RunWatch start(java.util.function.LongSupplier attempts) {
            RunWatch w = new RunWatch(attempts);
            Thread.ofPlatform().daemon(true).name("homing-run-watch").start(w::run);
            return w;
        }

        /** Attempts per second from the sample nearest a third of the run to now; 0 when the run was too short to say. */
        double steadyRate() {
            long now = System.nanoTime() - start;
            long done = attempts.getAsLong();
            synchronized (samples) {
                for (long[] x : samples) {
                    if (x[0] >= now / 3) {
                        double secs = (now - x[0]) / 1e9;
                        return secs < 0.5 ? 0 : (done - x[1]) / secs;
                    }
                }
            }
            return 0;
        }

        private void run() {
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            while (true) {
                peakUsed = Math.max(peakUsed, mem.getHeapMemoryUsage().getUsed());
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                peakLive = Math.max(peakLive, live);
                samples.add(new long[] {System.nanoTime() - start, attempts.getAsLong()});
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peakUsed() {
            return peakUsed;
        }

        long peakLive() {
            return peakLive;
        }
    }
}
