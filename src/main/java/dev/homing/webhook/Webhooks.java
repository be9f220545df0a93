package dev.homing.webhook;

import dev.homing.list.InstallSecret;
import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The configured webhooks and their attempt log, for the command line and the outbox. A webhook's secret is
 * stored sealed under the install secret ({@link InstallSecret#seal}): a copy of the database alone does not
 * let anyone sign events as Homing. Secrets stored in plain text by an older version are sealed on first use.
 */
public final class Webhooks {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What the seal is for: the key it derives is used for nothing else. */
    static final String USE = "webhook secret";

    private final Database db;
    private final InstallSecret key;

    public Webhooks(Database db, InstallSecret key) {
        this.db = db;
        this.key = java.util.Objects.requireNonNull(key);
        sealPlainSecrets();
    }

    private Webhooks(Database db) {
        this.db = db;
        this.key = null;
    }

    /** For routing events only (ids and event kinds): secrets are not read. */
    static Webhooks routing(Database db) {
        return new Webhooks(db);
    }

    private void sealPlainSecrets() {
        try (Connection c = db.connection();
             PreparedStatement read = c.prepareStatement(WebhookSql.UNSEALED_SECRETS);
             PreparedStatement seal = c.prepareStatement(WebhookSql.SEAL_SECRET)) {
            read.setString(1, InstallSecret.SEALED + "%");
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    seal.setString(1, key.seal(USE, rs.getString(2)));
                    seal.setLong(2, rs.getLong(1));
                    seal.setString(3, rs.getString(2));
                    seal.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot seal the stored webhook secrets: " + e.getMessage(), e);
        }
    }

    /** Why a webhook must not post to this URL (a loopback, private or link-local target), or null. */
    public static String refusal(String url, boolean allowPrivate) {
        try {
            return Egress.refusal(URI.create(url), allowPrivate);
        } catch (IllegalArgumentException e) {
            return "not a URL: " + url;
        }
    }

    /** The stored secret, opened. */
    String secret(String stored) {
        return key == null ? null : key.open(USE, stored);
    }

    /** One attempt to post an event, as logged. */
    public record Logged(long eventId, long webhookId, String kind, Instant at, Integer status, String error, int durationMs,
                         String state) {
    }

    /**
     * Adds a webhook unless its URL points at a loopback, private or link-local address (allowed only when
     * {@code allowPrivate}, the node's webhook.allow-private-targets); a null secret gets 32 random bytes in hex.
     */
    public Webhook add(String url, Set<EventKind> events, String secret, boolean allowPrivate) {
        String refused = refusal(url, allowPrivate);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        return add(url, events, secret);
    }

    /** Adds a webhook, whatever address its URL names; a null secret gets 32 random bytes in hex. */
    public Webhook add(String url, Set<EventKind> events, String secret) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) || u.getHost() == null) {
            throw new IllegalArgumentException("a webhook URL is http:// or https:// with a host: " + url);
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs at least one event");
        }
        if (key == null) {
            throw new IllegalStateException("webhooks opened for routing cannot add one");
        }
        String s = secret == null ? HexFormat.of().formatHex(randomBytes()) : secret;
        if (s.length() < 16) {
            throw new IllegalArgumentException("a secret shorter than 16 characters is too easy to guess");
        }
        if (s.length() > 100) {
            throw new IllegalArgumentException("a secret longer than 100 characters is not needed (64 random hex digits is the default)");
        }
        Instant now = Instant.now();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(WebhookSql.INSERT_WEBHOOK,
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, url);
            ps.setString(2, key.seal(USE, s));
            ps.setString(3, EventKind.join(events));
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return new Webhook(rs.getLong(1), url, s, Set.copyOf(events), now, true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot add the webhook: " + e.getMessage(), e);
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Every webhook, removed ones included (their log stays). */
    public List<Webhook> all() {
        return select(WebhookSql.ALL_WEBHOOKS);
    }

    public List<Webhook> active() {
        return select(WebhookSql.ACTIVE_WEBHOOKS);
    }

    private List<Webhook> select(String sql) {
        List<Webhook> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Webhook(rs.getLong(1), rs.getString(2), secret(rs.getString(3)), EventKind.parse(rs.getString(4)),
                        rs.getTimestamp(5).toInstant(), rs.getBoolean(6)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read webhooks: " + e.getMessage(), e);
        }
    }

    /**
     * Stops posting to a webhook: it gets no new events and its pending ones fail. The row and its
     * log are kept so {@code webhook log} can still explain what happened. False when there is no such active webhook.
     */
    public boolean remove(long id) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement ps = c.prepareStatement(WebhookSql.DEACTIVATE)) {
                ps.setLong(1, id);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    WebhookSql.FAIL_PENDING_OF)) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            c.commit();
            return n == 1;
        } catch (SQLException e) {
            throw new StoreException("cannot remove webhook " + id + ": " + e.getMessage(), e);
        }
    }

    /** The latest attempts, newest first, of one webhook or (null) of all. */
    public List<Logged> log(Long webhookId, int limit) {
        String sql = WebhookSql.log(webhookId != null);
        List<Logged> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (webhookId != null) {
                ps.setLong(1, webhookId);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(5);
                    Integer status = rs.wasNull() ? null : code;
                    out.add(new Logged(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            status, rs.getString(6), rs.getInt(7), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the webhook log: " + e.getMessage(), e);
        }
    }
}
