package dev.homing.cli;

import dev.homing.delivery.EngineStats;

import java.io.PrintStream;

/**
 * A one-line progress bar from the engine's live counters (no database query). On a terminal it
 * redraws in place; otherwise (CI, a pipe) it prints a new line every few seconds.
 */
final class Progress {
    private final PrintStream out;
    private final long total;
    private final long doneBefore;
    private final boolean tty = System.console() != null;
    private final long start = System.nanoTime();
    private long lastPrint;

    /** @param doneBefore deliveries of the total that were already final when the engine started */
    Progress(PrintStream out, long total, long doneBefore) {
        this.out = out;
        this.total = total;
        this.doneBefore = doneBefore;
    }

    void show(EngineStats s, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < (tty ? 200_000_000L : 3_000_000_000L)) {
            return;
        }
        lastPrint = now;
        long done = Math.min(total, doneBefore + s.finished());
        int width = 30;
        int filled = total == 0 ? width : (int) (width * done / total);
        double secs = Math.max(0.001, (now - start) / 1e9);
        // deliveries not final yet, and the temporary answers met so far (one delivery may meet several: they are not deliveries)
        String line = String.format("[%s%s] %d/%d final  delivered %d  bounced %d  expired %d  uncertain %d  not final %d"
                        + "  (%d temporary answers so far)  %.0f attempts/s",
                "#".repeat(filled), ".".repeat(width - filled), done, total, s.delivered(), s.bounced(), s.expired(), s.uncertain(),
                total - done, s.deferred(), s.attempts() / secs);
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
