package dev.homing.sandbox;

import java.util.Locale;
import java.util.Optional;

/**
 * What a simulated receiving server does with a recipient. Chosen by the recipient address:
 * the label just before {@code sandbox.test} names it ({@code user-unknown.sandbox.test},
 * {@code d17.accept.sandbox.test}: deeper subdomains inherit it), and a local part that starts
 * with a label overrides the domain ({@code mailbox-full@accept.sandbox.test},
 * {@code user-unknown+42@accept.sandbox.test}). Anything else is {@link #ACCEPT}.
 * <p>
 * Behaviours that act before any SMTP dialog ({@link #domainOnly()}: connect-timeout, refused,
 * garbage, hangup, huge-reply, endless) live on their own ports and are chosen by domain only,
 * because the connection is made before any recipient is named.
 */
public enum Behaviour {
    /** 250 after the dot; the message is counted and discarded. */
    ACCEPT("accept", false),
    /** 421 4.7.0 at RCPT when more sessions than the configured limit are open for the domain, else accept. */
    DEFER("defer", false),
    /** 450 4.2.0 at RCPT for a (client IP, sender, recipient) triplet until the greylist delay has passed, then accept. */
    GREYLIST("greylist", false),
    /** 452 4.2.2 at RCPT (mailbox full, transient). */
    MAILBOXFULL("mailbox-full", false),
    /** 552 5.2.2 at RCPT (quota exceeded, permanent). */
    OVERQUOTA("over-quota", false),
    /** 550 5.1.1 at RCPT (no such mailbox). */
    USERUNKNOWN("user-unknown", false),
    /** 550 5.7.1 at RCPT (the client is blocked by policy). */
    BLOCKED("blocked", false),
    /** 250 after the dot, then an RFC 3464 DSN to the envelope sender after the late-bounce delay. */
    LATEBOUNCE("late-bounce", false),
    /** 250 after the dot, then nothing: the message is silently dropped (filtered). */
    BLACKHOLE("blackhole", false),
    /** 250 after the dot, but only after the configured slow-reply delay: sessions spend their time waiting after the dot. */
    SLOW("slow", false),
    /** A port that accepts TCP connections and never sends a banner. */
    CONNECT_TIMEOUT("connect-timeout", true),
    /** Banner, EHLO and MAIL are answered; RCPT never is. */
    DIALOG_TIMEOUT("dialog-timeout", false),
    /** The whole message is read; the reply after the dot never comes. */
    DOT_TIMEOUT("dot-timeout", false),
    /** A port where nothing listens: the connection is refused. */
    REFUSED("refused", true),
    /** Banner, then "HELLO THERE I AM NOT SMTP" to every command. */
    GARBAGE("garbage", true),
    /** Banner, then half a multi-line reply to EHLO ("250-first line") and the connection closes. */
    HANGUP("hangup", true),
    /** Banner, then a 3 MB single-line reply to EHLO. */
    HUGE_REPLY("huge-reply", true),
    /** Banner, then a multi-line reply to EHLO that does not end (capped at 50 MB). */
    ENDLESS("endless", true);

    /** The domain every sandbox domain ends with. */
    public static final String DOMAIN = "sandbox.test";
    private static final String DOT_DOMAIN = "." + DOMAIN;

    private final String label;
    private final boolean domainOnly;

    Behaviour(String label, boolean domainOnly) {
        this.label = label;
        this.domainOnly = domainOnly;
    }

    /** The label used in domains and local parts: "accept", "mailbox-full", "dot-timeout", ... */
    public String label() {
        return label;
    }

    /** What the sandbox does for this behaviour, in a sentence (for the web UI's sandbox page). */
    public String description() {
        return switch (this) {
            case ACCEPT -> "250 after the dot; the message is counted and discarded.";
            case DEFER -> "421 4.7.0 at RCPT while more sessions than its limit are open for the domain, else accept.";
            case GREYLIST -> "450 4.2.0 at RCPT for a new sender/recipient pair until the greylist delay has passed, then accept.";
            case MAILBOXFULL -> "452 4.2.2 at RCPT: mailbox full (transient).";
            case OVERQUOTA -> "552 5.2.2 at RCPT: quota exceeded (permanent).";
            case USERUNKNOWN -> "550 5.1.1 at RCPT: no such mailbox.";
            case BLOCKED -> "550 5.7.1 at RCPT: the client is blocked by policy.";
            case LATEBOUNCE -> "250 after the dot, then a bounce report (RFC 3464 DSN) to the return path a little later.";
            case BLACKHOLE -> "250 after the dot, then nothing: silently dropped, as a filter would.";
            case SLOW -> "250 after the dot, but only after a slow-reply delay.";
            case CONNECT_TIMEOUT -> "Accepts the TCP connection and never sends a banner.";
            case DIALOG_TIMEOUT -> "Answers the banner, EHLO and MAIL; never answers RCPT.";
            case DOT_TIMEOUT -> "Reads the whole message; the reply after the dot never comes (the outcome is uncertain).";
            case REFUSED -> "Nothing listens: the connection is refused.";
            case GARBAGE -> "Banner, then \"HELLO THERE I AM NOT SMTP\" to every command.";
            case HANGUP -> "Banner, then half a multi-line reply to EHLO, and the connection closes.";
            case HUGE_REPLY -> "Banner, then a 3 MB single-line reply to EHLO.";
            case ENDLESS -> "Banner, then a multi-line reply to EHLO that does not end.";
        };
    }

    /** The behaviour's own domain, for example {@code user-unknown.sandbox.test}. */
    public String domain() {
        return label + DOT_DOMAIN;
    }

    /**
     * True for behaviours that act before the SMTP dialog (their own listener port, or none):
     * they can only be chosen by domain, a local part naming them is ignored.
     */
    public boolean domainOnly() {
        return domainOnly;
    }

    /** The behaviour with this label, case-insensitive. */
    public static Optional<Behaviour> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String l = label.strip().toLowerCase(Locale.ROOT);
        for (Behaviour b : values()) {
            if (b.label.equals(l)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * The behaviour for a recipient address ({@code local@domain}, angle brackets allowed).
     * A local part that starts with a label of a per-recipient behaviour, followed by the end of
     * the local part or a character that is not a letter ({@code +}, {@code -}, {@code .}, a
     * digit...), wins; else the label just before {@code sandbox.test} in the domain; else
     * {@link #ACCEPT}.
     */
    public static Behaviour of(String recipientAddress) {
        if (recipientAddress == null) {
            return ACCEPT;
        }
        String a = recipientAddress.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        String local = at < 0 ? a : a.substring(0, at);
        String domain = at < 0 ? "" : a.substring(at + 1);
        Behaviour byLocal = ofLocalPart(local);
        return byLocal != null ? byLocal : ofDomain(domain);
    }

    /** The behaviour a domain names (the label just before sandbox.test), ACCEPT when it names none. */
    static Behaviour ofDomain(String domain) {
        String d = normalizeDomain(domain);
        if (!d.endsWith(DOT_DOMAIN)) {
            return ACCEPT;
        }
        String head = d.substring(0, d.length() - DOT_DOMAIN.length());
        String label = head.substring(head.lastIndexOf('.') + 1);
        return fromLabel(label).orElse(ACCEPT);
    }

    /** Lower case, no trailing dot, no brackets. */
    static String normalizeDomain(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        while (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    private static Behaviour ofLocalPart(String local) {
        String l = local.toLowerCase(Locale.ROOT);
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1);
        }
        for (Behaviour b : values()) {
            if (b.domainOnly || !l.startsWith(b.label)) {
                continue;
            }
            if (l.length() == b.label.length() || !Character.isLetter(l.charAt(b.label.length()))) {
                return b;
            }
        }
        return null;
    }
}
