/**
 * Compose: turns a stored message template into the exact bytes sent to one recipient. For now a
 * plain merge of {@code {{field}}} values into an RFC 5322 message, compiled once per message and
 * rendered per recipient on the hot path; campaigns, MIME building and DKIM signing come later.
 */
package dev.homing.campaign;
