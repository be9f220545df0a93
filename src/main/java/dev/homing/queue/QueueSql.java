package dev.homing.queue;

/** Every SQL statement of the queue, in one place so the data model reads in one sitting. */
final class QueueSql {
    private QueueSql() {
    }

    static final String INSERT_MESSAGE =
            "INSERT INTO message (created_at, envelope_from, label, content) VALUES (?, ?, ?, ?)";

    static final String MESSAGE_CONTENT = "SELECT envelope_from, content FROM message WHERE id = ?";

    static final String INSERT_DELIVERY =
            "INSERT INTO delivery (message_id, recipient, domain, vars, state, attempts, created_at, next_attempt_at, updated_at,"
                    + " stage, reason, code, enhanced, detail) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String DUE =
            "SELECT id, message_id, recipient, domain, vars, attempts, created_at FROM delivery"
                    + " WHERE state = ? AND next_attempt_at <= ? %s ORDER BY next_attempt_at LIMIT ?";

    static final String CLAIM = "UPDATE delivery SET state = 'sending', updated_at = ? WHERE id = ? AND state = ?";

    /** Guarded by the attempt number, so replaying a journal applies each settlement once. */
    static final String SETTLE =
            "UPDATE delivery SET state = ?, attempts = ?, next_attempt_at = ?, updated_at = ?, stage = ?, reason = ?,"
                    + " code = ?, enhanced = ?, detail = ? WHERE id = ? AND attempts < ?";

    static final String INSERT_ATTEMPT =
            "INSERT INTO attempt (delivery_id, started_at, mx_host, mx_ip, stage, code, enhanced, reply, disposition, reason,"
                    + " connect_ms, duration_ms, transcript) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    static final String SENDING = "SELECT id, attempts FROM delivery WHERE state = 'sending'";

    static final String REQUEUE = "UPDATE delivery SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'sending'";

    static final String REQUEUE_UNCERTAIN =
            "UPDATE delivery SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE state = 'uncertain'";

    static final String OPEN = "SELECT COUNT(*) FROM delivery WHERE state IN ('queued', 'sending', 'deferred')";

    static final String COUNT_BY_STATE = "SELECT state, COUNT(*) FROM delivery GROUP BY state";

    static final String COUNT_BY_DOMAIN_STATE =
            "SELECT domain, state, COUNT(*) FROM delivery GROUP BY domain, state ORDER BY domain, state";

    static final String SUMMARY =
            "SELECT state, stage, reason, code, enhanced, MIN(detail), COUNT(*) FROM delivery WHERE message_id = ?"
                    + " GROUP BY state, stage, reason, code, enhanced ORDER BY COUNT(*) DESC";

    static final String UNFINISHED = "SELECT COUNT(*) FROM delivery WHERE message_id = ? AND state IN ('queued', 'sending', 'deferred')";

    static final String COUNT_MESSAGE_BY_STATE = "SELECT state, COUNT(*) FROM delivery WHERE message_id = ? GROUP BY state";

    static final String DELIVERIES =
            "SELECT id, recipient, state, attempts, stage, reason, code, enhanced, detail FROM delivery WHERE message_id = ? ORDER BY id";

    static final String NEXT_DUE = "SELECT MIN(next_attempt_at) FROM delivery WHERE state IN ('queued', 'deferred')";
}
