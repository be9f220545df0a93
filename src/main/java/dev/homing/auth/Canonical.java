package dev.homing.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RFC 6376 section 3.4 canonicalization, simple and relaxed, and the split of a message into header fields and body. */
final class Canonical {
    private Canonical() {
    }

    /** One header field as it appears (name, and the whole raw field including folding, with CRLFs). */
    record Field(String name, String raw) {
    }

    /** A message split at the first empty line; line ends normalised to CRLF. The body stays in place: {@code data} from {@code bodyStart}. */
    record Message(List<Field> fields, byte[] data, int bodyStart, int end) {
        /** The body, copied out. */
        byte[] body() {
            return java.util.Arrays.copyOfRange(data, bodyStart, end);
        }
    }

    static Message parse(byte[] message) {
        byte[] crlf = toCrlf(message);
        return parse(crlf, crlf.length);
    }

    /** The first {@code length} octets of a message whose line ends are already CRLF, not copied. */
    static Message parse(byte[] crlf, int length) {
        int end = headEnd(crlf, length);
        String head = new String(crlf, 0, end < 0 ? length : end + 2, StandardCharsets.UTF_8);
        List<Field> fields = new ArrayList<>(24);
        StringBuilder cur = null;
        // lines by hand: String.split("\r\n") compiles a regular expression on every call
        for (int start = 0; start <= head.length(); ) {
            int eol = head.indexOf("\r\n", start);
            String line = head.substring(start, eol < 0 ? head.length() : eol);
            start = eol < 0 ? head.length() + 1 : eol + 2;
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && cur != null) {
                cur.append("\r\n").append(line);
            } else {
                if (cur != null) {
                    fields.add(field(cur.toString()));
                }
                cur = new StringBuilder(line);
            }
        }
        if (cur != null) {
            fields.add(field(cur.toString()));
        }
        return new Message(fields, crlf, end < 0 ? length : end + 4, length);
    }

    /** Where the first CRLF CRLF starts, or -1. */
    private static int headEnd(byte[] b, int length) {
        for (int i = 0; i + 3 < length; i++) {
            if (b[i + 3] == '\n') { // the rarest of the four first: most positions fail on one comparison
                if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r') {
                    return i;
                }
            }
        }
        return -1;
    }

    private static final byte[] SPACE = {' '};
    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * Feeds the canonical body (RFC 6376 3.4.3 relaxed, or 3.4.4 simple) to {@code digest} straight from
     * the message: runs that canonicalization leaves alone are hashed in place, so a body is never copied.
     * The same octets as {@link #relaxedBody} / {@link #simpleBody} of {@link Message#body()}.
     */
    static void digestBody(Message m, boolean relaxed, java.security.MessageDigest digest) {
        byte[] b = m.data();
        int from = m.bodyStart();
        int end = m.end();
        if (!relaxed) {
            // trailing empty lines go; a body without a final CRLF gets one; an empty body is one CRLF
            int e = end;
            while (e - from >= 4 && b[e - 1] == '\n' && b[e - 2] == '\r' && b[e - 3] == '\n' && b[e - 4] == '\r') {
                e -= 2;
            }
            if (e - from == 2 && b[from] == '\r' && b[from + 1] == '\n') {
                digest.update(CRLF);
                return;
            }
            digest.update(b, from, e - from);
            if (e - from == 0 || b[e - 1] != '\n' || b[e - 2] != '\r') {
                digest.update(CRLF);
            }
            return;
        }
        // relaxed: what ends the body after canonicalization is whitespace and CRLFs only; find where that tail starts
        int e = end;
        while (e > from) {
            if (e - from >= 2 && b[e - 1] == '\n' && b[e - 2] == '\r') {
                e -= 2;
            } else if (b[e - 1] == ' ' || b[e - 1] == '\t') {
                e--;
            } else {
                break;
            }
        }
        if (e == from) {
            return; // nothing but blank lines: the empty body
        }
        int run = from;
        for (int i = from; i < e; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t') {
                continue;
            }
            int j = i + 1;
            while (j < e && (b[j] == ' ' || b[j] == '\t')) {
                j++;
            }
            // j < e always: the region ends on something else than whitespace
            boolean beforeCrlf = b[j] == '\r' && j + 1 < e && b[j + 1] == '\n';
            if (!beforeCrlf && c == ' ' && j == i + 1) {
                continue; // a single space inside a line: canonical already
            }
            digest.update(b, run, i - run);
            if (!beforeCrlf) {
                digest.update(SPACE);
            }
            run = j;
            i = j - 1;
        }
        digest.update(b, run, e - run);
        digest.update(CRLF);
    }

    private static Field field(String raw) {
        int colon = raw.indexOf(':');
        return new Field(colon < 0 ? raw.strip() : raw.substring(0, colon).strip(), raw);
    }

    /** Relaxed header: lower-case name, unfolded, runs of whitespace to one space, none around the colon or at the end. */
    static String relaxedHeader(String raw) {
        int colon = raw.indexOf(':');
        String name = raw.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
        // one pass instead of regular expressions: this runs for every signed field of every message
        StringBuilder value = new StringBuilder(raw.length() - colon);
        boolean blank = false;
        for (int i = colon + 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                i++; // unfold: the CRLF goes, the whitespace after it stays
            } else if (c == ' ' || c == '\t') {
                blank = true;
            } else {
                if (blank) {
                    value.append(' ');
                    blank = false;
                }
                value.append(c);
            }
        }
        if (blank) {
            value.append(' '); // strip() below removes it, as it removed any other trailing whitespace
        }
        return name + ":" + value.toString().strip();
    }

    static String simpleHeader(String raw) {
        return raw;
    }

    /** Relaxed body: whitespace runs to one space, none at line ends, no trailing empty lines, CRLF at the end if not empty. */
    static byte[] relaxedBody(byte[] body) {
        // one pass over the bytes: whitespace runs become one space unless a line end follows them
        byte[] out = new byte[body.length + 2];
        int n = 0;
        boolean blank = false;
        for (int i = 0; i < body.length; i++) {
            byte c = body[i];
            if (c == ' ' || c == '\t') {
                blank = true;
            } else if (c == '\r' && i + 1 < body.length && body[i + 1] == '\n') {
                blank = false;
                out[n++] = '\r';
                out[n++] = '\n';
                i++;
            } else {
                if (blank) {
                    out[n++] = ' ';
                    blank = false;
                }
                out[n++] = c;
            }
        }
        // the last line (complete or not) ends with CRLF, as every line does
        out[n++] = '\r';
        out[n++] = '\n';
        return trimEmptyLines(out, n, false);
    }

    /** Simple body: no trailing empty lines; an empty body is one CRLF. */
    static byte[] simpleBody(byte[] body) {
        byte[] withEnd = body.length == 0 || endsWithCrlf(body) ? body : concat(body, new byte[]{'\r', '\n'});
        return trimEmptyLines(withEnd, withEnd.length, true);
    }

    private static byte[] trimEmptyLines(byte[] b, int length, boolean simple) {
        int len = length;
        while (len >= 4 && b[len - 1] == '\n' && b[len - 2] == '\r' && b[len - 3] == '\n' && b[len - 4] == '\r') {
            len -= 2;
        }
        if (len == 2 && b[0] == '\r' && b[1] == '\n') {
            len = simple ? 2 : 0; // an empty body: CRLF in simple, nothing in relaxed
        }
        if (len == 0 && simple) {
            return new byte[]{'\r', '\n'};
        }
        return java.util.Arrays.copyOf(b, len);
    }

    private static boolean endsWithCrlf(byte[] b) {
        return b.length >= 2 && b[b.length - 2] == '\r' && b[b.length - 1] == '\n';
    }

    static byte[] toCrlf(byte[] in) {
        int bare = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) {
                bare++;
            }
        }
        if (bare == 0) {
            return in; // the usual case (our own messages): no copy
        }
        byte[] out = new byte[in.length + bare];
        int j = 0;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\n' && (i == 0 || in[i - 1] != '\r')) {
                out[j++] = '\r';
            }
            out[j++] = b;
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
