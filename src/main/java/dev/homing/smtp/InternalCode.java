package dev.homing.smtp;

import java.util.Optional;

/**
 * Codes for failures that have no SMTP reply. They sit in the 1xx range, which SMTP never
 * uses for replies, so they can share the reply-code column of an attempt without ambiguity.
 * 160, 146 and 147 are fixed by the product (senders already know them); the others are ours
 * and documented in the README. The class digit of {@link #enhanced()} says whether a retry
 * makes sense (4) or not (5).
 */
public enum InternalCode {
    /** No TCP connection, or no 220 banner, within the connect/banner timeout. */
    CONNECT_TIMEOUT(160, "4.4.1", "connection timed out: no TCP connection or no banner from the MX", false),
    /** Timeout during the dialog before the message was handed over (any command up to and including DATA). Safe to retry. */
    DIALOG_TIMEOUT(146, "4.4.2", "timeout during the SMTP dialog before the message was handed over", false),
    /** Timeout after the end-of-data dot, waiting for the final reply. The remote side may have the message. */
    DOT_TIMEOUT(147, "4.4.2", "timeout after the end-of-data dot: the remote server may have the message", true),
    /** The connection closed or reset after the dot, before the final reply: same uncertainty as 147. */
    DOT_CONNECTION_LOST(148, "4.4.2", "connection lost after the end-of-data dot: the remote server may have the message", true),
    /** Homing itself stopped (crash, kill, power cut) between the dot and the final reply; found at the next start. */
    STOPPED_AFTER_DOT(149, "4.4.2", "Homing stopped after the end-of-data dot, before the final reply: the remote server may have the message", true),
    /** TCP connection refused (nothing listens on port 25 of that host). */
    CONNECTION_REFUSED(161, "4.4.1", "connection refused by the MX host", false),
    /** No route to the host or network unreachable. */
    NO_ROUTE(162, "4.4.1", "no route to the MX host", false),
    /** The server closed or reset the connection before the message was handed over. */
    CONNECTION_LOST(163, "4.4.2", "connection lost during the SMTP dialog before the message was handed over", false),
    /** The TLS handshake after STARTTLS failed (certificate, protocol or cipher). */
    TLS_FAILED(164, "4.7.5", "TLS handshake with the MX failed", false),
    /** The destination's policy requires TLS and the server did not offer STARTTLS. */
    TLS_REQUIRED(165, "4.7.4", "TLS is required for this destination but the MX did not offer STARTTLS", false),
    /** The domain does not exist (DNS NXDOMAIN). Permanent. */
    DNS_NXDOMAIN(170, "5.1.2", "the recipient domain does not exist (DNS NXDOMAIN)", false),
    /** The domain publishes a null MX (RFC 7505): it accepts no mail. Permanent. */
    DNS_NULL_MX(171, "5.1.10", "the recipient domain accepts no mail (null MX, RFC 7505)", false),
    /** DNS answered SERVFAIL or did not answer in time. Temporary. */
    DNS_TEMPORARY(172, "4.4.3", "DNS lookup of the recipient domain failed temporarily (SERVFAIL or timeout)", false),
    /** The domain exists but has neither MX nor A/AAAA records. Permanent. */
    DNS_NO_HOST(173, "5.1.2", "the recipient domain has no mail server (no MX, no A/AAAA)", false),
    /** The server answered something that is not an SMTP reply. */
    PROTOCOL_ERROR(180, "4.5.0", "the MX answered something that is not a valid SMTP reply", false),
    /** A reply line or a multi-line reply exceeded Homing's limits (it may never end). */
    REPLY_TOO_LONG(181, "4.5.0", "the MX sent a reply longer than any valid SMTP reply", false),
    /** The recipient address is not a valid address; nothing was sent. Permanent. */
    INVALID_ADDRESS(191, "5.1.3", "the recipient address is not a valid email address", false),
    /** The message is larger than the SIZE the server announced; nothing was sent. Permanent. */
    MESSAGE_TOO_BIG(192, "5.3.4", "the message is larger than the MX accepts (SIZE)", false),
    /** The address or message needs SMTPUTF8/8BITMIME and the server does not offer it. Permanent. */
    EXTENSION_MISSING(193, "5.6.7", "the message needs SMTPUTF8 or 8BITMIME and the MX does not offer it", false),
    /** The delivery stayed temporary-failed longer than the maximum queue age. */
    EXPIRED(194, "5.4.7", "the message stayed in the queue longer than the maximum age", false),
    /** The delivery was stopped by Homing itself (engine shut down mid-dialog, local I/O error). */
    LOCAL_ERROR(195, "4.3.0", "Homing could not complete the attempt (local error)", false);

    private final int code;
    private final EnhancedStatus enhanced;
    private final String description;
    private final boolean uncertain;

    InternalCode(int code, String enhanced, String description, boolean uncertain) {
        this.code = code;
        this.enhanced = EnhancedStatus.parse(enhanced).orElseThrow();
        this.description = description;
        this.uncertain = uncertain;
    }

    public int code() {
        return code;
    }

    public EnhancedStatus enhanced() {
        return enhanced;
    }

    public String description() {
        return description;
    }

    /** True when the message may have been handed over despite the failure (do not resend blindly). */
    public boolean uncertain() {
        return uncertain;
    }

    /** A reply-shaped value, so a failure without a reply can be recorded and judged like one. */
    public Reply asReply(String detail) {
        String text = enhanced + " " + description + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        return new Reply(code, enhanced, java.util.List.of(text));
    }

    public static Optional<InternalCode> of(int code) {
        for (InternalCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public static boolean isInternal(int code) {
        return code >= 100 && code < 200;
    }
}
