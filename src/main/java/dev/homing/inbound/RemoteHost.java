package dev.homing.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The remote server a free-text bounce names ("host mx.example.com[192.0.2.1] said", "while talking to mx.example.com."). */
final class RemoteHost {
    private RemoteHost() {
    }

    private static final Pattern HOST = Pattern.compile(
            "(?i)(?:\\bhost:?|talking to|server|by)\\s+([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\\.[a-z]{2,})\\.?\\s*[\\[(:]");

    static String in(String text) {
        Matcher m = HOST.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
