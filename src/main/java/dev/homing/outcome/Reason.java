package dev.homing.outcome;

import java.util.Locale;

import static dev.homing.outcome.Responsibility.*;

/**
 * Why a delivery ended or was retried, with everything the product says about a reason in one place:
 * its definition (the meaning of Sisimai's vocabulary, whose names these are; the few extensions
 * Homing needs say so), whether it is a hard bounce, who is usually responsible, the sentence a
 * marketer reads, and how a group of failures is told ("Gmail said the mailbox does not exist").
 * Rules for a known wording may name another responsibility or a more specific sentence; nothing
 * else in the product keeps its own copy of these facts.
 */
public enum Reason {
    DELIVERED("The receiving server accepted the message.", false, NONE,
            "The receiving server accepted the message.", null,
            "%s accepted the message"),
    USERUNKNOWN("The recipient's mailbox does not exist at the destination (x.1.1).", true, RECIPIENT,
            "The receiving server says this mailbox does not exist; remove the address.",
            "The receiving server says, for now, that it does not know this mailbox; we will retry before treating the address as bad.",
            "%s said%s the mailbox does not exist"),
    HOSTUNKNOWN("The domain of the recipient's address does not exist or cannot be resolved (x.1.2).", true, RECIPIENT,
            "The address's domain does not exist or has no mail server; check it for typos and remove it if it is wrong.",
            "The address's domain could not be found for now; we will retry before treating the address as bad.",
            "The recipient's domain does not exist or has no mail server"),
    MAILBOXFULL("The recipient's mailbox is full or over its quota (x.2.2).", false, RECIPIENT,
            "The recipient's mailbox is full; the address is real, but nothing arrives until the owner makes room, so stop mailing it if this keeps happening.",
            "The recipient's mailbox is full; we will keep retrying for a while in case the owner makes room.",
            "%s said%s the mailbox is full"),
    MESGTOOBIG("The message is larger than the receiving server accepts (x.3.4).", false, CONTENT,
            "The message is larger than the receiving server accepts; make it smaller (fewer or lighter images and attachments).", null,
            "%s refused the message as too large"),
    HASMOVED("The recipient has moved and the address is no longer in use, with no forwarding (x.1.6).", true, RECIPIENT,
            "The recipient has moved and this address is no longer in use; remove it from the list.", null,
            "%s said%s the address is no longer in use"),
    SUSPEND("The recipient's mailbox exists but is disabled, suspended or locked.", false, RECIPIENT,
            "The mailbox exists but is disabled or suspended; stop mailing it unless the owner reactivates it.",
            "The mailbox is temporarily unavailable or disabled; we will retry.",
            "%s said%s the mailbox is disabled"),
    FILTERED("The recipient's side refused the message for this recipient by its own filter or settings, not because the address does not exist.",
            false, REMOTE_POLICY,
            "A filter at the receiving side refused the message for this recipient; this does not prove the address is bad.", null,
            "%s filtered the message out"),
    BLOCKED("The receiving server refused the sending IP address, host name or HELO name (block lists, client rejected).", false, SENDER,
            "The receiving server refused mail from our sending server or domain; this is not the address's fault.", null,
            "%s blocked our sending %s"),
    REJECTED("The receiving server refused the envelope sender (MAIL FROM) address or its domain.", false, SENDER,
            "The receiving server refused our sender (return) address or its domain; this is not the recipient's fault, and the sending domain's setup needs checking.",
            null, "%s refused our return (envelope sender) address"),
    SPAMDETECTED("The receiving server judged the message's content to be spam.", false, CONTENT,
            "The receiving server judged this message to be spam; review the content and links, and send only to people who asked for it.", null,
            "%s judged the message to be spam"),
    VIRUSDETECTED("The receiving server found a virus or malware in the message.", false, CONTENT,
            "The receiving server found a virus or malware in the message; check every attachment and link.", null,
            "%s found malware in the message"),
    POLICYVIOLATION("A local policy of the receiving organisation refused the message (attachment types, transport rules, content policy).",
            false, REMOTE_POLICY,
            "The receiving organisation's rules refused this message; this is not about the address itself.", null,
            "%s refused the message under its own rules"),
    TOOMANYCONN("Too many connections, or recipients in one session, for the destination.", false, REMOTE_POLICY,
            "The receiving server limits how many connections or recipients we may use at once; the address is not at fault.",
            "The receiving server limits how many connections or recipients we may use at once; we will use fewer and try again.",
            "%s asked us to send more slowly"),
    SPEEDING("Too many messages in a short time: the destination rate-limits the sender.", false, REMOTE_POLICY,
            "The receiving server asks us to send more slowly; the address is not at fault.",
            "The receiving server asks us to send more slowly; we will slow down for this destination.",
            "%s asked us to send more slowly"),
    AUTHFAILURE("The sending domain's authentication did not pass (SPF, DKIM or DMARC).", false, SENDER,
            "The receiving server refused the message because the sending domain's authentication (SPF, DKIM or DMARC) did not pass; its DNS records need fixing.",
            null, "%s refused the message because SPF, DKIM or DMARC did not pass"),
    BADREPUTATION("The receiving provider judges the sending IP address or domain's reputation too low.", false, SENDER,
            "The receiving provider trusts our sending IP or domain too little right now; send only to engaged subscribers and lower the volume.", null,
            "%s trusts our sending %s too little"),
    REQUIREPTR("The sending IP address has no reverse DNS (PTR) record, or one that does not match.", false, SENDER,
            "The receiving server requires a valid reverse DNS (PTR) name for our sending IP; the operator must fix the IP's DNS.", null,
            "%s requires a reverse DNS (PTR) name for our sending IP"),
    NOTCOMPLIANTRFC("The message does not comply with the message format RFCs (RFC 5322: duplicate or missing headers, bare line feeds).",
            false, CONTENT,
            "The message breaks the email format rules (RFC 5322), for example a missing or repeated header; the template or its headers need fixing.", null,
            "%s refused the message's format"),
    NORELAYING("The server refused to relay: it does not take mail for the recipient's domain from us.", false, NETWORK,
            "The server that answers for this domain refused to take mail for it (relay denied); the domain's mail setup is probably wrong or out of date.",
            null, "%s refused to take mail for the domain (relay denied)"),
    NOTACCEPT("The recipient's domain or host accepts no mail at all (null MX, 521, 556).", true, RECIPIENT,
            "The address's domain does not accept email at all; remove the address.", null,
            "The recipient's domain accepts no email"),
    CONTENTERROR("The receiving server refused the message's format or encoding (x.6.x), other than as spam.", false, CONTENT,
            "The receiving server could not accept the message as it was encoded; the message format needs fixing.", null,
            "%s refused the message's format"),
    EXCEEDLIMIT("The message exceeds a limit that the recipient's mailbox sets, such as its size (x.2.3).", false, CONTENT,
            "The message exceeds a limit this recipient's mailbox sets (such as its size); this is not about the address.", null,
            "%s said%s a limit of the mailbox was exceeded"),
    SYSTEMFULL("The receiving mail system's disk or storage is full (x.3.1).", false, NETWORK,
            "The receiving mail server is out of storage; the address is not at fault.",
            "The receiving mail server is temporarily out of storage; we will retry, and the address is not at fault.",
            "%s failed on its side"),
    SYSTEMERROR("The receiving mail system failed: an internal, configuration or temporary error (x.3.x).", false, NETWORK,
            "The receiving mail server failed with an internal error; the address is not at fault.",
            "The receiving mail server had a temporary problem; we will retry, and the address is not at fault.",
            "%s failed on its side"),
    SYNTAXERROR("An SMTP command was refused as a syntax or sequence error (x.5.x).", false, OURS,
            "The receiving server did not accept one of our SMTP commands; the operator should look at the transcript.", null,
            "%s did not accept one of our SMTP commands"),
    FAILEDSTARTTLS("An encrypted connection (STARTTLS) was required or could not be set up.", false, REMOTE_POLICY,
            "An encrypted (TLS) connection with the receiving server could not be set up; the address is not at fault.", null,
            "An encrypted connection with %s failed"),
    SECURITYERROR("The receiving side requires an authentication or authorisation of the sender that this session did not have.",
            false, REMOTE_POLICY,
            "The receiving server only takes mail from senders it trusts or authenticates (often an internal-only address), so it will not take mail from outside.",
            null, "%s takes mail only from senders it trusts"),
    NETWORKERROR("The network, DNS or routing failed: no connection, a lookup failure, a mail loop (x.4.x).", false, NETWORK,
            "We could not reach the receiving mail server (network or DNS trouble); the address is not at fault.",
            "We could not reach the receiving mail server this time (network or DNS trouble); we will retry.",
            "%s could not be reached"),
    /** Homing extension: the server answered something that is not SMTP (garbage, an endless reply). */
    PROTOCOLERROR("The server answered something that is not valid SMTP. Homing extension.", false, NETWORK,
            "The receiving server answered something that is not valid SMTP; the address is not at fault.", null,
            "%s answered something that is not SMTP"),
    /** Homing extension: a first-time temporary refusal that clears on retry. */
    GREYLISTING("A first-time temporary refusal of an unknown sender that clears on the next try. Homing extension.", false, REMOTE_POLICY,
            "The receiving server asks unknown senders to come back later (greylisting); this is normal and the next try usually succeeds.", null,
            "%s asked us to come back later (greylisting)"),
    EXPIRED("Delivery was given up after the time allowed for retrying, or is still being retried past a warning time.", false, NETWORK,
            "A mail server kept trying until the time allowed for retrying ran out, then gave up; the last temporary error explains why, and the address is not at fault.",
            "A mail server along the way has not been able to pass the message on for some time and is still trying; nothing to do yet.",
            "%s kept refusing until the time for retrying ran out"),
    /** Homing extension: the address cannot be a mailbox; nothing was sent. */
    INVALIDADDRESS("The address is not a syntactically valid email address; nothing was sent. Homing extension.", true, RECIPIENT,
            "This is not a valid email address; correct it or remove it.", null,
            "The address is not a valid email address"),
    /** Homing extension: the message may have been handed over, but no final reply came (147). */
    UNCERTAIN("The message may have been handed over, but no final reply came (147). Homing extension.", false, NETWORK,
            "The connection broke right after the message was sent, so it may well have arrived; it is not resent automatically, to avoid a duplicate.",
            null, "%s went silent after receiving the message"),
    VACATION("An automatic reply (out of office, vacation); the message itself was delivered.", false, NONE,
            "The recipient sent an automatic reply (such as out of office); the message itself was delivered.", null,
            "%s accepted the message"),
    FEEDBACK("A complaint (ARF feedback report): the recipient marked the message as spam or asked to stop.", false, RECIPIENT,
            "The recipient complained about this message (marked it as spam or asked to stop); the address has been suppressed.", null,
            "Recipients at %s complained"),
    MAILERERROR("A program that delivers mail locally at the destination (procmail, a pipe) failed.", false, NETWORK,
            "The program that delivers mail into the recipient's mailbox failed at the destination; the address is not at fault.", null,
            "%s failed on its side"),
    /** Homing extension: not sent because the address was on the suppression list. */
    SUPPRESSED("Not sent: the address was on the suppression list. Homing extension.", false, NONE,
            "The message was not sent because the address is on the suppression list.", null,
            "Not sent (suppressed)"),
    ONHOLD("The report says the message was not delivered and quotes words, but none of them say why.", false, REMOTE_POLICY,
            "A mail server reported that the message was not delivered without saying why in words we can judge; the address has not been marked as bad.",
            "A mail server reported a delay without saying why in words we can judge; nothing to do yet.",
            "%s refused without saying why"),
    UNDEFINED("Nothing more specific could be said.", false, REMOTE_POLICY,
            "The receiving server refused without saying why; the address has not been marked as bad.",
            "The receiving server asked us to try again later without saying why; we will retry.",
            "%s refused without saying why");

    private final String definition;
    private final boolean hard;
    private final Responsibility responsibility;
    private final String sentence;
    private final String deferredSentence;
    private final String refusal;

    Reason(String definition, boolean hard, Responsibility responsibility, String sentence, String deferredSentence, String refusal) {
        this.definition = definition;
        this.hard = hard;
        this.responsibility = responsibility;
        this.sentence = sentence;
        this.deferredSentence = deferredSentence == null ? sentence : deferredSentence;
        this.refusal = refusal;
    }

    /** The lower-case name used in storage, JSON and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the reason means, in one line. */
    public String definition() {
        return definition;
    }

    /**
     * True when, on a permanent failure, the address itself will never work and should not be mailed
     * again (as in Sisimai: userunknown, hostunknown, hasmoved, notaccept; and invalidaddress).
     */
    public boolean hard() {
        return hard;
    }

    /** Who a failure with this reason is usually attributed to; a rule for a known wording may say otherwise. */
    public Responsibility responsibility() {
        return responsibility;
    }

    /** One plain sentence for a marketer that explains this reason when nothing more specific is known. */
    public String sentence() {
        return sentence;
    }

    /** The sentence for a temporary verdict (we or a server further along will retry). */
    public String deferredSentence() {
        return deferredSentence;
    }

    /**
     * How a group of failures with this reason is told, the receiving side named first: "Gmail said the
     * mailbox does not exist", "Microsoft blocked our sending IP".
     *
     * @param who       the receiving side, as a reader names it
     * @param temporary true when the refusal was for now (the text then says "for now")
     * @param byIp      true when the replies speak of our IP address, not our domain
     */
    public String refusal(String who, boolean temporary, boolean byIp) {
        String text = refusal;
        int slots = text.split("%s", -1).length - 1;
        if (slots == 0) {
            return text;
        }
        String second = text.contains("%s said%s") ? temporary ? ", for now, that" : "" : byIp ? "IP" : "IP or domain";
        return slots == 1 ? String.format(Locale.ROOT, text, who) : String.format(Locale.ROOT, text, who, second);
    }

    public static Reason fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
