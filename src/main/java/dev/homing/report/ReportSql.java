package dev.homing.report;

/** Every query of the report stage, in one place; all of them read, none writes. */
final class ReportSql {
    private ReportSql() {
    }

    /** The columns every delivery query returns, in the order {@code Reports.facts} reads them. */
    private static final String FACTS =
            "SELECT d.id, d.message_id, d.recipient, d.domain, d.state, d.attempts, d.created_at, d.next_attempt_at, d.updated_at,"
                    + " d.stage, d.reason, d.code, d.enhanced, d.detail, s.status, s.source,"
                    + " e.at, e.kind, e.status, e.code, e.reason, e.detail, e.previous_state, c.name"
                    + " FROM delivery d"
                    + " LEFT JOIN suppression s ON s.email_key = d.recipient AND s.list_id = 0"
                    // the latest late event only: enough to tell a late bounce, a complaint or a delay notice
                    + " LEFT JOIN delivery_event e ON e.id = (SELECT MAX(x.id) FROM delivery_event x WHERE x.delivery_id = d.id)"
                    + " LEFT JOIN campaign c ON c.message_id = d.message_id";

    static final String DELIVERY = FACTS + " WHERE d.id = ?";

    static final String DELIVERIES_OF_MESSAGE = FACTS + " WHERE d.message_id = ? ORDER BY d.id";

    /** Newest first: "the delivery to ann@" means the latest one. */
    static final String DELIVERIES_TO = "SELECT d.id FROM delivery d WHERE d.recipient = ? ORDER BY d.updated_at DESC, d.id DESC";

    /** The same, ignoring case, for an address typed differently from how it was imported. */
    static final String DELIVERIES_TO_ANY_CASE =
            "SELECT d.id FROM delivery d WHERE LOWER(d.recipient) = LOWER(?) ORDER BY d.updated_at DESC, d.id DESC";

    static final String DELIVERIES_TO_IN_CAMPAIGN = "SELECT d.id FROM delivery d JOIN campaign c ON c.message_id = d.message_id"
            + " WHERE LOWER(d.recipient) = LOWER(?) AND c.name = ? ORDER BY d.updated_at DESC, d.id DESC";

    static final String DOMAINS_OF_MESSAGE = "SELECT DISTINCT domain FROM delivery WHERE message_id = ?";

    static final String ATTEMPTS = "SELECT attempt_no, started_at, mx_host, mx_ip, stage, code, enhanced, reply, disposition, reason,"
            + " connect_ms, duration_ms, transcript FROM attempt WHERE delivery_id = ? ORDER BY attempt_no";

    static final String EVENTS = "SELECT at, kind, status, code, reason, detail, previous_state, new_state, inbound_id"
            + " FROM delivery_event WHERE delivery_id = ? ORDER BY at, id";

    /** Whether a stored report (bounce, complaint) is one of this delivery's events. */
    static final String REPORT_OF_DELIVERY = "SELECT 1 FROM delivery_event WHERE delivery_id = ? AND inbound_id = ?";

    static final String CAMPAIGN = "SELECT name, from_address, message_id, state FROM campaign WHERE name = ?";

    /** Who a message says it is from: its campaign's From address, else the envelope sender of a plain send. */
    /** The message's senders; for a message that is not a campaign's, the start of its text (its From header is there). */
    static final String SENDER_OF_MESSAGE = "SELECT m.envelope_from, c.from_address, c.name,"
            + " CASE WHEN c.id IS NULL THEN SUBSTRING(m.content FROM 1 FOR 8000) END FROM message m"
            + " LEFT JOIN campaign c ON c.message_id = m.id WHERE m.id = ?";

    /**
     * The temporary answers a message's deliveries met, by code, status and reason, and per final state of the deliveries
     * that met them: deliveries touched, attempts, one example of the words.
     */
    static final String TEMPORARY_ANSWERS = "SELECT a.code, a.enhanced, a.reason, d.state, COUNT(DISTINCT a.delivery_id), COUNT(*), MIN(a.reply)"
            + " FROM attempt a JOIN delivery d ON d.id = a.delivery_id WHERE d.message_id = ? AND a.disposition = 'retry'"
            + " GROUP BY a.code, a.enhanced, a.reason, d.state";

    /** A keyset page of the deliveries to an address as stored, newest first, with their campaign (none: a transactional message). */
    static final String DELIVERIES_TO_PAGE = "SELECT d.id, c.name FROM delivery d LEFT JOIN campaign c ON c.message_id = d.message_id"
            + " WHERE d.recipient = ? AND d.id < ? ORDER BY d.id DESC";
}
