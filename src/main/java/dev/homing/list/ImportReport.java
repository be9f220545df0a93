package dev.homing.list;

import java.time.Duration;

/**
 * What an import did.
 *
 * @param lines          physical lines read: the header's, the blank ones and the rows' (a quoted field may span lines)
 * @param blank          blank lines skipped
 * @param rowLines       lines that made up the rows (the rest: the header and the blank ones)
 * @param rows           data rows read (header excluded): added + updated + unchanged + duplicates + rejected
 * @param added          addresses that joined the list
 * @param updated        members already on the list whose attributes or consent changed
 * @param unchanged      members already on the list with nothing new (a re-import)
 * @param duplicates     rows repeating an address seen earlier in the same file (merged)
 * @param rejected       rows written to the reject file with their line and reason
 * @param windows1252    lines that were not UTF-8 and were read as Windows-1252 (0: the file is UTF-8)
 * @param firstWindows1252Line the first of them
 */
public record ImportReport(long lines, long blank, long rowLines, long rows, long added, long updated, long unchanged, long duplicates, long rejected,
                           long windows1252, long firstWindows1252Line, Duration elapsed) {
    public double rowsPerSecond() {
        return rows / Math.max(0.001, elapsed.toNanos() / 1e9);
    }
}
