package dev.homing.delivery;

/**
 * A message ready for the wire: CRLF line ends, dot-stuffed, without the terminating dot.
 *
 * @param eightBit        true when it has octets above 127 (needs 8BITMIME)
 * @param eightBitHeaders true when its header section has octets above 127 (RFC 6532 headers: they need SMTPUTF8, RFC
 *                        6531 3.4; 8BITMIME covers the body only)
 */
record Payload(byte[] wire, boolean eightBit, boolean eightBitHeaders) {
    Payload(byte[] wire, boolean eightBit) {
        this(wire, eightBit, eightBit && eightBitHeader(wire) != null);
    }

    /** The first header line with an 8-bit octet, for the sentence that says why a message could not go. */
    String eightBitHeader() {
        return eightBitHeader(wire);
    }

    /** The name of the first header field with an 8-bit octet (the header section ends at the first empty line), or null. */
    private static String eightBitHeader(byte[] wire) {
        int start = 0;
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '\n') {
                if (i + 2 < wire.length && wire[i + 1] == '\r' && wire[i + 2] == '\n') {
                    return null;
                }
                start = i + 1;
            } else if (wire[i] < 0) {
                int end = start;
                while (end < wire.length && wire[end] != '\r' && wire[end] != '\n') {
                    end++;
                }
                String line = new String(wire, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
                int colon = line.indexOf(':');
                return colon > 0 ? line.substring(0, colon) : line.length() > 40 ? line.substring(0, 40) : line;
            }
        }
        return null;
    }
}
