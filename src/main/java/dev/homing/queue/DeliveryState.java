package dev.homing.queue;

import dev.homing.outcome.Disposition;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a delivery is, and the one place its moves are written: after an attempt's disposition
 * ({@link #after(Disposition, boolean)}), after a report that came later ({@link #afterLate(LateEvent.Kind)}),
 * and the open states the SQL selects ({@link #OPEN_SQL}). Final states change only by a later report
 * (a late bounce, a complaint) or an operator's explicit requeue.
 */
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

    /** The states a delivery can still be attempted in. */
    public static final Set<DeliveryState> OPEN = Set.copyOf(EnumSet.of(QUEUED, SENDING, DEFERRED));
    /** {@link #OPEN} as an SQL list, "('queued', 'sending', 'deferred')", for the queue's statements. */
    static final String OPEN_SQL = EnumSet.copyOf(OPEN).stream().map(s -> "'" + s.label() + "'").collect(Collectors.joining(", ", "(", ")"));

    DeliveryState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isFinal() {
        return terminal;
    }

    /**
     * After an attempt: accepted, refused for good, caught after the dot, or a temporary answer (deferred,
     * or expired when the next attempt would pass the queue's maximum age).
     */
    public static DeliveryState after(Disposition d, boolean expiresBeforeNextAttempt) {
        return switch (d) {
            case DELIVERED -> DELIVERED;
            case FAILED -> BOUNCED;
            case UNCERTAIN -> UNCERTAIN;
            case RETRY -> expiresBeforeNextAttempt ? EXPIRED : DEFERRED;
        };
    }

    /**
     * After a report that came later: a failure report turns an accepted (or uncertain) delivery bounced; a
     * complaint turns an accepted, uncertain or bounced one complained; delay and success notices change nothing.
     * A delivery still open, or already complained, suppressed or expired, stays where it is.
     */
    public DeliveryState afterLate(LateEvent.Kind kind) {
        return switch (kind) {
            case BOUNCE -> this == DELIVERED || this == UNCERTAIN ? BOUNCED : this;
            case COMPLAINT -> this == DELIVERED || this == UNCERTAIN || this == BOUNCED ? COMPLAINED : this;
            case DELAY, SUCCESS -> this;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
