package dev.homing.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Header field text on the wire: RFC 2047 encoded-words for non-ASCII text (UTF-8, "B" encoding,
 * each word at most 75 characters and never splitting a character), display names quoted when
 * they hold specials, and long fields folded at spaces so no line passes 78 characters when it can
 * be helped (and never 998). The one header encoder: campaign copies and {@link MessageWriter} use it.
 */
public final class HeaderEncoding {
    private static final String SPECIALS = "()<>[]:;@\\,.\"";
    /** 36 octets make 48 base64 characters, a 60-character word: "Subject: " and one word fit in 78. */
    private static final int WORD_OCTETS = 36;

    private HeaderEncoding() {
    }

    public static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 32 || c > 126) {
                return false;
            }
        }
        return true;
    }

    /** Unstructured text (Subject): as is when plain ASCII, otherwise encoded-words separated by folding. */
    public static String text(String value) {
        String v = value.replace('\r', ' ').replace('\n', ' ');
        if (isPlain(v)) {
            return v;
        }
        return words(v);
    }

    /** A mailbox with an optional display name: {@code "Name" <addr>}, {@code =?UTF-8?B?...?= <addr>} or {@code addr}. */
    public static String mailbox(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        String n = name.replace('\r', ' ').replace('\n', ' ').strip();
        if (!isPlain(n)) {
            return words(n) + " <" + address + ">";
        }
        boolean special = n.chars().anyMatch(c -> SPECIALS.indexOf(c) >= 0);
        return (special ? "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\"" : n) + " <" + address + ">";
    }

    /** Encoded-words for the whole value, joined with a space (which folding may turn into CRLF SP). */
    public static String words(String v) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < v.length()) {
            int octets = 0;
            int j = i;
            while (j < v.length()) {
                int cp = v.codePointAt(j);
                int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (octets + len > WORD_OCTETS) {
                    break;
                }
                octets += len;
                j += Character.charCount(cp);
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(v.substring(i, j).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            i = j;
        }
        return out.toString();
    }

    /** "Name: value" folded at spaces (RFC 5322 2.2.3), lines ending CRLF. */
    public static String field(String name, String value) {
        String line = name + ": " + value;
        if (line.length() <= 78) {
            return line + "\r\n";
        }
        StringBuilder out = new StringBuilder(line.length() + 16);
        int start = 0;
        while (line.length() - start > 78) {
            int cut = line.lastIndexOf(' ', start + 78);
            if (cut <= start + name.length() + 1) {
                cut = line.indexOf(' ', start + 78);
                if (cut < 0) {
                    break; // one long word: it stays whole (the caller keeps words under 998)
                }
            }
            out.append(line, start, cut).append("\r\n");
            start = cut; // the space starts the continuation line
        }
        out.append(line, start, line.length()).append("\r\n");
        return out.toString();
    }
}
