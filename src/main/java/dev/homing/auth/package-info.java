/**
 * Authenticate: DKIM signing (RFC 6376, rsa-sha256, and ed25519-sha256 per RFC 8463) of outgoing
 * messages with keys made and kept here. SPF, DKIM verification and DMARC checks of the sender's
 * domain come next in this package.
 */
package dev.homing.auth;
