package dev.homing.campaign;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The text written as the template renders it, and its encoding, equal the String-based way they were made before. */
class BodyEncodingTest {
    private static final String[] PIECES = {"a", "Hello ", " ", "\t", "\r", "\n", "\r\n", ".", "=", "é", "€", "😀", "\uD83D", "\uDE00",
            "\u0001", "x".repeat(90), "<p style=\"margin:0\">", "&"};

    @Test
    void renderedTextEqualsCrlfThenUtf8AndChoosesTheSameEncoding() {
        Random r = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder whole = new StringBuilder();
            BodyEncoding.Text t = new BodyEncoding.Text(8);
            int writes = r.nextInt(8);
            for (int w = 0; w < writes; w++) {
                StringBuilder piece = new StringBuilder();
                for (int k = r.nextInt(6); k > 0; k--) {
                    piece.append(PIECES[r.nextInt(PIECES.length)]);
                }
                whole.append(piece);
                // the same text through the three ways a template writes: as it comes, as a literal chunk, escaped
                switch (r.nextInt(3)) {
                    case 0 -> t.write(piece.toString());
                    case 1 -> t.write(new BodyEncoding.Chunk(piece.toString()));
                    default -> {
                        t.escaped(piece.toString());
                        whole.setLength(whole.length() - piece.length());
                        whole.append(piece.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                                .replace("\"", "&quot;").replace("'", "&#39;"));
                    }
                }
            }
            t.done();
            byte[] expected = whole.toString().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] got = java.util.Arrays.copyOf(t.buf, t.len);
            assertThat(java.util.HexFormat.of().formatHex(got)).as("text %s", whole.chars().boxed().toList()).isEqualTo(java.util.HexFormat.of().formatHex(expected));
            assertThat(t.encoding()).as("text %s", whole.chars().boxed().toList()).isEqualTo(chooseBefore(expected));
            assertThat(BodyEncoding.quotedPrintable(expected)).as("text %s", whole.chars().boxed().toList()).isEqualTo(quotedPrintableBefore(expected));
        }
    }

    /** The choice as it was made on the whole octets. */
    private static BodyEncoding chooseBefore(byte[] utf8) {
        int nonAscii = 0;
        int line = 0;
        int longest = 0;
        boolean control = false;
        for (byte b : utf8) {
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
            return BodyEncoding.SEVEN_BIT;
        }
        return nonAscii * 3 > utf8.length ? BodyEncoding.BASE64 : BodyEncoding.QUOTED_PRINTABLE;
    }

    /** Quoted-printable as it was written, octet by octet. */
    private static byte[] quotedPrintableBefore(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int col = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                out.write('\r');
                out.write('\n');
                col = 0;
                i++;
                continue;
            }
            boolean lineEnds = i + 1 == in.length || (in[i + 1] == '\r' && i + 2 < in.length && in[i + 2] == '\n');
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnds);
            if (b == '.' && col == 0) {
                literal = false;
            }
            int width = literal ? 1 : 3;
            if (col + width > 75) {
                out.write('=');
                out.write('\r');
                out.write('\n');
                col = 0;
            }
            if (literal) {
                out.write(b);
            } else {
                out.writeBytes(String.format("=%02X", b).getBytes(StandardCharsets.US_ASCII));
            }
            col += width;
        }
        byte[] b = out.toByteArray();
        if (b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n') {
            return b;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
