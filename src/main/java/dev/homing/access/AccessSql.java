package dev.homing.access;

/** The SQL of web accounts, sessions and API keys ({@code web_user}, {@code web_session}, {@code api_key}), in one place. */
final class AccessSql {
    /** Runs one statement with its parameters in order (an Instant is bound as a timestamp). */
    static int update(java.sql.Connection c, String sql, Object... args) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static void bind(java.sql.PreparedStatement ps, Object... args) throws java.sql.SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof java.time.Instant t) {
                ps.setTimestamp(i + 1, java.sql.Timestamp.from(t));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    private AccessSql() {
    }

    static final String COUNT_USERS = "SELECT COUNT(*) FROM web_user";
    static final String INSERT_USER = "INSERT INTO web_user (username, password_hash, must_change, created_at, role) VALUES (?, ?, ?, ?, ?)";
    static final String RESET_PASSWORD = "UPDATE web_user SET password_hash = ?, must_change = TRUE WHERE username = ?";
    static final String REHASH = "UPDATE web_user SET password_hash = ? WHERE id = ? AND password_hash = ?";
    static final String CHANGE_PASSWORD = "UPDATE web_user SET password_hash = ?, must_change = FALSE WHERE id = ?";
    private static final String USER_COLUMNS = "SELECT id, username, password_hash, must_change, role, created_at FROM web_user";
    static final String USER_BY_NAME = USER_COLUMNS + " WHERE username = ?";
    static final String USER_BY_ID = USER_COLUMNS + " WHERE id = ?";
    static final String ALL_USERS = USER_COLUMNS + " ORDER BY username";
    static final String SET_ROLE = "UPDATE web_user SET role = ? WHERE username = ?";
    /** Locks the admins' rows: two admins demoting each other at once cannot leave none. */
    static final String LOCK_ADMINS = "SELECT username FROM web_user WHERE role = 'admin' FOR UPDATE";
    static final String DELETE_USER = "DELETE FROM web_user WHERE username = ?";

    static final String DROP_EXPIRED = "DELETE FROM web_session WHERE expires_at < ?";
    static final String OPEN_SESSION = "INSERT INTO web_session (token_hash, user_id, csrf, created_at, last_seen, expires_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    static final String LIVE_SESSION = "SELECT token_hash, user_id, csrf, last_seen FROM web_session"
            + " WHERE token_hash = ? AND expires_at > ? AND last_seen > ?";
    static final String TOUCH_SESSION = "UPDATE web_session SET last_seen = ? WHERE token_hash = ?";
    static final String CLOSE_SESSION = "DELETE FROM web_session WHERE token_hash = ?";
    static final String CLOSE_SESSIONS_OF = "DELETE FROM web_session WHERE user_id = ?";
    static final String CLOSE_SESSIONS_OF_NAME = "DELETE FROM web_session WHERE user_id = (SELECT id FROM web_user WHERE username = ?)";

    static final String INSERT_KEY = "INSERT INTO api_key (name, prefix, secret_hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String KEY_COLUMNS = "SELECT id, name, prefix, scopes, created_at, revoked_at, secret_hash FROM api_key";
    static final String KEY_BY_PREFIX = KEY_COLUMNS + " WHERE prefix = ?";
    static final String ALL_KEYS = KEY_COLUMNS + " ORDER BY id";
    static final String REVOKE_KEY = "UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
}
