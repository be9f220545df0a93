/**
 * Delivery: MX resolution (through dns.DnsClient, TTL cache, resolver override), the SMTP client (our own, on JDK
 * sockets and virtual threads, with pipelining, STARTTLS and connection reuse; its time limits are kept by one
 * sweeping thread, {@code Deadlines}, not by socket timeouts), and the scheduler that
 * keeps one queue per destination domain, with concurrency and rate limits per receiving service (a
 * {@code Pool}: every domain Google hosts shares Google's, as the queue's {@code Rollup} groups them) that
 * slow down when the service asks. Every attempt is handed to {@code outcome} for judgement and to {@code queue} to settle,
 * with its {@code Transcript}: both sides of the dialogue, the connection, TLS version and cipher, and the message.
 */
package dev.homing.delivery;
