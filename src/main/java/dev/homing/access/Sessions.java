package dev.homing.access;

import dev.homing.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
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
        db.jdbi().useHandle(h -> {
            h.createUpdate("DELETE FROM web_session WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO web_session (token_hash, user_id, csrf, created_at, last_seen, expires_at)"
                            + " VALUES (:t, :u, :c, :now, :now, :exp)")
                    .bind("t", sha256(token)).bind("u", userId).bind("c", random()).bind("now", now)
                    .bind("exp", now.plus(lifetime)).execute();
        });
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        String hash = sha256(token);
        Optional<Session> s = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT token_hash, user_id, csrf, last_seen FROM web_session WHERE token_hash = :t AND expires_at > :now AND last_seen > :idle")
                .bind("t", hash).bind("now", now).bind("idle", now.minus(idle))
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant())).findOne());
        s.filter(x -> x.lastSeen().isBefore(now.minus(TOUCH))).ifPresent(x -> db.jdbi().useHandle(h ->
                h.createUpdate("UPDATE web_session SET last_seen = :now WHERE token_hash = :t").bind("now", now).bind("t", hash).execute()));
        return s;
    }

    public void close(String token) {
        if (token != null) {
            db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM web_session WHERE token_hash = :t").bind("t", sha256(token)).execute());
        }
    }

    /** Every session of a user ends (after a password change, the other sessions go). */
    public void closeAll(long userId) {
        db.jdbi().useHandle(h -> h.createUpdate("DELETE FROM web_session WHERE user_id = :u").bind("u", userId).execute());
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
