package dev.homing.list;

/** The SQL of erasing a person from the audience tables, and of the hashed marks that keep an import from re-adding them. */
final class ErasureSql {
    private ErasureSql() {
    }

    static final String CONSENT = "DELETE FROM consent WHERE email_key = ?";
    static final String MEMBERSHIP = "DELETE FROM membership WHERE email_key = ?";
    static final String MAILBOXES = "DELETE FROM unsubscribe_mailbox WHERE email_key = ?";
    static final String HISTORY = "DELETE FROM address_history WHERE email_key = ?";
    static final String SUPPRESSIONS = "DELETE FROM suppression WHERE email_key = ?";
    static final String SUBSCRIBER = "DELETE FROM subscriber WHERE email_key = ?";
    static final String MARK = "INSERT INTO suppression (email_key, list_id, reason, status, source, created_at, updated_at)"
            + " VALUES (?, 0, 'erased', 'suppressed', 'erased at the person''s request', ?, ?)";
    static final String MARKED = "SELECT email_key FROM suppression WHERE list_id = 0 AND reason = 'erased' AND email_key = ?";

    /** Which of {@code n} hashed marks exist. */
    static String marked(int n) {
        return "SELECT email_key FROM suppression WHERE list_id = 0 AND reason = 'erased' AND email_key IN ("
                + String.join(",", java.util.Collections.nCopies(n, "?")) + ")";
    }
}
