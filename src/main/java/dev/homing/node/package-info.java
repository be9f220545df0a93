/**
 * The one place a node is wired: each service built once from the home folder and its
 * {@code homing.properties} ({@link dev.homing.node.Config}). {@link dev.homing.node.Node} opens the
 * database, the queue (recovered, clustered when configured), the resolver, the engine and the judge,
 * and hands out the application layer on them: the campaign workflow ({@code launch}, or {@code checking}
 * for a process that must not open the queue, or {@code beside} for one that queues beside the node that delivers from
 * the home), the transactional sender, the one {@code Subscriptions}.
 * {@link dev.homing.node.Site} adds what a serving node runs beside its engine: webhooks out, the HTTP
 * server ({@code http.Server}) on which it mounts the public pages, the web UI ({@code WebConsole}), the REST API
 * and {@code /metrics} side by side, the campaign finisher, and the inbound SMTP server ({@link dev.homing.node.InboundService}).
 * {@code QueueMailer} sends the opt-in mails through the queue; {@code ServiceRollup} groups destination
 * domains by mailbox provider for the throttles. The web UI's settings pages get the node's webhooks through
 * {@code WebhookSettings} and the settings it runs with from {@code EffectiveSettings} (secrets masked).
 *
 * <p>Only {@code cli} uses this package: a command opens a node (or the database alone) and starts what it needs.
 */
package dev.homing.node;
