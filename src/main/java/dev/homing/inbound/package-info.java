/**
 * After the 250: the inbound SMTP server for Homing's own addresses. For now it serves the
 * mailto: unsubscribe addresses (RFC 2369) and refuses everything else, so it is never an open
 * relay; bounces (DSN, VERP) and complaints (ARF) come next here.
 */
package dev.homing.inbound;
