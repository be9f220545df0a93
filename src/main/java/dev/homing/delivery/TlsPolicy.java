package dev.homing.delivery;

/** How a destination treats STARTTLS. */
public enum TlsPolicy {
    /** Never start TLS (a destination known to break TLS). */
    NONE,
    /** Use STARTTLS when offered; go on in plain text when it is not (RFC 3207 opportunistic). */
    OPPORTUNISTIC,
    /** Refuse to send unless STARTTLS succeeds (internal code 165 when not offered, 164 when the handshake fails). */
    REQUIRED
}
