/**
 * Report: what happened to each delivery and what the sender should do next, per recipient and per
 * campaign. Reads what the other stages recorded (deliveries, attempts, late events, suppressions,
 * campaigns) and writes nothing.
 *
 * <p>Where to look: {@code Reports} (the entry point: a delivery's {@code Timeline}, a campaign's
 * {@code CampaignDiagnosis}, the per-recipient table), {@code Diagnoses} (one delivery's facts become a
 * {@code Diagnosis}: an {@code Outcome}, who is responsible, an {@code Action}), {@code Phrases} (one
 * sentence per group of failures), {@code ReportSql} (every query, read-only).
 *
 * <p>Decisions worth knowing:
 * <ul>
 * <li>Reasons, responsibility and sentences come from the one judge, through {@code Judge.recorded}, the same
 *     call every view of a stored delivery makes: the stored reason stands; the stored reply is judged again only
 *     for what is not stored. Each reason's facts (sentence, group phrase, usual responsibility) live in
 *     {@link dev.homing.outcome.Reason}.</li>
 * <li>One verdict everywhere: the tables by reason and by code are split by outcome, so a "user unknown" held as
 *     suspected filtering says "keep" in every table, as in its group and its recipient line.</li>
 * <li>A 250 is reported as "accepted by the receiving server", never as "in the inbox".</li>
 * <li>"User unknown" for an address the suppression rules hold as {@code suspected} is reported as
 *     suspected filtering, with the advice to keep the address, not to remove it.</li>
 * <li>Providers come from the recipient domain's MX ({@link dev.homing.provider.ProviderDetector}); each
 *     domain is looked up once per report, many at a time, and offline every domain is "other".</li>
 * </ul>
 */
package dev.homing.report;
