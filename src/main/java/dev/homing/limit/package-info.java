/**
 * Limits on what outsiders may do per key in a sliding window ({@link dev.homing.limit.Window}): one
 * mechanism for the web faces (form posts, lookups, logins) and the inbound server (messages per sender).
 */
package dev.homing.limit;
