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
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates, lists, revokes and checks API keys ({@code hk_<prefix>_<secret>}, both parts hex). */
public final class ApiKeys {
    private static final String PREFIX = "hk_";
    private static final int PREFIX_BYTES = 4;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when no key has the prefix, so a miss costs what a hit costs. */
    private static final String NO_HASH = "0".repeat(64);

    private final Database db;

    public ApiKeys(Database db) {
        this.db = db;
    }

    /** A new key and the only copy of its full text. */
    public record Issued(ApiKey key, String token) {
    }

    public Issued create(String name, Set<Scope> scopes) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new IllegalArgumentException("a key name is 1 to 200 characters");
        }
        String prefix = hex(PREFIX_BYTES);
        String secret = hex(SECRET_BYTES);
        Instant now = Instant.now();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(AccessSql.INSERT_KEY, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, n);
            ps.setString(2, prefix);
            ps.setString(3, sha256(secret));
            ps.setString(4, Scope.join(scopes));
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return new Issued(new ApiKey(rs.getLong(1), n, prefix, scopes, now, null), PREFIX + prefix + "_" + secret);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot create the API key: " + e.getMessage(), e);
        }
    }

    public List<ApiKey> all() {
        List<ApiKey> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(AccessSql.ALL_KEYS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the API keys: " + e.getMessage(), e);
        }
    }

    /** True when the key existed and worked until now. */
    public boolean revoke(long id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(AccessSql.REVOKE_KEY)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("cannot revoke API key " + id + ": " + e.getMessage(), e);
        }
    }

    /** The live key a token belongs to; empty for anything malformed, unknown, wrong or revoked. */
    public Optional<ApiKey> check(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int cut = token.indexOf('_', PREFIX.length());
        if (cut < 0) {
            return Optional.empty();
        }
        String prefix = token.substring(PREFIX.length(), cut);
        String secret = token.substring(cut + 1);
        if (prefix.length() != PREFIX_BYTES * 2 || secret.isEmpty() || secret.length() > 200) {
            return Optional.empty();
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(AccessSql.KEY_BY_PREFIX)) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                boolean found = rs.next();
                String stored = found ? rs.getString(7) : NO_HASH;
                boolean same = MessageDigest.isEqual(sha256(secret).getBytes(StandardCharsets.US_ASCII),
                        stored.getBytes(StandardCharsets.US_ASCII));
                if (!found || !same) {
                    return Optional.empty();
                }
                ApiKey key = row(rs);
                return key.revoked() ? Optional.empty() : Optional.of(key);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot check an API key: " + e.getMessage(), e);
        }
    }

    private static ApiKey row(ResultSet rs) throws SQLException {
        Timestamp revoked = rs.getTimestamp(6);
        return new ApiKey(rs.getLong(1), rs.getString(2), rs.getString(3), Scope.parse(rs.getString(4)),
                rs.getTimestamp(5).toInstant(), revoked == null ? null : revoked.toInstant());
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
