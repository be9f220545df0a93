package dev.homing.outcome;

/** Who or what a failure is attributed to, so the sender knows whom to blame and what to fix. */
public enum Responsibility {
    /** Nothing failed. */
    NONE,
    /** The recipient address itself (does not exist, mailbox full, moved). */
    RECIPIENT,
    /** The receiving side's policy or filter (greylisting, spam filter, local rules). */
    REMOTE_POLICY,
    /** Our sending reputation or authentication (block lists, SPF/DKIM/DMARC, rDNS). */
    SENDER,
    /** The content of the message. */
    CONTENT,
    /** The network, DNS or a server that misbehaves, on either side. */
    NETWORK,
    /** Homing itself (local error, expiry). */
    OURS
}
