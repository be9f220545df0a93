/**
 * Authenticate: DKIM signing (RFC 6376, rsa-sha256, and ed25519-sha256 per RFC 8463) of outgoing
 * messages with keys made and kept here, DKIM verification, and the checks of the sender's domain that
 * receivers make: SPF evaluation per RFC 7208 ({@link dev.homing.auth.SpfEvaluator}), DMARC records and their
 * lookup per RFC 7489 ({@link dev.homing.auth.DmarcLookup}), and the sender-domain check
 * ({@link dev.homing.auth.SenderDomainCheck}) that turns SPF, DKIM key, DMARC, alignment, bounce MX and reverse DNS
 * into findings with plain fixes. DNS is reached through {@link dev.homing.dns.Dns}, which keeps "no such
 * record" apart from "DNS failed".
 */
package dev.homing.auth;
