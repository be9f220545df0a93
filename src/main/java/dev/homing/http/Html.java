package dev.homing.http;

/**
 * The one HTML escaper: every text that reaches HTML (the web UI's small pages, the opt-in mails, the
 * safelist steps, a campaign's merge values) goes through it. The five characters that can end a text
 * or an attribute value, as OWASP's XSS prevention rules list them.
 */
public final class Html {
    private Html() {
    }

    /** The text with &lt; &gt; &amp; " and ' as entities; null is the empty string. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = entity(c);
            if (e == null) {
                sb.append(c);
            } else {
                sb.append(e);
            }
        }
        return sb.toString();
    }

    /** The entity a character is written as in HTML, or null when it stands as itself (for writers that stream). */
    public static String entity(char c) {
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
