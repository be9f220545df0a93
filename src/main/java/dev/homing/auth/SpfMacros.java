package dev.homing.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Macro strings (RFC 7208 7): checks their syntax and expands them. {@code %{s l o d i p h v}} everywhere,
 * {@code c r t} only in explanation text; digits keep that many right-hand parts, "r" reverses, delimiters
 * choose where to split; an uppercase letter URL-escapes the result; {@code %% %_ %-} are "%", " ", "%20".
 */
final class SpfMacros {
    private static final String DELIMITERS = ".-+,/_=";
    private static final String LETTERS = "slodiphv";
    private static final String EXPLANATION_LETTERS = "slodiphvcrt";

    /**
     * What the letters stand for in one evaluation.
     *
     * @param validatedName the %{p} value for a current domain (a DNS lookup, made only when used)
     */
    record Context(String sender, String localPart, String senderDomain, InetAddress ip, String helo, String receiver,
                   long timestamp, UnaryOperator<String> validatedName) {
    }

    private SpfMacros() {
    }

    /**
     * Checks the syntax and says whether the string ends with a macro-expand (a domain-spec may end so).
     *
     * @throws SpfException permerror naming the fault
     */
    static boolean check(String s, boolean explanation) throws SpfException {
        return walk(s, explanation, null, null, null);
    }

    /** Expands a macro string whose syntax {@link #check} accepted; {@code domain} is the current domain. */
    static String expand(String s, Context c, String domain, boolean explanation) throws SpfException {
        StringBuilder out = new StringBuilder();
        walk(s, explanation, c, domain, out);
        return out.toString();
    }

    private static boolean walk(String s, boolean explanation, Context c, String domain, StringBuilder out) throws SpfException {
        boolean endsWithExpand = false;
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch != '%') {
                boolean ok = ch >= 0x21 && ch <= 0x7e || explanation && ch == ' ';
                if (!ok) {
                    throw SpfException.perm(String.format("character 0x%02X is not allowed in \"%s\"", (int) ch, s));
                }
                append(out, String.valueOf(ch));
                endsWithExpand = false;
                i++;
                continue;
            }
            char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
            endsWithExpand = true;
            switch (next) {
                case '%' -> append(out, "%");
                case '_' -> append(out, " ");
                case '-' -> append(out, "%20");
                case '{' -> {
                    int close = s.indexOf('}', i + 2);
                    if (close < 0) {
                        throw SpfException.perm("macro without closing \"}\" in \"" + s + "\"");
                    }
                    String body = s.substring(i + 2, close);
                    append(out, macro(body, s, explanation, c, domain));
                    i = close + 1;
                    continue;
                }
                default -> throw SpfException.perm("\"%\" must be followed by {, %, _ or - in \"" + s + "\"");
            }
            i += 2;
        }
        return endsWithExpand;
    }

    private static void append(StringBuilder out, String s) {
        if (out != null) {
            out.append(s);
        }
    }

    /** One %{...}: letter, transformers (digits, "r"), delimiters. */
    private static String macro(String body, String whole, boolean explanation, Context c, String domain) throws SpfException {
        if (body.isEmpty()) {
            throw SpfException.perm("empty macro %{} in \"" + whole + "\"");
        }
        char letter = body.charAt(0);
        String allowed = explanation ? EXPLANATION_LETTERS : LETTERS;
        if (allowed.indexOf(Character.toLowerCase(letter)) < 0 || !Character.isLetter(letter)) {
            throw SpfException.perm("unknown macro letter \"" + letter + "\" in \"" + whole + "\""
                    + ("crtCRT".indexOf(letter) >= 0 ? " (c, r and t are only allowed in explanation text)" : ""));
        }
        int i = 1;
        while (i < body.length() && Character.isDigit(body.charAt(i))) {
            i++;
        }
        String digits = body.substring(1, i);
        int keep = 0;
        if (!digits.isEmpty()) {
            keep = digits.length() > 3 ? 999 : Integer.parseInt(digits);
            if (keep == 0) {
                throw SpfException.perm("macro %{" + body + "} keeps zero parts in \"" + whole + "\"");
            }
        }
        boolean reverse = i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R');
        if (reverse) {
            i++;
        }
        String delimiters = body.substring(i);
        for (char d : delimiters.toCharArray()) {
            if (DELIMITERS.indexOf(d) < 0) {
                throw SpfException.perm("macro %{" + body + "} has \"" + d + "\" where a delimiter (" + DELIMITERS
                        + ") belongs in \"" + whole + "\"");
            }
        }
        if (c == null) {
            return "";
        }
        String value = value(Character.toLowerCase(letter), c, domain);
        List<String> parts = split(value, delimiters.isEmpty() ? "." : delimiters);
        if (reverse) {
            Collections.reverse(parts);
        }
        if (keep > 0 && keep < parts.size()) {
            parts = parts.subList(parts.size() - keep, parts.size());
        }
        String joined = String.join(".", parts);
        return Character.isUpperCase(letter) ? urlEscape(joined) : joined;
    }

    private static String value(char letter, Context c, String domain) {
        return switch (letter) {
            case 's' -> c.sender();
            case 'l' -> c.localPart();
            case 'o' -> c.senderDomain();
            case 'd' -> domain;
            case 'i' -> Ip.dotted(c.ip());
            case 'p' -> c.validatedName().apply(domain);
            case 'h' -> c.helo();
            case 'v' -> c.ip() instanceof Inet6Address ? "ip6" : "in-addr";
            case 'c' -> Ip.readable(c.ip());
            case 'r' -> c.receiver();
            case 't' -> Long.toString(c.timestamp());
            default -> throw new IllegalStateException("letter " + letter);
        };
    }

    private static List<String> split(String value, String delimiters) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delimiters.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /** RFC 7208 7.3: everything but the URI unreserved characters becomes %XX (of its UTF-8 octets). */
    private static String urlEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xff;
            if (v >= 'a' && v <= 'z' || v >= 'A' && v <= 'Z' || v >= '0' && v <= '9' || "-._~".indexOf(v) >= 0) {
                out.append((char) v);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", v));
            }
        }
        return out.toString();
    }
}
