package dev.homing.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on pages, in UTC and said so: a report read in two time zones must agree. */
final class Dates {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Dates() {
    }

    static String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    static String minute(Instant t) {
        return t == null ? "" : MINUTE.format(t);
    }

    /** As the reports write it ({@link dev.homing.report.Times}): one format in verdicts, tables and timelines. */
    static String second(Instant t) {
        return t == null ? "" : dev.homing.report.Times.show(t);
    }
}
