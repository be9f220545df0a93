package dev.homing.outcome;

import java.util.Locale;

/**
 * Why a delivery ended or was retried. Names follow Sisimai's vocabulary (lower-case in storage
 * and reports); the few extensions Homing needs are marked.
 */
public enum Reason {
    /** Accepted by the receiving server. */
    DELIVERED,
    /** The mailbox does not exist at the destination. */
    USERUNKNOWN,
    /** The domain does not exist or has no mail server. */
    HOSTUNKNOWN,
    /** The mailbox is full or over quota. */
    MAILBOXFULL,
    /** The message is larger than the mailbox or server accepts. */
    MESGTOOBIG,
    /** The recipient moved and left no forwarding. */
    HASMOVED,
    /** The mailbox exists but is disabled or suspended. */
    SUSPEND,
    /** A filter at the destination rejected the message for this recipient (not the address). */
    FILTERED,
    /** The sending IP or domain is blocked (block list, policy block). */
    BLOCKED,
    /** The destination refused our envelope sender address or its domain (MAIL FROM). */
    REJECTED,
    /** The destination rejected because of content judged as spam. */
    SPAMDETECTED,
    /** The destination found a virus. */
    VIRUSDETECTED,
    /** A local policy of the destination rejected the message. */
    POLICYVIOLATION,
    /** Too many simultaneous connections, or recipients in one session, for the destination. */
    TOOMANYCONN,
    /** Too many messages in a short time: the destination rate-limits us. */
    SPEEDING,
    /** The destination asks for authentication we did not pass (SPF, DKIM, DMARC). */
    AUTHFAILURE,
    /** The destination judges our sending reputation too low. */
    BADREPUTATION,
    /** The destination requires a PTR record / valid reverse DNS of our IP. */
    REQUIREPTR,
    /** The message does not comply with the RFCs (headers, syntax). */
    NOTCOMPLIANTRFC,
    /** The destination refused relaying for this recipient. */
    NORELAYING,
    /** The destination does not accept mail at all (null MX, "does not accept mail"). */
    NOTACCEPT,
    /** The message or its headers are malformed in a way the server named. */
    CONTENTERROR,
    /** The message exceeds a limit the recipient's mailbox sets (RFC 3463 X.2.3, its size). */
    EXCEEDLIMIT,
    /** The destination's disk or system is full. */
    SYSTEMFULL,
    /** The destination's mail system failed. */
    SYSTEMERROR,
    /** Syntax error in an SMTP command (our side or the server's parsing). */
    SYNTAXERROR,
    /** TLS was required or failed. */
    FAILEDSTARTTLS,
    /** Security-related rejection (TLS, authentication of the session). */
    SECURITYERROR,
    /** Network, DNS or connection failure. */
    NETWORKERROR,
    /** The server misbehaved (garbage, endless reply). Homing extension. */
    PROTOCOLERROR,
    /** Greylisting: a first-time temporary refusal that clears on retry. Homing extension. */
    GREYLISTING,
    /** The message stayed in the queue past the maximum age. */
    EXPIRED,
    /** The address is syntactically invalid; nothing was sent. Homing extension. */
    INVALIDADDRESS,
    /** The message may have been handed over, but no final reply came (147). Homing extension. */
    UNCERTAIN,
    /** Auto-reply (vacation, out of office); not a bounce. */
    VACATION,
    /** A complaint (ARF feedback report): the recipient marked the message as spam or asked to stop. */
    FEEDBACK,
    /** A program at the destination that delivers mail locally (procmail, a pipe) failed. */
    MAILERERROR,
    /** Suppressed before sending. */
    SUPPRESSED,
    /** Nothing more specific could be said. */
    UNDEFINED;

    /** The lower-case name used in storage, JSON and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One plain sentence for a marketer that explains this reason when nothing more specific is known. */
    public String sentence() {
        return Sentences.of(this);
    }

    public static Reason fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
