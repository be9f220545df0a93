/**
 * After the 250: the inbound SMTP server for Homing's own addresses, and the reading of what arrives
 * there. The server serves the mailto: unsubscribe addresses (RFC 2369) and refuses everything else,
 * so it is never an open relay; bounces (DSN, VERP) and complaints (ARF) arrive here too.
 *
 * <p>Parsing: {@code Classifier.classify(byte[])} turns one received message into an {@code Analysis}:
 * a {@code Bounce} (RFC 3464 DSNs, and the free-text bounces of Postfix, Exim, Sendmail, qmail,
 * Exchange, Gmail, Yahoo and others, read by their shape rather than per MTA), a {@code Complaint}
 * (ARF, RFC 5965, and Microsoft's JMRP reports from before ARF), an {@code AutoReply} (RFC 3834, never a bounce), a {@code NotBounce}, or an
 * {@code Unparsed} with its reason. {@code Reading} decides which kind a message is; the recipients of a report come from
 * its delivery-status fields ({@code StatusRecipients}) or from its free text ({@code TextRecipients}). {@code ReportText}
 * finds the failed addresses in the human-readable part and, under
 * each, the words that explain it; a gateway's banner below a rule of underscores, the SMTP session above a refusal and
 * an address quoted inside a reply are not among them; with several addresses, each has its own lines (one recipient's
 * "not going to try again" is not its neighbour's); above Sendmail's line for a local mailer's exit status that says
 * nothing of why ("554 a@b... Service unavailable"), the mailer's own output is. {@code StatusFields} reads RFC 3464
 * fields, also when their writer cut long lines without folding them; {@code WholeReply} reads a multi-line reply whose Diagnostic-Code kept only its first
 * line from the report's session transcript (Sendmail). Measured on reports of other collections than the one the rules
 * were developed with ({@code ForeignReportsTest}). A mailing list's refusal of our post ({@code ListRefusal}: a list manager's
 * message saying the sender may not post) is read as a bounce of the list's address. It never throws. The reason of each bounced recipient comes
 * from {@code outcome.Judge}, the same judge as for live SMTP replies: the report's code, status
 * and words become a {@code smtp.Reply} in an {@code outcome.Reported}, with the report's own words (read for a
 * reporting server's words of giving up after its queue lifetime). The reporting server's phrases that only name
 * the command ("but sender was rejected") give the stage and are not judged as the remote server's reason. Only
 * the text parts are decoded (7-bit Japanese in RFC 1468 escapes is recognised where no charset is declared), so
 * a large attachment costs one scan for MIME boundaries.
 *
 * <p>Trust: {@code Mailroom} ties a report to a delivery only by what this installation signed (the VERP address it came
 * to, the {@code X-Homing-Delivery} token, the VERP envelope sender or the Message-ID quoted from the original, each with a
 * MAC under the install secret); a report tied by none of them is stored and acts on nothing, except a complaint from a
 * configured feedback loop whose DKIM signature verifies ({@code FeedbackLoops}).
 *
 * <p>Bounds: messages are spooled to disk in chunks as they arrive, against a budget shared by all sessions ({@code Spool}), and
 * stored as a stream (a large object in the embedded database), so no message is ever whole in memory; connections
 * are capped per client address, stored messages are purged by age and total size ({@code Inbox.purge}), and a session of
 * unknown or junk commands is closed ({@code CommandWatch}, which watches the accepted socket's input because the SMTP
 * library has no hook for unknown commands). The reports about an erased person's deliveries are deleted
 * ({@code ErasedReports}).
 */
package dev.homing.inbound;
