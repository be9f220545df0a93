package dev.homing.inbound;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An unfolded header block, in order. Names are compared case-insensitively; values keep their
 * text (RFC 2047 words are decoded only where a reader needs them, see {@link EncodedWords}).
 */
record Headers(List<String[]> fields) {

    static final Headers EMPTY = new Headers(List.of());

    /** Parses header lines from bytes[from, to); the bytes are read as UTF-8 (8-bit headers are common in bounces). */
    static Headers parse(byte[] bytes, int from, int to) {
        String block = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return parse(block);
    }

    static Headers parse(String block) {
        List<String[]> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        int i = 0;
        int n = block.length();
        // by indices into the block: a substring per line costs more than the parse itself on long Received chains
        while (i < n) {
            int end = block.indexOf('\n', i);
            if (end < 0) {
                end = n;
            }
            int lineStart = i;
            int lineEnd = end > i && block.charAt(end - 1) == '\r' ? end - 1 : end;
            i = end + 1;
            if (lineEnd == lineStart) {
                break;
            }
            char c = block.charAt(lineStart);
            if ((c == ' ' || c == '\t') && name != null) {
                appendStripped(value.append(' '), block, lineStart, lineEnd);
                continue;
            }
            int colon = indexOf(block, ':', lineStart, lineEnd);
            if (name != null && !value.isEmpty() && value.charAt(value.length() - 1) == ';') {
                int equals = indexOf(block, '=', lineStart, lineEnd);
                if (colon <= lineStart || equals >= 0 && equals < colon) {
                    // a parameter line the writer forgot to indent ("Content-Type: multipart/alternative;" then "boundary=...")
                    appendStripped(value.append(' '), block, lineStart, lineEnd);
                    continue;
                }
            }
            if (colon <= lineStart) {
                continue; // not a field (mbox "From " line, garbage): skip it rather than give up on the block
            }
            if (name != null) {
                fields.add(new String[]{name, value.toString()});
            }
            name = block.substring(lineStart, colon).strip();
            value.setLength(0);
            appendStripped(value, block, colon + 1, lineEnd);
        }
        if (name != null) {
            fields.add(new String[]{name, value.toString()});
        }
        return new Headers(fields);
    }

    private static int indexOf(String s, char c, int from, int to) {
        int at = s.indexOf(c, from);
        return at < to ? at : -1;
    }

    private static void appendStripped(StringBuilder out, String s, int from, int to) {
        while (from < to && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        out.append(s, from, to);
    }

    /** The first value of the field, or null. */
    String get(String name) {
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                return f[1];
            }
        }
        return null;
    }

    List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (String[] f : fields) {
            if (f[0].equalsIgnoreCase(name)) {
                out.add(f[1]);
            }
        }
        return out;
    }

    boolean has(String name) {
        return get(name) != null;
    }

    /** The value lower-cased, or "" when absent: for tests against known words. */
    String lower(String name) {
        String v = get(name);
        return v == null ? "" : v.toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return fields.isEmpty();
    }
}
