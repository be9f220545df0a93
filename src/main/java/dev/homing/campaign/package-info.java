/**
 * Compose: campaigns and the exact bytes each subscriber receives. A campaign (list, From,
 * subject, HTML and/or text with merge fields) is compiled once into logic-less Mustache
 * templates ({@link dev.homing.campaign.CampaignTemplate}, fields checked with line and column
 * before anything is sent) and rendered per recipient on the engine's hot path by
 * {@link dev.homing.campaign.CampaignMessage}: multipart/alternative, per-part transfer encoding,
 * RFC 2047 headers, List-Unsubscribe one-click, Feedback-ID, DKIM-signed, with a signed VERP
 * return path ({@link dev.homing.campaign.Verp}). {@link dev.homing.campaign.CampaignSender}
 * expands a list into deliveries (once per subscriber, ever), pauses and resumes. Before sending,
 * the content check ({@link dev.homing.campaign.ContentCheck}, optionally SpamAssassin's spamd)
 * and the pre-flight report ({@link dev.homing.campaign.Preflight}) say what will hurt delivery.
 * Plain {@code {{field}}} RFC 5322 templates ({@link dev.homing.campaign.MessageTemplate}) remain
 * for {@code homing send}.
 *
 * <p>The application layer of campaigns is here: {@link dev.homing.campaign.Launch} is the one
 * workflow the command line, the web UI and the API call (create and update with the templates
 * compiled first, render, content check, pre-flight, send with a sealed result: queued, blocked
 * with the findings, refused; pause, resume, settle), on the sender identity built once from the
 * configuration ({@link dev.homing.auth.SenderIdentity}). {@link dev.homing.campaign.Transactional}
 * queues one message to one address (the API's messages, the sandbox page's test), written by the
 * one writer of messages made without a template, {@link dev.homing.smtp.MessageWriter}.
 */
package dev.homing.campaign;
