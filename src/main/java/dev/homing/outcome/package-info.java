/**
 * Judges every reply and every failure without a reply: (stage, reply) becomes a {@link dev.homing.outcome.Verdict}
 * with a disposition (delivered, retry, failed, uncertain), a reason in Sisimai's vocabulary, hard or
 * soft, who is responsible, whether to slow down for the destination, and one plain sentence.
 * One judge for the whole product: the SMTP client and, later, the bounce parser use it alike.
 *
 * <p>Where to look: {@code Judge} (the entry point), {@code Rules} (the ordered table: text, then
 * enhanced status, then stage and class), {@code NoReply} (internal 1xx codes), {@code Sentences}
 * (the default sentence per reason).
 *
 * <p>Decisions worth knowing:
 * <ul>
 * <li>The class decides only retry or stop: 4xx is always a retry (the queue's maximum age turns it
 *     into {@code expired}), 5xx always a failure, with one exception from RFC 5321 4.5.3.1.10: a 552
 *     "too many recipients" at RCPT is retried.</li>
 * <li>Hard means the address will never work: userunknown, hostunknown, hasmoved, invalidaddress and
 *     notaccept, and only on a failure. A 450 "user unknown" is retried and is not hard.</li>
 * <li>Mailbox full is soft. A 452 4.2.2 is retried; a 552 5.2.2 fails this message (the server said
 *     it is permanent, and Gmail's 552 means the mailbox is also inactive) but is not hard, because
 *     a full mailbox can be emptied. Suppressing after repeated mailbox-full is list policy, not
 *     this package's.</li>
 * <li>A 5xx at RCPT that names no reason is {@code filtered}, not {@code userunknown}: a vague refusal
 *     does not prove a dead address.</li>
 * <li>A deferral whose text says it is a rate limit always asks to slow down, whatever its reason
 *     (Gmail's 421 4.7.26 "rate limited because it is unauthenticated" is an authfailure that also
 *     asks us to slow down).</li>
 * <li>Greylisting never slows down: it clears on the next try. "451 4.7.1 Try again later" with no
 *     other word is read as greylisting (rspamd's wording); "421 ... try again later" as throttling.</li>
 * <li>Internal code 193 (SMTPUTF8/8BITMIME missing) is a {@code contenterror} with the content
 *     responsible: the compose stage can re-encode the message.</li>
 * <li>A reply is judged alone. "This mailbox took mail before, so this user unknown is suspected
 *     filtering" needs the address's history and is decided by the caller.</li>
 * </ul>
 */
package dev.homing.outcome;
