package dev.homing.delivery;

/**
 * One recipient's copy, ready for the wire.
 *
 * @param envelopeFrom the MAIL FROM address (a VERP address for campaigns)
 * @param wire         the message: CRLF line ends, dot-stuffed, without the terminating dot
 * @param eightBit     true when it has octets above 127 (needs 8BITMIME)
 */
public record Copy(String envelopeFrom, byte[] wire, boolean eightBit) {
}
