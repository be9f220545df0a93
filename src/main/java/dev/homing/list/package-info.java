/**
 * Audience: lists, subscribers and their consent, recipient files and address validation, and suppression.
 * A streaming reader of recipient files (one address per line, or CSV with an {@code email} column and
 * merge-field columns) reports every bad row with its file and line; address hygiene
 * ({@link dev.homing.list.Hygiene}: syntax, domains that cannot receive mail, provider typos, role accounts)
 * has its per-list report ({@link dev.homing.list.HygieneReport}).
 *
 * <p>Where to look: {@code Lists} and {@code Subscriptions} (lists, members, double opt-in, consent records), {@code OptInMail}
 * (the confirmation and welcome mails of the double opt-in, with the provider's safelist steps), {@code Importer}
 * (CSV import, in batches of 2,000 rows; new rows go as multi-row INSERTs through {@code RowInserts}), {@code Suppressions} (the suppression list and each address's history) and
 * {@code SuppressionRules} (what a finished message's outcomes do to it).
 *
 * <p>Decisions worth knowing: the suppression rules read a reason's own facts ({@code Reason.hard()}, its usual
 * responsibility) and what decided it ({@code Evidence.firm()}). A hard bounce suppresses, except that a "user
 * unknown" for an address that took mail recently or came with many like it at its domain, or any hard bounce
 * resting on weak evidence (a wordless refusal at RCPT), is only suspected and suppressed if it happens again:
 * the caution about filters that answer "user unknown" lives here, never in a relabelled reason.
 */
package dev.homing.list;
