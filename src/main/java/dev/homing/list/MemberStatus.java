package dev.homing.list;

import java.util.Locale;

/** Where a subscriber stands on one list. Only confirmed members receive campaigns. */
public enum MemberStatus {
    UNCONFIRMED,
    CONFIRMED,
    UNSUBSCRIBED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MemberStatus fromLabel(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
