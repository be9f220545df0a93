/**
 * Mail protocol primitives shared by the client ({@code delivery}), the sandbox server and the inbound
 * server: reply codes and enhanced status codes (RFC 5321, RFC 3463), the stages of a transaction, the
 * internal codes Homing uses for failures that have no SMTP reply, a bounded reply reader that turns a
 * misbehaving server into a clear error, the EHLO name check ({@code HeloName}), the white-space squeezer
 * of reply texts ({@code Reply.squeeze}), and the one writer of template-free messages
 * ({@code MessageWriter}: RFC 5322 and MIME), and {@code MessageHead}, the Message-ID, Subject and size a delivery log
 * shows. Nothing here opens a socket or makes a decision about a delivery.
 */
package dev.homing.smtp;
