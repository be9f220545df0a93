package dev.homing.inbound;

import java.util.Locale;

/** RFC 3464 section 2.3.3: what the reporting server did for one recipient. */
public enum Action {
    /** Not delivered and no further attempts: the delivery ends. */
    FAILED,
    /** Not delivered yet; the reporting server keeps trying: the delivery goes on. */
    DELAYED,
    /** Delivered (a success notification). */
    DELIVERED,
    /** Passed on to a system that sends no notifications. */
    RELAYED,
    /** Delivered to a list or alias that expanded to other addresses. */
    EXPANDED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Action field's value; unknown words ("deliverable", typos) read by their first letters, else failed. */
    static Action of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("delay")) {
            return DELAYED;
        }
        if (v.startsWith("deliver")) {
            return DELIVERED;
        }
        if (v.startsWith("relay")) {
            return RELAYED;
        }
        if (v.startsWith("expand")) {
            return EXPANDED;
        }
        return FAILED;
    }
}
