package dev.homing.queue;

import java.util.Locale;

/** Where a delivery is. Final states never change again, except by an operator's explicit requeue. */
public enum DeliveryState {
    QUEUED(false),
    SENDING(false),
    /** Waiting for its next attempt after a temporary failure. */
    DEFERRED(false),
    DELIVERED(true),
    BOUNCED(true),
    COMPLAINED(true),
    SUPPRESSED(true),
    EXPIRED(true),
    /** Caught after the dot (147/148/149): the remote side may have the message; not resent unless asked. */
    UNCERTAIN(true);

    private final boolean terminal;

    DeliveryState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isFinal() {
        return terminal;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
