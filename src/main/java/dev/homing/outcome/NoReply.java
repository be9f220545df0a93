package dev.homing.outcome;

import dev.homing.smtp.InternalCode;

import static dev.homing.outcome.Disposition.FAILED;
import static dev.homing.outcome.Disposition.RETRY;

/**
 * Verdicts for failures that have no SMTP reply ({@link InternalCode}). A switch rather than text
 * rules: the code says exactly what happened, and a new internal code cannot be added without
 * deciding here (the switch is exhaustive).
 */
final class NoReply {
    private NoReply() {
    }

    static Verdict verdict(InternalCode code) {
        return switch (code) {
            case CONNECT_TIMEOUT -> retry(Reason.NETWORKERROR, Responsibility.NETWORK,
                    "The receiving mail server did not answer in time; we will retry, and the address is not at fault.");
            case CONNECTION_REFUSED -> retry(Reason.NETWORKERROR, Responsibility.NETWORK,
                    "The receiving mail server refused the connection (nothing is listening); we will retry, and the address is not at fault.");
            case NO_ROUTE -> retry(Reason.NETWORKERROR, Responsibility.NETWORK,
                    "There is no network route to the receiving mail server right now; we will retry.");
            case CONNECTION_LOST -> retry(Reason.NETWORKERROR, Responsibility.NETWORK,
                    "The receiving server dropped the connection before the message was handed over; we will retry.");
            case DIALOG_TIMEOUT -> retry(Reason.NETWORKERROR, Responsibility.NETWORK,
                    "The receiving server stopped answering before the message was handed over; it is safe to retry, and we will.");
            // The remote side may have the message: resending could deliver it twice (design: 147 is uncertain).
            case DOT_TIMEOUT -> uncertain(
                    "The receiving server went silent right after receiving the message, so it may have arrived; it is not resent automatically, to avoid a duplicate.");
            case STOPPED_AFTER_DOT -> new Verdict(Disposition.UNCERTAIN, Reason.UNCERTAIN, false, Responsibility.OURS, false,
                    "Homing stopped (a crash, a kill or a power cut) right after sending this message, before the receiving server's"
                            + " final reply, so it may have arrived; it is not resent automatically, to avoid a duplicate.", Evidence.OBSERVED);
            case DOT_CONNECTION_LOST -> uncertain(
                    "The connection broke right after the message was sent, so it may have arrived; it is not resent automatically, to avoid a duplicate.");
            case TLS_FAILED -> retry(Reason.FAILEDSTARTTLS, Responsibility.NETWORK,
                    "The encrypted (TLS) connection with the receiving server failed; we will retry, and the address is not at fault.");
            case TLS_REQUIRED -> retry(Reason.FAILEDSTARTTLS, Responsibility.REMOTE_POLICY,
                    "This destination must be reached over an encrypted connection, but its server does not offer one; we will retry.");
            case DNS_NXDOMAIN -> failed(Reason.HOSTUNKNOWN, Responsibility.RECIPIENT,
                    "The address's domain does not exist; check it for typos and remove it if it is wrong.");
            case DNS_NO_HOST -> failed(Reason.HOSTUNKNOWN, Responsibility.RECIPIENT,
                    "The address's domain has no mail server at all; check it for typos and remove it if it is wrong.");
            case DNS_NULL_MX -> failed(Reason.NOTACCEPT, Responsibility.RECIPIENT,
                    "The address's domain publishes that it accepts no email (null MX); remove the address.");
            case DNS_TEMPORARY -> retry(Reason.NETWORKERROR, Responsibility.NETWORK,
                    "Looking up the address's domain failed for now (DNS trouble); we will retry.");
            case PROTOCOL_ERROR, REPLY_TOO_LONG -> retry(Reason.PROTOCOLERROR, Responsibility.NETWORK,
                    "The receiving server answered something that is not valid SMTP; we will retry, and the address is not at fault.");
            case INVALID_ADDRESS -> failed(Reason.INVALIDADDRESS, Responsibility.RECIPIENT,
                    "This is not a valid email address, so nothing was sent; correct it or remove it.");
            case MESSAGE_TOO_BIG -> failed(Reason.MESGTOOBIG, Responsibility.CONTENT,
                    "The message is larger than the receiving server announced it accepts, so nothing was sent; make it smaller.");
            // Our call: the content (8-bit body or an international address) needs an extension the server lacks;
            // the compose stage can re-encode, so the content is what to fix, not the address.
            case EXTENSION_MISSING -> failed(Reason.CONTENTERROR, Responsibility.CONTENT,
                    "The message needs an SMTP extension (SMTPUTF8 or 8BITMIME) the receiving server does not offer, so nothing was sent; send it 7-bit encoded.");
            case EXPIRED -> failed(Reason.EXPIRED, Responsibility.OURS,
                    "We kept trying until the maximum time in the queue ran out; the last temporary error explains why.");
            case LOCAL_ERROR -> retry(Reason.SYSTEMERROR, Responsibility.OURS,
                    "Homing could not finish this attempt because of a problem on our side; we will retry.");
        };
    }

    private static Verdict retry(Reason reason, Responsibility responsibility, String sentence) {
        return new Verdict(RETRY, reason, false, responsibility, false, sentence, Evidence.OBSERVED);
    }

    private static Verdict failed(Reason reason, Responsibility responsibility, String sentence) {
        return new Verdict(FAILED, reason, reason.hard(), responsibility, false, sentence, Evidence.OBSERVED);
    }

    private static Verdict uncertain(String sentence) {
        return new Verdict(Disposition.UNCERTAIN, Reason.UNCERTAIN, false, Responsibility.NETWORK, false, sentence, Evidence.OBSERVED);
    }
}
