package dev.homing.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The remote server a free-text bounce names ("host mx.example.com[192.0.2.1] said", "while talking to mx.example.com."). */
final class RemoteHost {
    private RemoteHost() {
    }

    /** The host name and what follows it, read only where one of the words ends (one regex over the whole text is slow). */
    private static final Pattern NAME = Pattern.compile(
            "\\s+([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,})\\.?\\s*[\\[(:]",
            Pattern.CASE_INSENSITIVE);
    private static final String[] WORDS = {"host", "talking to", "server", "by"};

    static String in(String text) {
        Matcher m = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = (char) (text.charAt(i) | 0x20);
            if (c != 'h' && c != 't' && c != 's' && c != 'b') {
                continue;
            }
            for (String w : WORDS) {
                if (w.charAt(0) != c || !text.regionMatches(true, i, w, 0, w.length())) {
                    continue;
                }
                int end = i + w.length();
                if (w.equals("host")) {
                    if (i > 0 && isWordChar(text.charAt(i - 1))) {
                        continue; // "\bhost"
                    }
                    if (end < n && text.charAt(end) == ':') {
                        end++;
                    }
                }
                m = m == null ? NAME.matcher(text) : m;
                m.region(end, n);
                if (m.lookingAt()) {
                    return m.group(1);
                }
            }
        }
        return null;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
