package dev.homing.node;

import dev.homing.delivery.ClientSettings;
import dev.homing.delivery.EngineSettings;
import dev.homing.delivery.Limits;
import dev.homing.delivery.Routes;
import dev.homing.delivery.Timeouts;
import dev.homing.delivery.TlsPolicy;
import dev.homing.list.SuppressionRules;
import dev.homing.queue.RetrySchedule;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Settings read from {@code HOME/homing.properties} (all optional):
 * <pre>
 * helo = mail.example.com
 * route.sandbox.test = 127.0.0.1:2525          # resolver override, one per domain
 * tls.partner.example = required               # none | opportunistic | required
 * limits.connections = 10                      # per destination (all domains one service hosts are one destination)
 * limits.rate = 0                              # messages per second per destination, 0 = none
 * limits.example.org.connections = 2           # per-domain override (the domain keeps a throttle of its own)
 * limits.google.connections = 20               # per service: google, microsoft, yahoo, apple, zoho, united-internet, ...
 * connections.max = 1000
 * retry.delays = 1m,5m,15m,30m,1h,2h,4h
 * retry.max-age = 5d
 * timeout.connect = 30s   timeout.banner = 5m   timeout.command = 5m   timeout.mail = 5m
 * timeout.rcpt = 5m       timeout.data = 2m     timeout.data-block = 3m timeout.dot = 10m
 * connection.max-messages = 100   connection.idle = 5s
 * db.url = postgresql://user:password@127.0.0.1:5432/homing   (or jdbc:postgresql://... with db.user, db.password)
 * suppression.soft-bounces = 3        suppression.soft-window = 30d     suppression.recent-delivery = 90d
 * suppression.pattern-min = 5         suppression.pattern-share = 0.3
 * sending.ips = 192.0.2.10, 2001:db8::10       # the IPs we send from (SPF and PTR checks)
 * bounce.domain = bounces.example.com          # VERP Return-Path domain; its MX must point at inbound.host
 * inbound.host = mx.example.com                # the name our inbound SMTP server is reached by
 * dkim.selector = homing                       # or "rsa1, ed1": keys made with 'homing dkim keygen DOMAIN SELECTOR'
 * public.url = https://mail.example.com        # base of links in mail (unsubscribe, safelist page)
 * spamd.address = 127.0.0.1:783                # SpamAssassin's spamd: the content check asks it too
 * inbound.port = 2525     inbound.max-size-mb = 10   # the bounce domain's SMTP server (25 in production)
 * inbound.max-per-client = 10   inbound.in-flight-mb = 128   # connections per client address; bytes of messages in progress (spooled to disk)
 * inbound.retention = 30d       inbound.max-stored-mb = 1024  # received messages kept this long, and at most this much
 * inbound.tls.keystore = /etc/homing/mx.p12   inbound.tls.password = ...   # else a self-signed certificate
 * inbound.feedback-loops = hotmail.com, yahoo.com   # providers whose DKIM-signed complaints may act without our signed ids
 * dns.server = 127.0.0.1:53                    # the DNS server the inbound checks ask (DKIM keys); else the system's
 * web.session.idle = 30m   web.session.max = 12h   # web UI sessions end after this long idle, or this long after login
 * optin.confirm-interval = 24h   optin.confirm-per-hour = 500   # confirmation mails: one per address per interval, a ceiling per hour
 * cluster.node = mta1     cluster.lease = 15s       # one of several nodes on one PostgreSQL (or run/serve --node NAME)
 * </pre>
 */
public record Config(EngineSettings engine, RetrySchedule retry, Routes routes, String dbUrl, String dbUser, String dbPassword,
              SuppressionRules.Settings suppression, Sender sender, String spamd, dev.homing.web.Console.Settings web,
              ClusterSettings cluster, dev.homing.list.Subscriptions.ConfirmationLimits optIn, Guards guards) {

    /**
     * What the node lets out and who may read it: webhooks to loopback and private addresses (off by default), and the
     * token /metrics asks for (null: /metrics is not served).
     */
    public record Guards(boolean webhookPrivateTargets, String metricsToken) {
    }

    /**
     * Several nodes on one PostgreSQL: this node's name (null: not clustered) and how long its shard leases
     * last without renewal (how soon a dead node's destinations move to the others).
     */
    public record ClusterSettings(String node, java.time.Duration lease) {
    }

    /** Who this node is when it sends, as the sender-domain checks see it; a host name in sending.ips is refused. */
    public dev.homing.auth.SenderIdentity identity(java.nio.file.Path home) {
        return dev.homing.auth.SenderIdentity.of(home, sender.bounceDomain(), sender.ips(), sender.inboundHost(), sender.dkimSelectors(),
                engine.client().helo());
    }

    /** Who we are when we send: the identity the sender-domain checks and the campaign headers use. */
    public record Sender(List<String> ips, String bounceDomain, String inboundHost, List<String> dkimSelectors, String publicUrl, int inboundPort,
                  int inboundMaxSize, String inboundKeystore, String inboundKeystorePassword,
                  boolean publicUrlGiven, List<String> feedbackLoops, String dnsServer, int inboundPerClient, int inboundInFlightMb,
                  java.time.Duration inboundRetention, long inboundMaxStoredMb, int inboundMessagesPerMinute) {

        /** The first selector: the one suggested when a key is missing. */
        public String dkimSelector() {
            return dkimSelectors.get(0);
        }

        public static Sender from(Properties p, String helo) {
            List<String> ips = list(p.getProperty("sending.ips", ""));
            String bounce = p.getProperty("bounce.domain", "bounces.homing.test").trim().toLowerCase(Locale.ROOT);
            String url = p.getProperty("public.url", "http://127.0.0.1:8080").trim();
            return new Sender(ips, bounce, p.getProperty("inbound.host", helo).trim().toLowerCase(Locale.ROOT),
                    selectors(p), url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                    integer(p, "inbound.port", 2525), integer(p, "inbound.max-size-mb", 10) * 1024 * 1024,
                    blankToNull(p.getProperty("inbound.tls.keystore")), p.getProperty("inbound.tls.password", ""),
                    p.getProperty("public.url") != null, list(p.getProperty("inbound.feedback-loops", "")),
                    blankToNull(p.getProperty("dns.server")), integer(p, "inbound.max-per-client", 10), integer(p, "inbound.in-flight-mb", 128),
                    dur(p, "inbound.retention", java.time.Duration.ofDays(30)), integer(p, "inbound.max-stored-mb", 1024),
                    integer(p, "inbound.messages-per-minute", 120));
        }
    }

    public static Config load(Path home) {
        Properties p = properties(home);
        Path file = home.resolve("homing.properties");
        try {
            return from(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** HOME/homing.properties as written (empty when there is none). */
    static Properties properties(Path home) {
        Properties p = new Properties();
        Path file = home.resolve("homing.properties");
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return p;
    }

    public static Config from(Properties p) {
        String helo = p.getProperty("helo", defaultHelo());
        Timeouts d = Timeouts.rfc5321();
        Timeouts t = new Timeouts(dur(p, "timeout.connect", d.connect()), dur(p, "timeout.banner", d.banner()),
                dur(p, "timeout.command", d.command()), dur(p, "timeout.mail", d.mail()), dur(p, "timeout.rcpt", d.rcpt()),
                dur(p, "timeout.data", d.data()), dur(p, "timeout.data-block", d.dataBlock()), dur(p, "timeout.dot", d.dot()));
        ClientSettings client = new ClientSettings(helo, t, integer(p, "connection.max-messages", 100),
                dur(p, "connection.idle", Duration.ofSeconds(5)));
        EngineSettings e = EngineSettings.defaults(helo).withClient(client)
                .withLimits(new Limits(integer(p, "limits.connections", 10), decimal(p, "limits.rate", 0)))
                .withMaxConnections(integer(p, "connections.max", 1000));
        Routes routes = Routes.none();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("route.")) {
                try {
                    routes.add(key.substring(6) + "=" + p.getProperty(key).trim());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(key + " = \"" + p.getProperty(key).trim() + "\" is not HOST:PORT");
                }
            } else if (key.startsWith("tls.")) {
                String v = p.getProperty(key).trim();
                try {
                    e = e.withTls(key.substring(4), TlsPolicy.valueOf(v.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException(key + " = \"" + v + "\" is not none, opportunistic or required");
                }
            } else if (key.startsWith("limits.") && key.endsWith(".connections") && key.length() > 19) {
                String domain = key.substring(7, key.length() - 12);
                e = e.withLimits(domain, new Limits(integer(p, key, 10), decimal(p, "limits." + domain + ".rate", 0)));
            }
        }
        RetrySchedule std = RetrySchedule.standard();
        List<Duration> delays = std.delays();
        String spec = p.getProperty("retry.delays");
        if (spec != null) {
            delays = new ArrayList<>();
            for (String s : spec.split(",")) {
                delays.add(parseDuration("retry.delays", s.trim()));
            }
        }
        RetrySchedule retry = new RetrySchedule(delays, std.jitter(), dur(p, "retry.max-age", std.maxAge()));
        SuppressionRules.Settings sd = SuppressionRules.Settings.defaults();
        SuppressionRules.Settings suppression = new SuppressionRules.Settings(integer(p, "suppression.soft-bounces", sd.softBounces()),
                dur(p, "suppression.soft-window", sd.softWindow()), dur(p, "suppression.recent-delivery", sd.recentDelivery()),
                integer(p, "suppression.pattern-min", sd.patternMin()), decimal(p, "suppression.pattern-share", sd.patternShare()));
        return new Config(e, retry, routes, p.getProperty("db.url"), p.getProperty("db.user", ""), p.getProperty("db.password", ""),
                suppression, Sender.from(p, helo), blankToNull(p.getProperty("spamd.address")), web(p),
                new ClusterSettings(blankToNull(p.getProperty("cluster.node")), dur(p, "cluster.lease", java.time.Duration.ofSeconds(15))),
                new dev.homing.list.Subscriptions.ConfirmationLimits(dur(p, "optin.confirm-interval", java.time.Duration.ofHours(24)),
                        integer(p, "optin.confirm-per-hour", 500)),
                new Guards(Boolean.parseBoolean(p.getProperty("webhook.allow-private-targets", "false").strip()),
                        blankToNull(p.getProperty("metrics.token"))));
    }

    /** The same settings on another database (--db). */
    public Config withDb(String url) {
        return url == null ? this : new Config(engine, retry, routes, url, dbUser, dbPassword, suppression, sender, spamd, web, cluster, optIn, guards);
    }

    /** The same settings as the named node of a cluster (--node). */
    public Config withNode(String node) {
        return node == null ? this : new Config(engine, retry, routes, dbUrl, dbUser, dbPassword, suppression, sender, spamd, web,
                new ClusterSettings(node, cluster.lease()), optIn, guards);
    }

    /**
     * The same settings with the public pages at {@code url} unless public.url names them: a node that knows the address it
     * bound (demo) puts that in its links instead of the default port.
     */
    public Config withBoundUrl(String url) {
        if (sender.publicUrlGiven()) {
            return this;
        }
        Sender s = sender;
        Sender bound = new Sender(s.ips(), s.bounceDomain(), s.inboundHost(), s.dkimSelectors(), url, s.inboundPort(), s.inboundMaxSize(),
                s.inboundKeystore(), s.inboundKeystorePassword(), false, s.feedbackLoops(), s.dnsServer(), s.inboundPerClient(),
                s.inboundInFlightMb(), s.inboundRetention(), s.inboundMaxStoredMb(), s.inboundMessagesPerMinute());
        return new Config(engine, retry, routes, dbUrl, dbUser, dbPassword, suppression, bound, spamd, web, cluster, optIn, guards);
    }

    public Config with(EngineSettings e, RetrySchedule r) {
        return new Config(e, r, routes, dbUrl, dbUser, dbPassword, suppression, sender, spamd, web, cluster, optIn, guards);
    }

    /** Web UI sessions: idle and absolute expiry; cookies marked Secure when the public URL is https. */
    private static dev.homing.web.Console.Settings web(Properties p) {
        dev.homing.web.Console.Settings std = dev.homing.web.Console.Settings.standard();
        return new dev.homing.web.Console.Settings(dur(p, "web.session.idle", std.idle()), dur(p, "web.session.max", std.lifetime()),
                p.getProperty("public.url", "").startsWith("https:"), (long) integer(p, "import.max-upload-mb", 100) << 20);
    }

    private static List<String> selectors(Properties p) {
        List<String> s = list(p.getProperty("dkim.selector", "homing"));
        return s.isEmpty() ? List.of("homing") : s;
    }

    /** "a, b c" -> [a, b, c]: lists in homing.properties are separated by commas or spaces. */
    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split("[,\\s]+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return List.copyOf(out);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String defaultHelo() {
        try {
            return java.net.InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Duration dur(Properties p, String key, Duration def) {
        String v = p.getProperty(key);
        return v == null ? def : parseDuration(key, v.trim());
    }

    /** "250ms", "30s", "5m", "2h", "5d". */
    public static Duration parseDuration(String key, String v) {
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " = \"" + v + "\" is not a duration (250ms, 30s, 5m, 2h, 5d)");
        }
    }

    private static int integer(Properties p, String key, int def) {
        String v = p.getProperty(key);
        try {
            return v == null ? def : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = \"" + v + "\" is not a whole number");
        }
    }

    private static double decimal(Properties p, String key, double def) {
        String v = p.getProperty(key);
        try {
            return v == null ? def : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = \"" + v + "\" is not a number");
        }
    }
}
