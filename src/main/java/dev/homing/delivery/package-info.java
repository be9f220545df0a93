/**
 * Delivery: MX resolution (dnsjava, TTL cache, resolver override), the SMTP client (our own, on JDK
 * sockets and virtual threads, with pipelining, STARTTLS and connection reuse), and the scheduler that
 * keeps one queue per destination with concurrency and rate limits that slow down when the
 * destination asks. Every attempt is handed to {@code outcome} for judgement and to {@code queue} to settle.
 */
package dev.homing.delivery;
