package dev.homing.web;

import dev.homing.outcome.Reason;
import dev.homing.queue.DeliveryState;

import java.util.Locale;

/**
 * One colour per delivery state and per kind of outcome, the same in every chart of the UI: delivered green, bounced
 * red, complained magenta, deferred amber, uncertain purple, expired brown, suppressed grey, in flight blue. Colour is
 * never the only carrier: every chart has its legend and its table with the same figures.
 */
final class Palette {
    static final String GREEN = "#1b5e20";
    static final String RED = "#a4161a";
    static final String MAGENTA = "#ad1457";
    static final String AMBER = "#f9a825";
    static final String PURPLE = "#6a1b9a";
    static final String BROWN = "#5d4037";
    static final String GREY = "#757575";
    static final String BLUE = "#0b57d0";
    static final String SLATE = "#37474f";
    static final String ORANGE = "#e65100";

    private Palette() {
    }

    static String state(DeliveryState s) {
        return switch (s) {
            case DELIVERED -> GREEN;
            case BOUNCED -> RED;
            case COMPLAINED -> MAGENTA;
            case DEFERRED -> AMBER;
            case UNCERTAIN -> PURPLE;
            case EXPIRED -> BROWN;
            case SUPPRESSED -> GREY;
            case SENDING -> BLUE;
            case QUEUED -> SLATE;
        };
    }

    /** An attempt's disposition in the timeline chart: delivered, retry, failed, uncertain. */
    static String disposition(String d) {
        return switch (d) {
            case "delivered" -> GREEN;
            case "retry" -> AMBER;
            case "failed" -> RED;
            case "uncertain" -> PURPLE;
            default -> GREY;
        };
    }

    /** A reason by its class: accepted green, hard (the address) red, soft (this message, for now) amber, unknown grey. */
    static String reason(Reason r) {
        if (r == Reason.DELIVERED) {
            return GREEN;
        }
        if (r == Reason.UNDEFINED || r == Reason.ONHOLD) {
            return GREY;
        }
        return r.hard() ? RED : AMBER;
    }

    /** An outcome label of the report's provider groups ("bounced", "late bounce", "suspected filtering", "expired"...). */
    static String outcome(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("complain")) {
            return MAGENTA;
        }
        if (l.contains("suspect")) {
            return ORANGE;
        }
        if (l.contains("bounce")) {
            return RED;
        }
        if (l.contains("expire")) {
            return BROWN;
        }
        if (l.contains("uncertain")) {
            return PURPLE;
        }
        if (l.contains("suppress")) {
            return GREY;
        }
        if (l.contains("deliver")) {
            return GREEN;
        }
        return AMBER;
    }

    /** A reply code by its class: 2xx accepted green, 4xx temporary amber, 5xx permanent red, Homing's own 1xx purple. */
    static String code(int code) {
        return switch (code / 100) {
            case 2 -> GREEN;
            case 4 -> AMBER;
            case 5 -> RED;
            default -> PURPLE;
        };
    }
}
