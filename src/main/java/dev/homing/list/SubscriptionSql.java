package dev.homing.list;

/** The SQL of subscriptions: consent records, membership changes and unsubscribe mailboxes, in one place. */
final class SubscriptionSql {
    private SubscriptionSql() {
    }

    static final String MAILBOX_OF = "SELECT ref FROM unsubscribe_mailbox WHERE email_key = ? AND list_id = ?";
    static final String INSERT_MAILBOX = "INSERT INTO unsubscribe_mailbox (ref, email_key, list_id, created_at) VALUES (?, ?, ?, ?)";
    static final String MAILBOX_OWNER = "SELECT email_key, list_id FROM unsubscribe_mailbox WHERE ref = ?";
    static final String CONSENT_OF = "SELECT email_key, list_id, event, at, ip, user_agent, source, text FROM consent WHERE email_key = ? AND list_id = ? ORDER BY id";
    static final String CONSENT_OF_LIST = "SELECT email_key, event, at, ip, user_agent, source, text FROM consent WHERE list_id = ? ORDER BY email_key, id";
    static final String MEMBERSHIP_STATUS = "SELECT status FROM membership WHERE list_id = ? AND email_key = ?";
    static final String SET_MEMBERSHIP = "UPDATE membership SET status = ?, consent_source = ?, updated_at = ? WHERE list_id = ? AND email_key = ?";
    static final String ATTRIBUTES_OF = "SELECT attributes FROM subscriber WHERE email_key = ?";
    static final String INSERT_CONSENT = "INSERT INTO consent (email_key, list_id, event, at, ip, user_agent, source, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** INSERT_CONSENT for {@code rows} rows in one statement. */
    static String insertConsents(int rows) {
        return ListSql.multiRow(INSERT_CONSENT, rows);
    }

    /** The unsubscribe mailboxes of {@code n} members of one list (the list id first, then the n email keys). */
    static String mailboxesOf(int n) {
        return "SELECT email_key, ref FROM unsubscribe_mailbox WHERE list_id = ? AND email_key IN ("
                + String.join(",", java.util.Collections.nCopies(n, "?")) + ")";
    }
}
