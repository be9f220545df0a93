/**
 * SMTP protocol primitives shared by the client ({@code delivery}), the sandbox server and,
 * later, the inbound server: reply codes and enhanced status codes (RFC 5321, RFC 3463),
 * the stages of a transaction, the internal codes Homing uses for failures that have no SMTP
 * reply, and a bounded reply reader that turns a misbehaving server into a clear error.
 * Nothing here opens a socket or makes a decision about a delivery.
 */
package dev.homing.smtp;
