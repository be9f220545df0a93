package dev.homing.inbound;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The text of a part: transfer encoding undone, charset applied. Reads at most {@link #LIMIT}
 * bytes: the part of a bounce that explains it is short, and an attachment is never read whole.
 *
 * @param text           the decoded text
 * @param unknownCharset the declared charset when the JDK does not know it (the text was then read
 *                       as ISO-8859-1, which never fails), else null
 */
record BodyText(String text, String unknownCharset) {

    static final int LIMIT = 256 * 1024;

    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<Charset>> CHARSETS = new java.util.concurrent.ConcurrentHashMap<>();

    static BodyText of(Part part) {
        int end = Math.min(part.bodyEnd(), part.bodyStart() + LIMIT);
        byte[] raw = part.raw();
        String cte = part.headers().lower("Content-Transfer-Encoding").strip();
        byte[] bytes;
        int from = part.bodyStart();
        int length = end - from;
        if (cte.equals("base64")) {
            bytes = base64(raw, from, end);
            from = 0;
            length = bytes.length;
        } else if (cte.equals("quoted-printable")) {
            bytes = quotedPrintable(raw, from, end);
            from = 0;
            length = bytes.length;
        } else {
            bytes = raw;
        }
        String declared = part.type().charset();
        Charset charset = charset(declared);
        if (charset == null) {
            return new BodyText(new String(bytes, from, length, StandardCharsets.ISO_8859_1), declared);
        }
        String text = new String(bytes, from, length, charset);
        if (text.indexOf('\u001B') >= 0 && !charset.name().startsWith("ISO-2022") && ISO_2022_JP != null
                && (text.contains("\u001B$B") || text.contains("\u001B$@") || text.contains("\u001B(J"))) {
            // 7-bit Japanese text that declares no charset (a delivery-status part, a Notes report): RFC 1468's escapes say it
            text = new String(bytes, from, length, ISO_2022_JP);
        }
        return new BodyText(text, null);
    }

    /** RFC 1468, the usual encoding of Japanese mail; present in every JDK, but looked up once. */
    private static final Charset ISO_2022_JP = charset("ISO-2022-JP");

    /** The charset named, or UTF-8 when none is named (8-bit bounces are mostly UTF-8); null when unknown. */
    static Charset charset(String name) {
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        switch (n) {
            case "utf-8", "utf8" -> {
                return StandardCharsets.UTF_8;
            }
            case "us-ascii", "ascii", "ansi_x3.4-1968" -> {
                return StandardCharsets.US_ASCII;
            }
            case "iso-8859-1", "latin1" -> {
                return StandardCharsets.ISO_8859_1;
            }
            default -> {
            }
        }
        // a lookup by name is slow, and reports use a handful of names: remember each answer (unknown ones too)
        return CHARSETS.computeIfAbsent(n, k -> {
            try {
                return java.util.Optional.of(Charset.forName(k));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    private static byte[] base64(byte[] raw, int from, int to) {
        // The MIME decoder skips line breaks and stray characters; cut at the first '=' run's end so
        // trailing text after the padding (seen in truncated or concatenated parts) does not throw.
        byte[] clean = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/') {
                clean[n++] = b;
            } else if (b == '=') {
                break;
            }
        }
        n -= n % 4 == 1 ? 1 : 0; // a lone trailing sextet cannot be decoded
        try {
            return Base64.getDecoder().decode(pad(clean, n));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] pad(byte[] clean, int n) {
        int padded = (n + 3) / 4 * 4;
        byte[] out = java.util.Arrays.copyOf(clean, padded);
        for (int i = n; i < padded; i++) {
            out[i] = '=';
        }
        return out;
    }

    private static byte[] quotedPrintable(byte[] raw, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            if (i + 1 < to && raw[i + 1] == '\n') { // soft line break
                i += 1;
            } else if (i + 2 < to && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
                i += 2;
            } else if (i + 2 < to && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
