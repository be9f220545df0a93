/**
 * The web faces (Javalin). Public pages: the subscribe form, the confirmation page of the double
 * opt-in (followed by a welcome mail), the unsubscribe page with its RFC 8058 one-click POST, the
 * safelist steps per mailbox provider (the opt-in mails themselves are {@code list.OptInMail}).
 * The web UI ({@link dev.homing.web.Console}): logins over the accounts and sessions of {@code access}, CSRF, and pages grouped
 * by what they show ({@code ListPages}, {@code CampaignPages} with {@code CampaignPreview}, {@code OperatorPages}, {@code MailroomPages} (what the inbound server received), and the
 * admins' {@code SettingsPages}: keys, webhooks through {@code Hooks}, users, effective settings), each answering a
 * {@code View} of a jte template (src/main/jte) whose tables ({@link dev.homing.web.Table}) also export
 * as CSV. The campaign workflow and the domain check are {@link dev.homing.campaign.Launch}, the sandbox
 * page's test message {@link dev.homing.campaign.Transactional}: the application layer the command line
 * and the API call too, so the three faces cannot drift apart ({@link dev.homing.web.Console.Services}).
 * Guards: what a role may do is decided once, before any page runs ({@code Roles}); logins are counted before the password is checked, per address and per account ({@code LoginThrottle});
 * uploads stream to the node's owner-only upload folder up to a size limit ({@code Imports}); banners come only from
 * what an action of the session set; links in mail come from the configured public URL, never a request's Host.
 * The REST API lives in {@code api}. No SQL here: pages read through the packages that own the tables.
 */
package dev.homing.web;
