package dev.homing.outcome;

/**
 * The default sentence for each reason, written for a marketer: what happened, whose fault it is
 * and what to do. Rules for a known provider wording carry their own, more specific sentence.
 * Blocks and filters say plainly that the address is not at fault, because the address is what a
 * marketer would otherwise delete.
 */
final class Sentences {
    private Sentences() {
    }

    /** The sentence for a final (or neutral) verdict. */
    static String of(Reason reason) {
        return switch (reason) {
            case DELIVERED -> "The receiving server accepted the message.";
            case USERUNKNOWN -> "The receiving server says this mailbox does not exist; remove the address.";
            case HOSTUNKNOWN -> "The address's domain does not exist or has no mail server; check it for typos and remove it if it is wrong.";
            case MAILBOXFULL -> "The recipient's mailbox is full; the address is real, but nothing arrives until the owner makes room, so stop mailing it if this keeps happening.";
            case MESGTOOBIG -> "The message is larger than the receiving server accepts; make it smaller (fewer or lighter images and attachments).";
            case HASMOVED -> "The recipient has moved and this address is no longer in use; remove it from the list.";
            case SUSPEND -> "The mailbox exists but is disabled or suspended; stop mailing it unless the owner reactivates it.";
            case FILTERED -> "A filter at the receiving side refused the message for this recipient; this does not prove the address is bad.";
            case BLOCKED -> "The receiving server refused mail from our sending server or domain; this is not the address's fault.";
            case REJECTED -> "The receiving server refused our sender (return) address or its domain; this is not the recipient's fault, and the sending domain's setup needs checking.";
            case SPAMDETECTED -> "The receiving server judged this message to be spam; review the content and links, and send only to people who asked for it.";
            case VIRUSDETECTED -> "The receiving server found a virus or malware in the message; check every attachment and link.";
            case POLICYVIOLATION -> "The receiving organisation's rules refused this message; this is not about the address itself.";
            case TOOMANYCONN -> "The receiving server limits how many connections or recipients we may use at once; we will use fewer and try again.";
            case SPEEDING -> "The receiving server asks us to send more slowly; we will slow down for this destination.";
            case AUTHFAILURE -> "The receiving server refused the message because the sending domain's authentication (SPF, DKIM or DMARC) did not pass; its DNS records need fixing.";
            case BADREPUTATION -> "The receiving provider trusts our sending IP or domain too little right now; send only to engaged subscribers and lower the volume.";
            case REQUIREPTR -> "The receiving server requires a valid reverse DNS (PTR) name for our sending IP; the operator must fix the IP's DNS.";
            case NOTCOMPLIANTRFC -> "The message breaks the email format rules (RFC 5322), for example a missing or repeated header; the template or its headers need fixing.";
            case NORELAYING -> "The server that answers for this domain refused to take mail for it (relay denied); the domain's mail setup is probably wrong or out of date.";
            case NOTACCEPT -> "The address's domain does not accept email at all; remove the address.";
            case CONTENTERROR -> "The receiving server could not accept the message as it was encoded; the message format needs fixing.";
            case EXCEEDLIMIT -> "The message exceeds a limit this recipient's mailbox sets (such as its size); this is not about the address.";
            case SYSTEMFULL -> "The receiving mail server is out of storage; the address is not at fault.";
            case SYSTEMERROR -> "The receiving mail server failed with an internal error; the address is not at fault.";
            case SYNTAXERROR -> "The receiving server did not accept one of our SMTP commands; the operator should look at the transcript.";
            case FAILEDSTARTTLS -> "An encrypted (TLS) connection with the receiving server could not be set up; the address is not at fault.";
            case SECURITYERROR -> "The receiving server only takes mail from senders it trusts or authenticates (often an internal-only address), so it will not take mail from outside.";
            case NETWORKERROR -> "We could not reach the receiving mail server (network or DNS trouble); the address is not at fault.";
            case PROTOCOLERROR -> "The receiving server answered something that is not valid SMTP; the address is not at fault.";
            case GREYLISTING -> "The receiving server asks unknown senders to come back later (greylisting); this is normal and the next try usually succeeds.";
            case EXPIRED -> "We kept trying until the maximum time in the queue ran out; the last temporary error explains why.";
            case INVALIDADDRESS -> "This is not a valid email address; correct it or remove it.";
            case UNCERTAIN -> "The connection broke right after the message was sent, so it may well have arrived; it is not resent automatically, to avoid a duplicate.";
            case VACATION -> "The recipient sent an automatic reply (such as out of office); the message itself was delivered.";
            case FEEDBACK -> "The recipient complained about this message (marked it as spam or asked to stop); the address has been suppressed.";
            case MAILERERROR -> "The program that delivers mail into the recipient's mailbox failed at the destination; the address is not at fault.";
            case SUPPRESSED -> "The message was not sent because the address is on the suppression list.";
            case UNDEFINED -> "The receiving server refused without saying why; the address has not been marked as bad.";
        };
    }

    /** The sentence for a temporary verdict (we will retry), where it differs from the final one. */
    static String deferred(Reason reason) {
        return switch (reason) {
            case USERUNKNOWN -> "The receiving server says, for now, that it does not know this mailbox; we will retry before treating the address as bad.";
            case HOSTUNKNOWN -> "The address's domain could not be found for now; we will retry before treating the address as bad.";
            case MAILBOXFULL -> "The recipient's mailbox is full; we will keep retrying for a while in case the owner makes room.";
            case SUSPEND -> "The mailbox is temporarily unavailable or disabled; we will retry.";
            case SYSTEMFULL -> "The receiving mail server is temporarily out of storage; we will retry, and the address is not at fault.";
            case SYSTEMERROR -> "The receiving mail server had a temporary problem; we will retry, and the address is not at fault.";
            case NETWORKERROR -> "We could not reach the receiving mail server this time (network or DNS trouble); we will retry.";
            case UNDEFINED -> "The receiving server asked us to try again later without saying why; we will retry.";
            default -> of(reason);
        };
    }
}
