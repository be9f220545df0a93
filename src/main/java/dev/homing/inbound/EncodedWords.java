package dev.homing.inbound;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes RFC 2047 encoded words ("=?utf-8?B?...?=") in a header value, for subjects read by rules. */
final class EncodedWords {
    private EncodedWords() {
    }

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=(\\s+(?==\\?))?");

    static String decode(String value) {
        if (value == null || !value.contains("=?")) {
            return value;
        }
        Matcher m = WORD.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset cs = BodyText.charset(m.group(1).replaceFirst("\\*.*$", ""));
            String decoded;
            try {
                byte[] bytes = m.group(2).equalsIgnoreCase("B")
                        ? Base64.getMimeDecoder().decode(m.group(3))
                        : q(m.group(3));
                decoded = new String(bytes, cs == null ? StandardCharsets.ISO_8859_1 : cs);
            } catch (IllegalArgumentException e) {
                decoded = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(decoded));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static byte[] q(String s) {
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                out[n++] = ' ';
            } else if (c == '=' && i + 2 < s.length() && java.util.HexFormat.isHexDigit(s.charAt(i + 1)) && java.util.HexFormat.isHexDigit(s.charAt(i + 2))) {
                out[n++] = (byte) (java.util.HexFormat.fromHexDigit(s.charAt(i + 1)) << 4 | java.util.HexFormat.fromHexDigit(s.charAt(i + 2)));
                i += 2;
            } else {
                // a character, or an "=" without two hexadecimal digits after it (a damaged word): kept as it stands
                out[n++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
