package dev.homing.inbound;

/** Every statement on the received-message table, in one place. */
final class InboxSql {
    private InboxSql() {
    }

    static final String INSERT = "INSERT INTO inbound_message (received_at, client, mail_from, rcpt_to, size, raw, status)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'received')";
    static final String PENDING = "SELECT id FROM inbound_message WHERE status = 'received' ORDER BY id";
    static final String ONE = "SELECT id, received_at, mail_from, rcpt_to, raw FROM inbound_message WHERE id = ?";
    /** The same with at most the first ? bytes of the text (SUBSTRING of a binary string: H2 and PostgreSQL alike). */
    static final String ONE_START = "SELECT id, received_at, mail_from, rcpt_to, SUBSTRING(raw FROM 1 FOR ?) FROM inbound_message WHERE id = ?";
    /** Read messages past the retention period (the unread are never purged). */
    static final String PURGE_OLD = "DELETE FROM inbound_message WHERE status <> 'received' AND received_at < ?";
    /** Read messages, newest first, for the total-size cap. */
    static final String READ_BY_AGE = "SELECT id, size FROM inbound_message WHERE status <> 'received' ORDER BY id DESC";
    static final String PURGE_UP_TO = "DELETE FROM inbound_message WHERE status <> 'received' AND id <= ?";
    static final String MARK = "UPDATE inbound_message SET status = ?, kind = ?, delivery_id = ?, detail = ?, processed_at = ? WHERE id = ?";
    static final String COUNTS = "SELECT status, kind, COUNT(*) FROM inbound_message GROUP BY status, kind ORDER BY status, kind";
    static final String LIST = "SELECT id, received_at, mail_from, rcpt_to, size, status, kind, delivery_id, detail FROM inbound_message"
            + " WHERE status = ? ORDER BY id DESC";
    /** The reports about one delivery (an erased person's): deleted whatever their status. */
    static final String FORGET_DELIVERY = "DELETE FROM inbound_message WHERE delivery_id = ?";
    static final String RAW = "SELECT raw FROM inbound_message WHERE id = ?";
    static final String REQUEUE = "UPDATE inbound_message SET status = 'received', processed_at = NULL WHERE status IN ('unparsed', 'unmatched')";
}
