/**
 * Audience: recipient files and address validation. For now: a streaming reader of recipient
 * files (one address per line, or CSV with an {@code email} column and merge-field columns) that
 * reports every bad row with its file and line, and the address check used before anything is
 * queued; and address hygiene ({@link dev.homing.list.Hygiene}: syntax, domains that cannot receive
 * mail, provider typos, role accounts) with its per-list report ({@link dev.homing.list.HygieneReport}).
 * Lists, consent and suppression come later.
 */
package dev.homing.list;
