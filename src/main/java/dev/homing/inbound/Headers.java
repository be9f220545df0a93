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
        while (i < n) {
            int end = block.indexOf('\n', i);
            if (end < 0) {
                end = n;
            }
            int lineEnd = end > i && block.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = block.substring(i, lineEnd);
            i = end + 1;
            if (line.isEmpty()) {
                break;
            }
            char c = line.charAt(0);
            if ((c == ' ' || c == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue; // not a field (mbox "From " line, garbage): skip it rather than give up on the block
            }
            if (name != null) {
                fields.add(new String[]{name, value.toString()});
            }
            name = line.substring(0, colon).strip();
            value.setLength(0);
            value.append(line.substring(colon + 1).strip());
        }
        if (name != null) {
            fields.add(new String[]{name, value.toString()});
        }
        return new Headers(fields);
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
