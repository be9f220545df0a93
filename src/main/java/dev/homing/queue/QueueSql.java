package dev.homing.queue;

/** Every SQL statement of the queue, in one place so the data model reads in one sitting. */
final class QueueSql {
    private QueueSql() {
    }

    static final String INSERT_MESSAGE =
            "INSERT INTO message (created_at, envelope_from, label, content, expanding) VALUES (?, ?, ?, ?, ?)";
    static final String SET_EXPANDING = "UPDATE message SET expanding = ? WHERE id = ?";
    static final String EXPANDING = "SELECT expanding FROM message WHERE id = ?";

    static final String MESSAGE_CONTENT = "SELECT envelope_from, content FROM message WHERE id = ?";

    static final String INSERT_DELIVERY =
            "INSERT INTO delivery (message_id, recipient, domain, vars, state, attempts, created_at, next_attempt_at, updated_at,"
                    + " stage, reason, code, enhanced, detail, source, shard) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The fourth value is the delivery's shard (its {@link Rollup} key, hashed). */
    static final String INSERT_DUE = "INSERT INTO due (delivery_id, next_attempt_at, domain, shard) VALUES (?, ?, ?, ?)";

    /** A retry back on the work list in the shard its delivery was queued in. */
    static final String RETRY_DUE = "INSERT INTO due (delivery_id, next_attempt_at, domain, shard) SELECT id, ?, domain, shard FROM delivery WHERE id = ?";

    /** The oldest due work, joined to what sending needs; %s takes the domains to skip. */
    static final String DUE =
            "SELECT d.id, d.message_id, d.recipient, d.domain, d.vars, d.attempts, d.created_at, u.shard"
                    + " FROM due u JOIN delivery d ON d.id = u.delivery_id"
                    + " WHERE u.next_attempt_at <= ? %s ORDER BY u.next_attempt_at LIMIT ?";

    static final String CLAIM = "DELETE FROM due WHERE delivery_id = ?";

    /**
     * A clustered claim first locks the leases it claims under (%s: shard numbers) until it commits: another node
     * cannot take one of them over (ACQUIRE skips locked rows) before the claim's deletions are visible, so its
     * recovery finds every delivery claimed here that this node can no longer send. KEY SHARE does not hold up
     * this node's own renewals (they change no key).
     */
    static final String LOCK_LEASES = "SELECT shard FROM shard_lease WHERE node = ? AND expires_at > CURRENT_TIMESTAMP"
            + " AND shard IN (%s) FOR KEY SHARE";

    /** A delivery whose dot was never sent, back on the work list unless it is there already. */
    static final String GIVE_BACK = "INSERT INTO due (delivery_id, next_attempt_at, domain, shard) SELECT id, ?, domain, shard FROM delivery"
            + " WHERE id = ? AND state IN " + DeliveryState.OPEN_SQL + " AND NOT EXISTS (SELECT 1 FROM due WHERE delivery_id = ?)";

    /** As {@link #GIVE_BACK}, only while this node leases the delivery's shard. */
    static final String GIVE_BACK_FENCED = GIVE_BACK
            + " AND EXISTS (SELECT 1 FROM shard_lease l WHERE l.shard = delivery.shard AND l.node = ?)";

    /** A clustered node marks the dot in the shared database before sending it (the journal is its own disk). */
    static final String DOT = "UPDATE delivery SET dot_at = ? WHERE id = ? AND state IN " + DeliveryState.OPEN_SQL
            + " AND EXISTS (SELECT 1 FROM shard_lease l WHERE l.shard = delivery.shard AND l.node = ?)";

    /**
     * Deliveries of a shard a node took over that no node works on any more: not final, not on the work
     * list. With a dot mark they become uncertain; without, they go back on the work list.
     */
    static final String ORPHANS =
            "SELECT d.id, d.domain, d.attempts, d.next_attempt_at, d.dot_at FROM delivery d LEFT JOIN due u ON u.delivery_id = d.id"
                    + " WHERE d.shard = ? AND d.state IN " + DeliveryState.OPEN_SQL + " AND u.delivery_id IS NULL";

    /** Guarded by the attempt number, so replaying a journal applies each settlement once. */
    static final String SETTLE =
            "UPDATE delivery SET state = ?, attempts = ?, next_attempt_at = ?, updated_at = ?, stage = ?, reason = ?,"
                    + " code = ?, enhanced = ?, detail = ? WHERE id = ? AND attempts < ?";

    /**
     * As {@link #SETTLE} on a clustered node: only while the node still leases the delivery's shard. A node
     * that lost its lease (killed, or cut off from the database while another took the shard over) cannot
     * overwrite what the new holder decided when its late writes arrive.
     */
    static final String SETTLE_FENCED = SETTLE + " AND EXISTS (SELECT 1 FROM shard_lease l WHERE l.shard = delivery.shard AND l.node = ?)";

    static final String INSERT_ATTEMPT =
            "INSERT INTO attempt (delivery_id, started_at, mx_host, mx_ip, stage, code, enhanced, reply, disposition, reason,"
                    + " connect_ms, duration_ms, transcript, attempt_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Recovery: what the database says of deliveries the journal names (%s: a list of ids). */
    static final String RECOVERING =
            "SELECT d.id, d.state, d.attempts, d.domain, d.next_attempt_at, u.delivery_id, d.shard FROM delivery d"
                    + " LEFT JOIN due u ON u.delivery_id = d.id WHERE d.id IN (%s)";

    static final String UNCERTAIN_TO_DUE =
            "INSERT INTO due (delivery_id, next_attempt_at, domain, shard) SELECT id, ?, domain, shard FROM delivery WHERE state = 'uncertain'";

    static final String REQUEUE_UNCERTAIN =
            "UPDATE delivery SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE state = 'uncertain'";

    static final String DUE_COUNT = "SELECT COUNT(*) FROM due";

    /** Per state; for queued and deferred the second count says how many wait (the rest are being sent). */
    static final String COUNT_BY_STATE =
            "SELECT d.state, COUNT(*), COUNT(u.delivery_id) FROM delivery d LEFT JOIN due u ON u.delivery_id = d.id"
                    + " GROUP BY d.state";

    static final String COUNT_MESSAGE_BY_STATE =
            "SELECT d.state, COUNT(*), COUNT(u.delivery_id) FROM delivery d LEFT JOIN due u ON u.delivery_id = d.id"
                    + " WHERE d.message_id = ? GROUP BY d.state";

    static final String COUNT_BY_DOMAIN_STATE =
            "SELECT d.domain, d.state, COUNT(*), COUNT(u.delivery_id) FROM delivery d LEFT JOIN due u ON u.delivery_id = d.id"
                    + " GROUP BY d.domain, d.state ORDER BY d.domain, d.state";

    static final String SUMMARY =
            "SELECT state, stage, reason, code, enhanced, MIN(detail), COUNT(*) FROM delivery WHERE message_id = ?"
                    + " GROUP BY state, stage, reason, code, enhanced ORDER BY COUNT(*) DESC";

    static final String UNFINISHED = "SELECT COUNT(*) FROM delivery WHERE message_id = ? AND state IN " + DeliveryState.OPEN_SQL;

    static final String DELIVERIES =
            "SELECT d.id, d.recipient, d.state, d.attempts, d.stage, d.reason, d.code, d.enhanced, d.detail, u.delivery_id"
                    + " FROM delivery d LEFT JOIN due u ON u.delivery_id = d.id WHERE d.message_id = ? ORDER BY d.id";

    /** Deliveries that failed before any server answered: bad addresses and domains that do not resolve. */
    static final String INPUT_FAILURES =
            "SELECT source, recipient, code, detail FROM delivery WHERE message_id = ? AND state = 'bounced'"
                    + " AND stage IN ('local', 'resolve') ORDER BY id LIMIT ?";

    /** Messages whose deliveries are all final and whose outcomes the suppression rules have not seen. */
    static final String UNJUDGED =
            "SELECT m.id FROM message m WHERE m.judged_at IS NULL AND m.expanding = FALSE AND NOT EXISTS"
                    + " (SELECT 1 FROM delivery d WHERE d.message_id = m.id AND d.state IN " + DeliveryState.OPEN_SQL + ")";

    static final String MARK_JUDGED = "UPDATE message SET judged_at = ? WHERE id = ?";

    static final String HOLD = "UPDATE message SET held = ? WHERE id = ?";
    static final String HELD = "SELECT id FROM message WHERE held = TRUE";
    static final String RECIPIENTS = "SELECT recipient FROM delivery WHERE message_id = ?";

    static final String LATE_TARGET = "SELECT state, recipient, message_id, updated_at FROM delivery WHERE id = ? FOR UPDATE";
    static final String LATE_SETTLE = "UPDATE delivery SET state = ?, stage = 'after', reason = ?, code = ?, enhanced = ?, detail = ?,"
            + " updated_at = ? WHERE id = ?";
    static final String INSERT_EVENT = "INSERT INTO delivery_event (delivery_id, at, kind, status, code, reason, detail, previous_state,"
            + " new_state, inbound_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String EVENTS = "SELECT at, kind, status, code, reason, detail, previous_state, new_state, inbound_id"
            + " FROM delivery_event WHERE delivery_id = ? ORDER BY at, id";
    static final String FIND_DELIVERY = "SELECT id, message_id, recipient, state FROM delivery WHERE id = ?";
    /** The latest delivery to an address that was accepted: where a bounce that names only its recipient belongs. */
    static final String LATEST_TO = "SELECT id FROM delivery WHERE recipient = ? AND state IN ('delivered', 'uncertain', 'bounced',"
            + " 'complained') ORDER BY updated_at DESC, id DESC";
    static final String COMPLAINTS_BY_MESSAGE = "SELECT domain, COUNT(*), SUM(CASE WHEN state = 'complained' THEN 1 ELSE 0 END)"
            + " FROM delivery WHERE message_id = ? AND state IN ('delivered', 'complained') GROUP BY domain";

    static final String JUDGED = "SELECT judged_at FROM message WHERE id = ?";

    static final String WAITING_BY_DOMAIN = "SELECT domain, COUNT(*) FROM due GROUP BY domain";

    static final String NEXT_DUE = "SELECT MIN(next_attempt_at) FROM due";

    /** A keyset page of a message's delivery ids, in the order they were queued (the id never changes). */
    static final String PAGE_OF_MESSAGE = "SELECT id FROM delivery WHERE message_id = ? AND id > ? ORDER BY id";
    static final String PAGE_OF_MESSAGE_IN_STATE = "SELECT id FROM delivery WHERE message_id = ? AND id > ? AND state = ? ORDER BY id";

    /** A message's attempts per minute and disposition (EXTRACT(EPOCH ...): H2 and PostgreSQL alike). */
    static final String ATTEMPTS_PER_MINUTE = "SELECT FLOOR(EXTRACT(EPOCH FROM a.started_at) / 60), a.disposition, COUNT(*)"
            + " FROM attempt a JOIN delivery d ON d.id = a.delivery_id WHERE d.message_id = ?"
            + " GROUP BY FLOOR(EXTRACT(EPOCH FROM a.started_at) / 60), a.disposition";

    /** An erased person's deliveries keep their outcome, not the address or its merge fields. */
    static final String FORGET_RECIPIENT = "UPDATE delivery SET recipient = ?, vars = NULL WHERE LOWER(recipient) = LOWER(?)";
    static final String DELIVERIES_TO = "SELECT id, recipient FROM delivery WHERE LOWER(recipient) = LOWER(?)";
    /** The address in what the receiving server said, replaced. */
    static final String FORGET_IN_REPLIES = "UPDATE attempt SET reply = REPLACE(REPLACE(reply, ?, ?), ?, ?) WHERE delivery_id = ?";
    static final String TRANSCRIPTS_OF = "SELECT attempt_no, transcript FROM attempt WHERE delivery_id = ? AND transcript IS NOT NULL";
    static final String SET_TRANSCRIPT = "UPDATE attempt SET transcript = ? WHERE delivery_id = ? AND attempt_no = ?";
    static final String FORGET_IN_EVENTS = "UPDATE delivery_event SET detail = REPLACE(REPLACE(detail, ?, ?), ?, ?) WHERE delivery_id = ?";
}
