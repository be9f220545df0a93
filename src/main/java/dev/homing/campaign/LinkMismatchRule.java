package dev.homing.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A link whose visible text shows one domain while it goes to another: the classic phishing
 * pattern, which filters look for. Compared by registrable domain, so {@code www.example.com}
 * linking to {@code click.example.com} is fine. Links to a known click-tracking domain are skipped
 * (tracking rewrites every link; check the message before tracking or name the tracking domain).
 */
record LinkMismatchRule(Set<String> trackingDomains) implements ContentRule {
    static final String ID = "link-text-mismatch";
    static final double POINTS = 2.5;
    /** Text that is just a domain or URL. */
    private static final Pattern WHOLE = Pattern.compile(
            "(?i)^(?:https?://)?((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+\\p{L}{2,63})\\.?(?:[:/?#].*)?$");
    /** A URL or www. name inside longer text ("Visit www.example.com today"). */
    private static final Pattern INSIDE = Pattern.compile(
            "(?i)(?:https?://|\\bwww\\.)((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)*[\\p{L}\\p{N}-]+\\.\\p{L}{2,63})");

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        List<ContentFinding> out = new ArrayList<>();
        for (ContentMessage.Link link : message.links()) {
            if (!link.fromHtml()) {
                continue;
            }
            String target = DomainNames.host(link.href());
            String shown = shownHost(link.text());
            if (target == null || shown == null || !link.href().regionMatches(true, 0, "http", 0, 4)) {
                continue;
            }
            String targetDomain = DomainNames.registrable(target);
            String shownDomain = DomainNames.registrable(shown);
            if (!targetDomain.equals(shownDomain) && !trackingDomains.contains(targetDomain)) {
                out.add(ContentFinding.of(ID, POINTS, "A link shows " + shownDomain + " but goes to " + targetDomain
                        + "; that is how phishing links look, and filters check for it. Show the real destination or "
                        + "use words as the link text.", "\"" + link.text() + "\" -> " + link.href()));
            }
        }
        return out;
    }

    /** The host a reader believes the link goes to, or null when the text shows no domain. */
    static String shownHost(String text) {
        String t = text.strip();
        Matcher whole = WHOLE.matcher(t);
        if (whole.matches()) {
            String host = whole.group(1);
            boolean explicit = t.regionMatches(true, 0, "http", 0, 4) || t.regionMatches(true, 0, "www.", 0, 4);
            return explicit || DomainNames.knownTld(host) ? host.toLowerCase(java.util.Locale.ROOT) : null;
        }
        Matcher inside = INSIDE.matcher(t);
        if (inside.find()) {
            String host = inside.group(1).toLowerCase(java.util.Locale.ROOT);
            return t.regionMatches(true, inside.start(), "www.", 0, 4) ? "www." + host : host;
        }
        return null;
    }
}
