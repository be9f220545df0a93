package dev.homing.list;

/** The SQL of single-use tokens, in one place. */
final class TokenSql {
    private TokenSql() {
    }

    static final String INSERT_USED = "INSERT INTO used_token (nonce, purpose, used_at) VALUES (?, ?, ?)";
}
