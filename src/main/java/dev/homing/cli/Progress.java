package dev.homing.cli;

import dev.homing.queue.DeliveryState;

import java.io.PrintStream;
import java.util.Map;

/**
 * A one-line progress bar with counts per state and the rate. On a terminal it redraws in place;
 * otherwise (CI, a pipe) it prints a new line every few seconds.
 */
final class Progress {
    private final PrintStream out;
    private final long total;
    private final boolean tty = System.console() != null;
    private final long start = System.nanoTime();
    private long lastPrint;

    Progress(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    void show(Map<DeliveryState, Long> counts, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < (tty ? 200_000_000L : 3_000_000_000L)) {
            return;
        }
        lastPrint = now;
        long done = counts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToLong(Map.Entry::getValue).sum();
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        double secs = Math.max(0.001, (now - start) / 1e9);
        String line = String.format("[%s%s] %d/%d final  delivered %d  bounced %d  deferred %d  expired %d  uncertain %d  %.0f/s",
                "#".repeat(filled), ".".repeat(width - filled), done, total,
                counts.getOrDefault(DeliveryState.DELIVERED, 0L), counts.getOrDefault(DeliveryState.BOUNCED, 0L),
                counts.getOrDefault(DeliveryState.DEFERRED, 0L), counts.getOrDefault(DeliveryState.EXPIRED, 0L),
                counts.getOrDefault(DeliveryState.UNCERTAIN, 0L), done / secs);
        if (tty) {
            out.print("\r" + line);
            if (force) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }
}
