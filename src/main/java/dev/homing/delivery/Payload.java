package dev.homing.delivery;

/**
 * A message ready for the wire: CRLF line ends, dot-stuffed, without the terminating dot.
 *
 * @param eightBit true when it has octets above 127 (needs 8BITMIME)
 */
record Payload(byte[] wire, boolean eightBit) {
}
