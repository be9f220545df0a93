/**
 * Judges every reply and every failure without a reply: (stage, reply), or what a delivery report says about one
 * recipient, becomes a {@link dev.homing.outcome.Verdict} with a disposition (delivered, retry, failed, uncertain), a
 * reason in Sisimai's vocabulary, hard or soft, who is responsible, whether to slow down for the destination, one plain
 * sentence, and the {@link dev.homing.outcome.Evidence} that decided it. One judge for the whole product: the SMTP client,
 * the bounce reader and every view of a stored delivery ({@code Judge.recorded}) use it alike.
 *
 * <p>Where to look: {@code Judge} (the entry points: {@code judge} for a live reply, {@code judgeReported} for a report,
 * {@code recorded} for a stored verdict), {@code outcome/rules.tsv} (the classification table as data: one row per
 * wording with its reason and its source, read by {@code Rules}, which looks for each row's top-level alternatives
({@code Alternatives}) only where one scan of the reply has found their words), {@code Reason} (each reason's definition, hard or soft,
 * usual responsibility and sentences: the only copy of those facts), {@code NoReply} (internal 1xx codes).
 *
 * <p>The order of evidence, strongest first (docs/judge.md has the whole of it):
 * <ol>
 * <li>a provider's or MTA's exact wording, from its published reference or its source ("[TSS04]", "XGEMAIL_0011");</li>
 * <li>words that name a reason ("user unknown", "mailbox full", "relay access denied");</li>
 * <li>the RFC 3463 enhanced status, the whole class.subject.detail table;</li>
 * <li>the command the reply answered: after MAIL FROM the sender, after RCPT TO the recipient (RFC 5321 4.2.2:
 *     a 550 there is "mailbox unavailable"), after DATA or the dot the message;</li>
 * <li>for a report, the report itself: a final report of a temporary failure, or a reporting server's own words about
 *     its queue lifetime, is {@code expired} unless the reply names a cause; a delay notice is never final;</li>
 * <li>the reply class: 4xx try again, 5xx refused.</li>
 * </ol>
 *
 * <p>Decisions worth knowing:
 * <ul>
 * <li>The rows read the words of a reply, never the words inside an address in it: {@code ReplyText} writes every
 *     address as {@code x@x} first (a local part such as "spam-enabled=false" or "virus-alerts" names no reason).</li>
 * <li>The reason says what the server said; no rule relabels it to be careful. When only the command or the class
 *     decided (a wordless 550 at RCPT), the verdict says so ({@code Evidence.firm()} is false) and the suppression rules,
 *     which know the address's history, keep such an address until it happens again.</li>
 * <li>User-unknown words are read against contrary structured evidence: after DATA (the server had accepted the
 *     recipient at RCPT) or, in a report that names no command, under a status about the mailbox's state or a policy
 *     (X.2 to X.7), the refusal is {@code filtered}; Postfix's access(5) rejections under 5.7.1 likewise, unless the map's
 *     text names a reason of its own. A remote refusal of the address's syntax (X.1.3) is {@code userunknown};
 *     {@code invalidaddress} is Homing's own refusal before sending.</li>
 * <li>The class decides only retry or stop: 4xx is always a retry (the queue's maximum age turns it into
 *     {@code expired}), 5xx always a failure, with one exception from RFC 5321 4.5.3.1.10: a 552 "too many
 *     recipients" at RCPT is retried.</li>
 * <li>Hard means the address will never work: userunknown, hostunknown, hasmoved, notaccept and invalidaddress
 *     ({@code Reason.hard()}); a 4xx is retried and never hard for the queue.</li>
 * <li>Mailbox full is soft: a 552 5.2.2 fails this message but not the address.</li>
 * <li>A deferral whose text says it is a rate limit always asks to slow down, whatever its reason. Greylisting never
 *     slows down.</li>
 * <li>{@code onhold} (a report that quotes words no row reads) and {@code undefined} (nothing at all) differ as in
 *     Sisimai's vocabulary.</li>
 * <li>Rows are matched after one keyword scan of the reply ({@code prefilter.Keywords}: an Aho-Corasick automaton over every row's
 *     required words, ASCII and other scripts), so a row's regex runs only when its words are there.</li>
 * </ul>
 */
package dev.homing.outcome;
