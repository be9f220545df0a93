package dev.homing.queue;

import java.util.Locale;
import java.util.Map;

/**
 * Which shard a destination domain belongs to: a fixed number of shards, each leased by one node of a
 * cluster, so that every delivery to a destination is made by one node and its limits hold cluster-wide.
 * Consumer domains of one mailbox provider roll up to one key (gmail.com and googlemail.com are one
 * Google), so one node sends to all of them; a {@link Rollup} that reads MX records also groups the
 * domains a provider hosts for companies. A delivery keeps the shard it was queued with.
 */
public final class Shards {
    /** Fixed for the life of a database: a delivery keeps the shard it was queued in. */
    public static final int COUNT = 64;
    /** Every shard: what a node that is not clustered may claim. */
    public static final java.util.Set<Integer> ALL = java.util.Set.copyOf(java.util.stream.IntStream.range(0, COUNT).boxed().toList());

    /** Consumer domains whose mail the same provider receives (from the providers' own documentation of their domains). */
    private static final Map<String, String> PROVIDER = Map.ofEntries(
            Map.entry("gmail.com", "google"), Map.entry("googlemail.com", "google"),
            Map.entry("outlook.com", "microsoft"), Map.entry("hotmail.com", "microsoft"), Map.entry("live.com", "microsoft"),
            Map.entry("msn.com", "microsoft"), Map.entry("hotmail.co.uk", "microsoft"), Map.entry("hotmail.fr", "microsoft"),
            Map.entry("live.fr", "microsoft"), Map.entry("outlook.fr", "microsoft"), Map.entry("hotmail.de", "microsoft"),
            Map.entry("outlook.de", "microsoft"), Map.entry("hotmail.it", "microsoft"), Map.entry("hotmail.es", "microsoft"),
            Map.entry("yahoo.com", "yahoo"), Map.entry("yahoo.co.uk", "yahoo"), Map.entry("yahoo.fr", "yahoo"),
            Map.entry("yahoo.de", "yahoo"), Map.entry("ymail.com", "yahoo"), Map.entry("rocketmail.com", "yahoo"),
            Map.entry("aol.com", "yahoo"), Map.entry("aim.com", "yahoo"),
            Map.entry("icloud.com", "apple"), Map.entry("me.com", "apple"), Map.entry("mac.com", "apple"),
            Map.entry("gmx.de", "united-internet"), Map.entry("gmx.net", "united-internet"), Map.entry("gmx.com", "united-internet"),
            Map.entry("gmx.at", "united-internet"), Map.entry("web.de", "united-internet"),
            Map.entry("mail.ru", "mail.ru"), Map.entry("bk.ru", "mail.ru"), Map.entry("inbox.ru", "mail.ru"), Map.entry("list.ru", "mail.ru"),
            Map.entry("yandex.ru", "yandex"), Map.entry("ya.ru", "yandex"), Map.entry("yandex.com", "yandex"),
            Map.entry("proton.me", "proton"), Map.entry("protonmail.com", "proton"), Map.entry("pm.me", "proton"));

    private Shards() {
    }

    /** The key deliveries to this domain are grouped by: the provider for its consumer domains, else the domain. */
    public static String rollup(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        return PROVIDER.getOrDefault(d, d);
    }

    /** The shard of a domain rolled up by name only ({@link #rollup}); a {@link Rollup} that asks DNS may group more. */
    public static int of(String domain) {
        return ofKey(rollup(domain));
    }

    /** The shard of a rollup key ({@link Rollup#keyOf}). */
    public static int ofKey(String key) {
        // String.hashCode is specified by the JLS: the same shard on every node and every version
        return Math.floorMod(key.hashCode(), COUNT);
    }
}
