package dev.homing.node;

import dev.homing.delivery.ClientSettings;
import dev.homing.delivery.Timeouts;
import dev.homing.web.Setting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The settings a node runs with, key by key, for the web UI's read-only settings page: the values as the node parsed them
 * (defaults included), where each came from, secrets masked, and the keys of homing.properties the node does not know
 * (a typo there silently keeps the default, which is worth seeing).
 */
final class EffectiveSettings {
    /** Shown instead of a secret: that one is set, never what it is. */
    static final String MASK = "•••••• (set, hidden)";

    private EffectiveSettings() {
    }

    static List<Setting> of(Config config, Path home) {
        Properties file = read(home);
        Map<String, String> v = new LinkedHashMap<>();
        ClientSettings client = config.engine().client();
        Config.Sender s = config.sender();
        v.put("helo", client.helo());
        v.put("public.url", s.publicUrl());
        v.put("bounce.domain", s.bounceDomain());
        v.put("inbound.host", s.inboundHost());
        v.put("sending.ips", String.join(", ", s.ips()));
        v.put("dkim.selector", String.join(", ", s.dkimSelectors()));
        v.put("db.url", config.dbUrl() == null ? "(the embedded database in data/)" : withoutPassword(config.dbUrl()));
        v.put("db.user", config.dbUser());
        v.put("db.password", secret(config.dbPassword()));
        v.put("limits.connections", Integer.toString(config.engine().limits().connections()));
        v.put("limits.rate", config.engine().limits().perSecond() == 0 ? "0 (no limit)" : Double.toString(config.engine().limits().perSecond()));
        v.put("connections.max", Integer.toString(config.engine().maxConnections()));
        v.put("retry.delays", config.retry().delays().stream().map(EffectiveSettings::duration).collect(Collectors.joining(",")));
        v.put("retry.max-age", duration(config.retry().maxAge()));
        Timeouts t = client.timeouts();
        v.put("timeout.connect", duration(t.connect()));
        v.put("timeout.banner", duration(t.banner()));
        v.put("timeout.command", duration(t.command()));
        v.put("timeout.mail", duration(t.mail()));
        v.put("timeout.rcpt", duration(t.rcpt()));
        v.put("timeout.data", duration(t.data()));
        v.put("timeout.data-block", duration(t.dataBlock()));
        v.put("timeout.dot", duration(t.dot()));
        v.put("connection.max-messages", Integer.toString(client.maxPerConnection()));
        v.put("connection.idle", duration(client.idle()));
        v.put("suppression.soft-bounces", Integer.toString(config.suppression().softBounces()));
        v.put("suppression.soft-window", duration(config.suppression().softWindow()));
        v.put("suppression.recent-delivery", duration(config.suppression().recentDelivery()));
        v.put("suppression.pattern-min", Integer.toString(config.suppression().patternMin()));
        v.put("suppression.pattern-share", Double.toString(config.suppression().patternShare()));
        v.put("spamd.address", orNone(config.spamd()));
        v.put("dns.server", s.dnsServer() == null ? "(the system's resolver)" : s.dnsServer());
        v.put("inbound.port", Integer.toString(s.inboundPort()));
        v.put("inbound.max-size-mb", Integer.toString(s.inboundMaxSize() / (1024 * 1024)));
        v.put("inbound.max-per-client", Integer.toString(s.inboundPerClient()));
        v.put("inbound.in-flight-mb", Integer.toString(s.inboundInFlightMb()));
        v.put("inbound.retention", duration(s.inboundRetention()));
        v.put("inbound.max-stored-mb", Long.toString(s.inboundMaxStoredMb()));
        v.put("inbound.messages-per-minute", Integer.toString(s.inboundMessagesPerMinute()));
        v.put("inbound.tls.keystore", s.inboundKeystore() == null ? "(a self-signed certificate)" : s.inboundKeystore());
        v.put("inbound.tls.password", secret(s.inboundKeystorePassword()));
        v.put("inbound.feedback-loops", s.feedbackLoops().isEmpty() ? "(none)" : String.join(", ", s.feedbackLoops()));
        v.put("web.session.idle", duration(config.web().idle()));
        v.put("web.session.max", duration(config.web().lifetime()));
        v.put("import.max-upload-mb", Long.toString(config.web().maxUpload() >> 20));
        v.put("optin.confirm-interval", duration(config.optIn().perAddress()));
        v.put("optin.confirm-per-hour", Integer.toString(config.optIn().perHour()));
        v.put("cluster.node", orNone(config.cluster().node()));
        v.put("cluster.lease", duration(config.cluster().lease()));
        v.put("webhook.allow-private-targets", Boolean.toString(config.guards().webhookPrivateTargets()));
        v.put("metrics.token", config.guards().metricsToken() == null ? "(none: /metrics is not served)" : MASK);

        List<Setting> out = new ArrayList<>();
        for (Map.Entry<String, String> e : v.entrySet()) {
            out.add(new Setting(e.getKey(), e.getValue(), origin(file, e.getKey(), config)));
        }
        // the per-domain families (routes, TLS policies, limits) as the file gives them, then what the node does not know
        Set<String> unknown = new TreeSet<>();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            if (v.containsKey(key)) {
                continue;
            }
            if (applied(key)) {
                out.add(new Setting(key, file.getProperty(key).strip(), "homing.properties"));
            } else {
                unknown.add(key);
            }
        }
        // a key the node does not read shows without its value: a mistyped secret ("db.pasword") must not appear in clear
        for (String key : unknown) {
            out.add(new Setting(key, "(not shown)", "homing.properties: not a setting Homing knows, ignored"));
        }
        return List.copyOf(out);
    }

    private static String origin(Properties file, String key, Config config) {
        if (key.equals("db.url") && config.dbUrl() != null && file.getProperty(key) == null) {
            return "command line (--db)";
        }
        if (key.equals("cluster.node") && config.cluster().node() != null && file.getProperty(key) == null) {
            return "command line (--node)";
        }
        if (key.equals("public.url") && file.getProperty(key) == null) {
            return "default: the address this node bound";
        }
        return file.getProperty(key) != null ? "homing.properties" : "default";
    }

    /** The per-domain keys {@link Config} reads: route.DOMAIN, tls.DOMAIN, limits.DOMAIN.connections and .rate. */
    private static boolean applied(String key) {
        return key.startsWith("route.") || key.startsWith("tls.")
                || key.startsWith("limits.") && (key.endsWith(".connections") || key.endsWith(".rate")) && key.length() > 19;
    }

    private static String secret(String value) {
        return value == null || value.isEmpty() ? "(none)" : MASK;
    }

    /** postgresql://user:password@host/db: the password masked, the rest kept. */
    static String withoutPassword(String url) {
        return url.replaceAll("(//[^/:@]*:)[^@/]*@", "$1" + "******@").replaceAll("(?i)(password=)[^&;]*", "$1******");
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }

    /** As homing.properties spells a duration: 250ms, 30s, 5m, 2h, 5d. */
    private static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static Properties read(Path home) {
        try {
            return Config.properties(home);
        } catch (IllegalArgumentException e) {
            // the node started with this file: it was readable a moment ago; say so rather than fail the page
            Properties p = new Properties();
            p.setProperty("(homing.properties)", e.getMessage());
            return p;
        }
    }
}
