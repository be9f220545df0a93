package dev.homing.webhook;

/** Every statement on the webhook tables ({@code webhook}, {@code webhook_event}, {@code webhook_attempt}), which this package owns. */
final class WebhookSql {
    private WebhookSql() {
    }

    static final String INSERT_EVENT = "INSERT INTO webhook_event (webhook_id, kind, payload, created_at, attempts,"
            + " next_attempt_at, state) VALUES (?, ?, ?, ?, 0, ?, 'pending')";
    static final String DUE_EVENTS = "SELECT e.id, e.kind, e.payload, e.attempts, w.url, w.secret"
            + " FROM webhook_event e JOIN webhook w ON w.id = e.webhook_id"
            + " WHERE e.state = 'pending' AND e.next_attempt_at <= ? AND w.active = TRUE ORDER BY e.next_attempt_at";
    static final String CLAIM_EVENT = "UPDATE webhook_event SET next_attempt_at = ? WHERE id = ? AND state = 'pending'"
            + " AND next_attempt_at <= ?";
    static final String INSERT_ATTEMPT = "INSERT INTO webhook_attempt (event_id, at, status, error, duration_ms) VALUES (?, ?, ?, ?, ?)";
    static final String SETTLE_EVENT = "UPDATE webhook_event SET attempts = ?, state = ?, next_attempt_at = ?,"
            + " last_status = ?, last_error = ? WHERE id = ?";
    static final String UNSEALED_SECRETS = "SELECT id, secret FROM webhook WHERE secret NOT LIKE ?";
    static final String SEAL_SECRET = "UPDATE webhook SET secret = ? WHERE id = ? AND secret = ?";
    static final String INSERT_WEBHOOK = "INSERT INTO webhook (url, secret, events, created_at, active) VALUES (?, ?, ?, ?, TRUE)";
    static final String ALL_WEBHOOKS = "SELECT id, url, secret, events, created_at, active FROM webhook ORDER BY id";
    static final String ACTIVE_WEBHOOKS = "SELECT id, url, secret, events, created_at, active FROM webhook WHERE active = TRUE ORDER BY id";
    static final String DEACTIVATE = "UPDATE webhook SET active = FALSE WHERE id = ? AND active = TRUE";
    static final String FAIL_PENDING_OF = "UPDATE webhook_event SET state = 'failed', last_error = 'webhook removed' WHERE webhook_id = ? AND state = 'pending'";

    /** The latest attempts, newest first, of one webhook ({@code forOne}: its id is the first parameter) or of all. */
    static String log(boolean forOne) {
        return "SELECT e.id, e.webhook_id, e.kind, a.at, a.status, a.error, a.duration_ms, e.state"
                + " FROM webhook_attempt a JOIN webhook_event e ON e.id = a.event_id"
                + (forOne ? " WHERE e.webhook_id = ?" : "") + " ORDER BY a.id DESC";
    }
}
