package dev.homing.inbound;

import java.util.regex.Pattern;

/** The readable text of an HTML part, for bounces that only have one: tags out, line breaks kept. */
final class Html {
    private Html() {
    }

    private static final Pattern BREAK = Pattern.compile("(?i)<(br|/p|/div|/tr|/li|/h\\d)[^>]*>");
    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)[^>]*>.*?</\\1>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    static String text(String html) {
        String t = HIDDEN.matcher(html).replaceAll(" ");
        t = BREAK.matcher(t).replaceAll("\n");
        t = TAG.matcher(t).replaceAll(" ");
        return t.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
