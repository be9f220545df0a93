package dev.homing.campaign;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The transfer encoding of one text part, chosen per part (RFC 2045): 7bit when the text is ASCII
 * with short lines; quoted-printable when it is mostly ASCII (stays readable, small); base64 when
 * much of it is not (QP would triple it). Output lines never exceed 76 characters plus CRLF.
 */
enum BodyEncoding {
    SEVEN_BIT("7bit"), QUOTED_PRINTABLE("quoted-printable"), BASE64("base64");

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Octets QP copies as they are wherever they stand: printable ASCII but '=' and '.' (a dot is encoded at a line start). */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            PLAIN[b] = b != '=' && b != '.';
        }
    }

    private final String label;

    BodyEncoding(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** The encoding for this text (line ends already CRLF). */
    static BodyEncoding choose(byte[] utf8) {
        Text t = new Text(utf8.length);
        t.ascii(utf8, utf8.length);
        return t.encoding();
    }

    /** The part's body in this encoding, CRLF line ends, ending with CRLF. */
    byte[] encode(byte[] utf8) {
        Out out = new Out(utf8.length + utf8.length / 4 + 8);
        encode(utf8, utf8.length, out);
        return Arrays.copyOf(out.buf, out.len);
    }

    /** Appends the first {@code len} octets of {@code utf8} in this encoding to {@code out}, ending with CRLF. */
    void encode(byte[] utf8, int len, Out out) {
        switch (this) {
            case SEVEN_BIT -> {
                out.put(utf8, 0, len);
                endWithCrlf(out);
            }
            case BASE64 -> {
                out.put(Base64.getMimeEncoder(76, new byte[]{'\r', '\n'}).encode(Arrays.copyOf(utf8, len)));
                endWithCrlf(out);
            }
            case QUOTED_PRINTABLE -> quotedPrintable(utf8, len, out);
        }
    }

    private static void endWithCrlf(Out out) {
        int n = out.len;
        if (n >= 2 && out.buf[n - 2] == '\r' && out.buf[n - 1] == '\n') {
            return;
        }
        out.room(2);
        out.buf[out.len++] = '\r';
        out.buf[out.len++] = '\n';
    }

    /** RFC 2045 6.7 of a whole text: see {@link #quotedPrintable(byte[], int, Out)}. */
    static byte[] quotedPrintable(byte[] in) {
        Out out = new Out(in.length + in.length / 4 + 8);
        quotedPrintable(in, in.length, out);
        return Arrays.copyOf(out.buf, out.len);
    }

    /** RFC 2045 6.7: hard line breaks stay CRLF; soft breaks keep encoded lines at 76; trailing blanks encoded. */
    static void quotedPrintable(byte[] in, int len, Out sink) {
        // straight into the message buffer: the intermediate worst-case array (3x the text) and its copies were
        // a tenth of a signed campaign's CPU
        byte[] out = sink.buf;
        int n = sink.len;
        int col = 0;
        for (int i = 0; i < len; i++) {
            if (n + 6 > out.length) {
                sink.len = n;
                sink.room(6 + (len - i) + (len - i) / 4);
                out = sink.buf;
            }
            int b = in[i] & 0xff;
            if (PLAIN[b] && col < 75) {
                // most octets of a mostly-ASCII text: copied, no soft break due
                out[n++] = (byte) b;
                col++;
                continue;
            }
            if (b == '\r' && i + 1 < len && in[i + 1] == '\n') {
                out[n++] = '\r';
                out[n++] = '\n';
                col = 0;
                i++;
                continue;
            }
            boolean lineEnds = i + 1 == len || (in[i + 1] == '\r' && i + 2 < len && in[i + 2] == '\n');
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
        sink.len = n;
        endWithCrlf(sink);
    }

    /**
     * Literal text of a template, encoded as {@link Text} would encode it, once per campaign; {@code utf8}
     * is null when the text has surrogates (it is then written character by character).
     */
    static final class Chunk {
        final String source;
        final byte[] utf8;
        final int nonAscii;
        final boolean control;
        /** The first line's length with its CR, or -1 when the text has no line end. */
        final int first;
        final int longest;
        /** The length of the text after its last line end (all of it when there is none). */
        final int tail;
        final boolean startsLf;
        final boolean endsCr;

        Chunk(String source) {
            this.source = source;
            Text t = new Text(source.length() + 16);
            t.write(source);
            boolean surrogates = false;
            for (int i = 0; i < source.length() && !surrogates; i++) {
                surrogates = Character.isSurrogate(source.charAt(i));
            }
            this.utf8 = surrogates ? null : Arrays.copyOf(t.buf, t.len);
            this.nonAscii = t.nonAscii;
            this.control = t.control;
            this.first = t.first;
            this.longest = t.longest;
            this.tail = t.line;
            this.startsLf = !source.isEmpty() && source.charAt(0) == '\n';
            this.endsCr = t.afterCr;
        }
    }

    /** A growable octet buffer: the message being built. */
    static final class Out {
        byte[] buf;
        int len;

        Out(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        /** Makes room for {@code more} octets past {@code len}. */
        void room(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length + (buf.length >> 1), len + more));
            }
        }

        void put(byte[] b) {
            put(b, 0, b.length);
        }

        void put(byte[] b, int off, int n) {
            room(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        /** A string known to be ASCII (MIME boundaries and part headers), one octet per character. */
        void ascii(String s) {
            int n = s.length();
            room(n);
            s.getBytes(0, n, buf, len); // the deprecated form copies without an intermediate array: right for ASCII only
            len += n;
        }
    }

    /**
     * A rendered text part as the template writes it: UTF-8 with every line end (CRLF, LF or a lone CR)
     * made CRLF, and what {@link #encoding()} needs counted on the way, so the text is never a String,
     * never copied for its line ends and never scanned again before it is encoded.
     */
    static final class Text extends Writer {
        byte[] buf;
        int len;
        private int nonAscii;
        private boolean control;
        private int line;
        private int longest;
        /** The last character was a CR (already written as CRLF): an LF right after it is the same line end. */
        private boolean afterCr;
        /** A high surrogate waiting for its low half (0: none). */
        private char high;
        /** The length of the first line, CR included, once it has ended (-1 before): what a {@link Chunk} needs. */
        private int first = -1;

        Text(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        /** The encoding {@link BodyEncoding#choose} picks for this text. */
        BodyEncoding encoding() {
            int longestLine = Math.max(longest, line);
            if (nonAscii == 0 && !control && longestLine <= 78) {
                return SEVEN_BIT;
            }
            return nonAscii * 3 > len ? BASE64 : QUOTED_PRINTABLE;
        }

        /** Octets already CRLF (the byte[] form of {@link BodyEncoding#choose}): counted and kept as they are. */
        void ascii(byte[] b, int n) {
            room(n);
            for (int i = 0; i < n; i++) {
                byte c = b[i];
                buf[len++] = c;
                count(c);
            }
        }

        private void count(byte c) {
            if (c < 0) {
                nonAscii++;
            } else if (c == '\n') {
                longest = Math.max(longest, line);
                line = 0;
                return;
            } else if (c < 32 && c != '\r' && c != '\t') {
                control = true;
            }
            line++;
        }

        @Override
        public void write(String s, int off, int n) {
            room(n);
            byte[] b = buf;
            int p = len;
            int col = line;
            int end = off + n;
            // after a CR or half a surrogate pair even a printable character needs the careful path
            boolean pending = afterCr || high != 0;
            for (int i = off; i < end; i++) {
                char c = s.charAt(i);
                if (c >= 32 && c < 128 && !pending) {
                    b[p++] = (byte) c;
                    col++;
                    continue;
                }
                len = p;
                line = col;
                other(c, end - i);
                b = buf;
                p = len;
                col = line;
                pending = afterCr || high != 0;
            }
            len = p;
            line = col;
        }

        @Override
        public void write(String s) {
            write(s, 0, s.length());
        }

        @Override
        public void write(char[] cs, int off, int n) {
            write(new String(cs, off, n));
        }

        @Override
        public void write(int c) {
            other((char) c, 1);
        }

        /**
         * Every character but printable ASCII: line ends, control characters, tabs, non-ASCII as UTF-8
         * (an unpaired surrogate as '?', as String.getBytes does); {@code left} characters remain to write.
         */
        private void other(char c, int left) {
            room(left + 8);
            if (high != 0) {
                char h = high;
                high = 0;
                if (Character.isLowSurrogate(c)) {
                    int cp = Character.toCodePoint(h, c);
                    buf[len++] = (byte) (0xf0 | (cp >> 18));
                    buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                    buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                    buf[len++] = (byte) (0x80 | (cp & 0x3f));
                    nonAscii += 4;
                    line += 4;
                    return;
                }
                buf[len++] = '?';
                line++;
            }
            boolean cr = afterCr;
            afterCr = false;
            if (c == '\r') {
                crlf();
                afterCr = true;
            } else if (c == '\n') {
                if (!cr) {
                    crlf();
                }
            } else if (c < 128) {
                if (c < 32 && c != '\t') {
                    control = true;
                }
                buf[len++] = (byte) c;
                line++;
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xc0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
                nonAscii += 2;
                line += 2;
            } else if (Character.isHighSurrogate(c)) {
                high = c;
            } else if (Character.isLowSurrogate(c)) {
                buf[len++] = '?';
                line++;
            } else {
                buf[len++] = (byte) (0xe0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[len++] = (byte) (0x80 | (c & 0x3f));
                nonAscii += 3;
                line += 3;
            }
        }

        private void crlf() {
            buf[len++] = '\r';
            buf[len++] = '\n';
            longest = Math.max(longest, line + 1); // the CR counts in the line's length, as choose() counts it
            if (first < 0) {
                first = line + 1;
            }
            line = 0;
        }

        /** Literal template text encoded once: copied, and its counts added, without looking at a character. */
        void write(Chunk c) {
            if (c.source.isEmpty()) {
                return; // between two adjacent tags: nothing, and the state stays as the first value left it
            }
            if (c.utf8 == null || high != 0 || (afterCr && c.startsLf)) {
                write(c.source); // where it joins what came before it needs the careful path
                return;
            }
            int n = c.utf8.length;
            room(n);
            System.arraycopy(c.utf8, 0, buf, len, n);
            len += n;
            nonAscii += c.nonAscii;
            control |= c.control;
            if (c.first < 0) {
                line += c.tail;
            } else {
                if (first < 0) {
                    first = line + c.first;
                }
                longest = Math.max(longest, Math.max(line + c.first, c.longest));
                line = c.tail;
            }
            afterCr = c.endsCr;
        }

        /** A value shown in HTML, escaped as {@link dev.homing.http.Html} escapes, streamed without a copy. */
        void escaped(String s) {
            int n = s.length();
            int from = 0;
            for (int i = 0; i < n; i++) {
                String e = dev.homing.http.Html.entity(s.charAt(i));
                if (e != null) {
                    write(s, from, i - from);
                    write(e, 0, e.length());
                    from = i + 1;
                }
            }
            write(s, from, n - from);
        }

        /** Ends the text: a high surrogate left alone becomes '?'. */
        Text done() {
            if (high != 0) {
                high = 0;
                room(1);
                buf[len++] = '?';
                line++;
            }
            return this;
        }

        private void room(int more) {
            if (len + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
