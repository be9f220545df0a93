/**
 * Judges every reply and every failure without a reply: (stage, reply) becomes a {@link dev.homing.outcome.Verdict}
 * with a disposition (delivered, retry, failed, uncertain), a reason in Sisimai's vocabulary, hard or
 * soft, who is responsible, whether to slow down for the destination, and one plain sentence.
 * One judge for the whole product: the SMTP client and, later, the bounce parser use it alike.
 */
package dev.homing.outcome;
