package dev.homing.list;

/** The SQL of suppression and address history, in one place. */
final class SuppressionSql {
    private SuppressionSql() {
    }

    static final String FIND_IN =
            "SELECT email_key, list_id, reason, status, source, created_at FROM suppression WHERE list_id IN (0, ?) AND email_key IN (%s)";
    static final String INSERT =
            "INSERT INTO suppression (email_key, list_id, reason, status, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE =
            "UPDATE suppression SET reason = ?, status = ?, source = ?, updated_at = ? WHERE email_key = ? AND list_id = ?";
    static final String DELETE = "DELETE FROM suppression WHERE email_key = ? AND list_id = ?";
    static final String BY_STATUS =
            "SELECT email_key, list_id, reason, status, source, created_at FROM suppression WHERE status = ? ORDER BY created_at, email_key";
    /** Keyset pagination over the primary key (address, list). */
    static final String PAGE = "SELECT email_key, list_id, reason, status, source, created_at FROM suppression"
            + " WHERE email_key > ? OR (email_key = ? AND list_id > ?) ORDER BY email_key, list_id";
    static final String ALL =
            "SELECT email_key, list_id, reason, status, source, created_at FROM suppression ORDER BY created_at, email_key";

    static final String HISTORY_IN = "SELECT email_key, last_delivered_at, soft_bounces, first_soft_at FROM address_history WHERE email_key IN (%s)";
    static final String INSERT_HISTORY =
            "INSERT INTO address_history (last_delivered_at, soft_bounces, first_soft_at, updated_at, email_key) VALUES (?, ?, ?, ?, ?)";
    static final String UPDATE_HISTORY =
            "UPDATE address_history SET last_delivered_at = ?, soft_bounces = ?, first_soft_at = ?, updated_at = ? WHERE email_key = ?";
}
