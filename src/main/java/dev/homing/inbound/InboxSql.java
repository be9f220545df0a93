package dev.homing.inbound;

/** Every statement on the received-message table, in one place. */
final class InboxSql {
    private InboxSql() {
    }

    static final String INSERT = "INSERT INTO inbound_message (received_at, client, mail_from, rcpt_to, size, raw, status)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'received')";
    static final String PENDING = "SELECT id, received_at, mail_from, rcpt_to, raw FROM inbound_message WHERE status = 'received' ORDER BY id";
    static final String MARK = "UPDATE inbound_message SET status = ?, kind = ?, delivery_id = ?, detail = ?, processed_at = ? WHERE id = ?";
    static final String COUNTS = "SELECT status, kind, COUNT(*) FROM inbound_message GROUP BY status, kind ORDER BY status, kind";
    static final String LIST = "SELECT id, received_at, mail_from, rcpt_to, size, status, kind, delivery_id, detail FROM inbound_message"
            + " WHERE status = ? ORDER BY id DESC";
    static final String RAW = "SELECT raw FROM inbound_message WHERE id = ?";
    static final String REQUEUE = "UPDATE inbound_message SET status = 'received', processed_at = NULL WHERE status IN ('unparsed', 'unmatched')";
}
