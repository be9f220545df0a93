package dev.homing.sandbox;

/**
 * Every reply the simulated MX gives, in one place, as it goes on the wire (lines of a multi-line
 * reply joined with CRLF; the session adds the final CRLF). The README lists the same texts.
 */
final class Replies {
    private Replies() {
    }

    static final int MAX_RECIPIENTS = 1000;
    static final long MAX_MESSAGE_SIZE = 50L * 1024 * 1024;

    static final String MAIL_OK = "250 2.1.0 Ok";
    static final String RCPT_OK = "250 2.1.5 Ok";
    static final String DATA_GO_AHEAD = "354 End data with <CR><LF>.<CR><LF>";

    static final String NEED_EHLO = "503 5.5.1 Error: send HELO/EHLO first";
    static final String NESTED_MAIL = "503 5.5.1 Error: nested MAIL command";
    static final String NEED_MAIL = "503 5.5.1 Error: need MAIL command";
    static final String NO_VALID_RECIPIENTS = "554 5.5.1 Error: no valid recipients";
    static final String MAIL_SYNTAX = "501 5.5.4 Syntax: MAIL FROM:<address>";
    static final String RCPT_SYNTAX = "501 5.5.4 Syntax: RCPT TO:<address>";
    static final String EHLO_SYNTAX = "501 5.5.4 Syntax: EHLO hostname";
    static final String BAD_RECIPIENT = "501 5.1.3 Bad recipient address syntax";
    static final String TOO_MANY_RECIPIENTS = "452 4.5.3 Error: too many recipients";
    static final String SIZE_EXCEEDED = "552 5.3.4 Message size exceeds fixed limit";
    static final String TOO_BIG = "552 5.3.4 Error: message file too big";
    static final String NO_CHUNKING = "502 5.5.1 Error: command not implemented";

    /** Code and text of the defer refusal, sent as {@code 421 <text>} before the connection closes. */
    static final int DEFER_CODE = 421;
    static final String DEFER_TEXT = "4.7.0 Too many concurrent sessions from your IP, try again later";

    static final int TIMEOUT_CODE = 421;

    static String timeoutText(String host) {
        return "4.4.2 " + host + " Error: timeout exceeded";
    }

    static String queued(String queueId) {
        return "250 2.0.0 Ok: queued as " + queueId;
    }

    static String greylisted(String recipient, String domain) {
        return "450 4.2.0 <" + recipient + ">: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/"
                + domain + ".html";
    }

    static String mailboxFull(String recipient) {
        return "452-4.2.2 <" + recipient + ">: Mailbox full\r\n"
                + "452 4.2.2 The recipient's mailbox is out of storage space, try again later";
    }

    static String overQuota(String recipient) {
        return "552 5.2.2 <" + recipient + ">: Mailbox full, quota exceeded";
    }

    static String userUnknown(String recipient) {
        return "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown in virtual mailbox table";
    }

    static String blocked(String clientIp) {
        return "550-5.7.1 Service unavailable; client [" + clientIp + "] blocked by policy\r\n"
                + "550 5.7.1 See https://" + Behaviour.DOMAIN + "/policy to request removal";
    }

    /** A connection-level behaviour (connect-timeout, refused, garbage...) named at RCPT on the MX: the route is wrong. */
    static String misrouted(String recipient, Behaviour b) {
        return "451 4.3.5 <" + recipient + ">: " + b.domain()
                + " is simulated on its own port before any SMTP dialog; route it with Sandbox.routes()";
    }

    /** The diagnostic a late bounce reports for each recipient. */
    static String lateBounceDiagnostic(String recipient) {
        return userUnknown(recipient);
    }

    static String ehlo(String host, boolean offerStartTls) {
        return "250-" + host + "\r\n"
                + "250-PIPELINING\r\n"
                + "250-SIZE " + MAX_MESSAGE_SIZE + "\r\n"
                + (offerStartTls ? "250-STARTTLS\r\n" : "")
                + "250-ENHANCEDSTATUSCODES\r\n"
                + "250-8BITMIME\r\n"
                + "250 SMTPUTF8";
    }
}
