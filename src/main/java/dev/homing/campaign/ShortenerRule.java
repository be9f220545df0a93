package dev.homing.campaign;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Links through URL shorteners (list in {@code campaign/link-shorteners.txt}): they hide the
 * destination and are shared with spammers, so filters distrust or blocklist them. One finding per
 * shortener host.
 */
record ShortenerRule(Set<String> shorteners) implements ContentRule {
    static final String ID = "link-shortener";
    static final double POINTS = 1.5;
    static final String RESOURCE = "/campaign/link-shorteners.txt";

    static ShortenerRule bundled() {
        try (InputStream in = ShortenerRule.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Set<String> hosts = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String h = line.strip().toLowerCase(Locale.ROOT);
                if (!h.isEmpty() && !h.startsWith("#")) {
                    hosts.add(h);
                }
            }
            return new ShortenerRule(Set.copyOf(hosts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        List<ContentFinding> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ContentMessage.Link link : message.links()) {
            String host = DomainNames.host(link.href());
            String service = host == null ? null : shortener(host);
            if (service != null && seen.add(service)) {
                out.add(ContentFinding.of(ID, POINTS, "A link goes through the URL shortener " + service + "; shorteners hide "
                        + "where a link goes and are shared with spammers. Link to your own domain.", link.href()));
            }
        }
        return out;
    }

    private String shortener(String host) {
        for (String h = host; ; h = h.substring(h.indexOf('.') + 1)) {
            if (shorteners.contains(h)) {
                return h;
            }
            if (h.indexOf('.') < 0) {
                return null;
            }
        }
    }
}
