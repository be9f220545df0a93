package dev.homing.smtp;

/** The point of an SMTP transaction that a reply (or a failure) belongs to. */
public enum Stage {
    /** DNS resolution of the destination, before any connection. */
    RESOLVE,
    /** TCP connection to the MX host. */
    CONNECT,
    /** The 220 greeting. */
    BANNER,
    EHLO,
    HELO,
    STARTTLS,
    MAIL,
    RCPT,
    /** The DATA command (the 354 go-ahead), not the message itself. */
    DATA,
    /** The final reply after the end-of-data dot: the only stage after which the message may have been handed over. */
    DOT,
    RSET,
    QUIT,
    /** Decided by Homing before or instead of talking to anyone (bad address, expiry). */
    LOCAL,
    /** Reported after the transaction ended: a bounce or complaint that arrived later by mail. */
    AFTER;

    /** True when a failure at this stage cannot have delivered the message, so a retry is safe. */
    public boolean beforeHandover() {
        return this != DOT && this != AFTER;
    }

    /** Lower-case wire-ish name, as shown in reports ("rcpt", "dot"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Stage fromLabel(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
