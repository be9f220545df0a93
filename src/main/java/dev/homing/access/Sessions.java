package dev.homing.access;

import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Web sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. A session ends
 * after {@code idle} without a request or {@code lifetime} after login, whichever comes first.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_seen is written at most this often, so that pages do not cost a write each. */
    private static final Duration TOUCH = Duration.ofSeconds(30);

    private final Database db;
    private final Duration idle;
    private final Duration lifetime;

    public Sessions(Database db, Duration idle, Duration lifetime) {
        this.db = db;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    /** A logged-in session: whose, and the token its forms must send back. */
    public record Session(String tokenHash, long userId, String csrf, Instant lastSeen) {
    }

    /** @return the cookie value of the new session */
    public String open(long userId) {
        String token = random();
        Instant now = Instant.now();
        try (Connection c = db.connection()) {
            AccessSql.update(c, AccessSql.DROP_EXPIRED, now);
            AccessSql.update(c, AccessSql.OPEN_SESSION, sha256(token), userId, random(), now, now, now.plus(lifetime));
        } catch (SQLException e) {
            throw new StoreException("cannot open a web session: " + e.getMessage(), e);
        }
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String hash = sha256(token);
        try (Connection c = db.connection()) {
            Optional<Session> s;
            try (PreparedStatement ps = c.prepareStatement(AccessSql.LIVE_SESSION)) {
                AccessSql.bind(ps, hash, now, now.minus(idle));
                try (ResultSet rs = ps.executeQuery()) {
                    s = rs.next() ? Optional.of(new Session(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant()))
                            : Optional.empty();
                }
            }
            if (s.isPresent() && s.get().lastSeen().isBefore(now.minus(TOUCH))) {
                AccessSql.update(c, AccessSql.TOUCH_SESSION, now, hash);
            }
            return s;
        } catch (SQLException e) {
            throw new StoreException("cannot read the web session: " + e.getMessage(), e);
        }
    }

    public void close(String token) {
        if (token != null) {
            run(AccessSql.CLOSE_SESSION, sha256(token));
        }
    }

    /** Every session of a user ends (after a password change, the other sessions go). */
    public void closeAll(long userId) {
        run(AccessSql.CLOSE_SESSIONS_OF, userId);
    }

    private void run(String sql, Object arg) {
        try (Connection c = db.connection()) {
            AccessSql.update(c, sql, arg);
        } catch (SQLException e) {
            throw new StoreException("cannot close web sessions: " + e.getMessage(), e);
        }
    }

    public Duration idle() {
        return idle;
    }

    public static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
