package dev.homing.outcome;

/**
 * What decided a verdict, strongest first: the order in which the judge weighs what a reply or a
 * report says. A verdict records the tier that decided it, so that a caller can tell a reason the
 * server spelled out from one inferred from the command it answered.
 */
public enum Evidence {
    /** An internal code: Homing saw what happened (a timeout, a refused connection). */
    OBSERVED,
    /** A provider's or MTA's exact wording, from its published reference or its source. */
    WORDING,
    /** Words of the reason vocabulary ("user unknown", "mailbox full", "blocked"). */
    VOCABULARY,
    /** The RFC 3463 enhanced status code (class.subject.detail). */
    STATUS,
    /** The SMTP command the reply answered: after MAIL FROM it is about the sender, after RCPT TO the recipient. */
    COMMAND,
    /** The report itself: its Action (failed or delayed) and a reporting server that gave up after its queue lifetime. */
    REPORT,
    /** The reply class alone (4xx try again, 5xx refused). */
    CLASS;

    /**
     * True when the verdict rests on the words or codes the server gave for this failure; false when it is
     * inferred only from where or how the server refused. A weak hard bounce is a reason to keep the address
     * for now: suppression decides that, from the address's history.
     */
    public boolean firm() {
        return this != COMMAND && this != CLASS;
    }
}
