package dev.homing.campaign;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The transfer encoding of one text part, chosen per part (RFC 2045): 7bit when the text is ASCII
 * with short lines; quoted-printable when it is mostly ASCII (stays readable, small); base64 when
 * much of it is not (QP would triple it). Output lines never exceed 76 characters plus CRLF.
 */
enum BodyEncoding {
    SEVEN_BIT("7bit"), QUOTED_PRINTABLE("quoted-printable"), BASE64("base64");

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private final String label;

    BodyEncoding(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The encoding for this text (line ends already CRLF). */
    static BodyEncoding choose(byte[] utf8) {
        int nonAscii = 0;
        int line = 0;
        int longest = 0;
        boolean control = false;
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b < 0) {
                nonAscii++;
            } else if (b == '\n') {
                longest = Math.max(longest, line);
                line = 0;
                continue;
            } else if (b < 32 && b != '\r' && b != '\t') {
                control = true;
            }
            line++;
        }
        longest = Math.max(longest, line);
        if (nonAscii == 0 && !control && longest <= 78) {
            return SEVEN_BIT;
        }
        return nonAscii * 3 > utf8.length ? BASE64 : QUOTED_PRINTABLE;
    }

    /** The part's body in this encoding, CRLF line ends, ending with CRLF. */
    byte[] encode(byte[] utf8) {
        return switch (this) {
            case SEVEN_BIT -> endWithCrlf(utf8);
            case BASE64 -> endWithCrlf(Base64.getMimeEncoder(76, new byte[]{'\r', '\n'}).encode(utf8));
            case QUOTED_PRINTABLE -> quotedPrintable(utf8);
        };
    }

    private static byte[] endWithCrlf(byte[] b) {
        int n = b.length;
        if (n >= 2 && b[n - 2] == '\r' && b[n - 1] == '\n') {
            return b;
        }
        byte[] out = java.util.Arrays.copyOf(b, n + 2);
        out[n] = '\r';
        out[n + 1] = '\n';
        return out;
    }

    /** RFC 2045 6.7: hard line breaks stay CRLF; soft breaks keep encoded lines at 76; trailing blanks encoded. */
    static byte[] quotedPrintable(byte[] in) {
        // into a plain array sized for the worst case (every byte "=XX", a soft break per 25 of those):
        // a ByteArrayOutputStream's synchronized write per byte was a tenth of a campaign's CPU
        byte[] out = new byte[in.length * 3 + in.length / 8 + 8];
        int n = 0;
        int col = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                out[n++] = '\r';
                out[n++] = '\n';
                col = 0;
                i++;
                continue;
            }
            boolean lineEnds = i + 1 == in.length || (in[i + 1] == '\r' && i + 2 < in.length && in[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnds);
            // a dot alone at the start of a line is safe after dot-stuffing, but some relays mangle it: encode it
            if (b == '.' && col == 0) {
                literal = false;
            }
            int width = literal ? 1 : 3;
            if (col + width > 75) {
                out[n++] = '=';
                out[n++] = '\r';
                out[n++] = '\n';
                col = 0;
            }
            if (literal) {
                out[n++] = (byte) b;
            } else {
                out[n++] = '=';
                out[n++] = HEX[b >> 4];
                out[n++] = HEX[b & 15];
            }
            col += width;
        }
        return endWithCrlf(java.util.Arrays.copyOf(out, n));
    }
}
