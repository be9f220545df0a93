package dev.homing.list;

/** Every SQL statement of the audience stage, in one place. */
final class ListSql {
    private ListSql() {
    }

    static final String CREATE = "INSERT INTO list (name, description, created_at) VALUES (?, ?, ?)";
    static final String BY_NAME = "SELECT id, name, description, created_at FROM list WHERE name = ?";
    static final String BY_ID = "SELECT id, name, description, created_at FROM list WHERE id = ?";
    static final String ALL = "SELECT id, name, description, created_at FROM list ORDER BY name";
    /** One page of lists after a name, in name order (keyset: stable while lists are added). */
    static final String PAGE = "SELECT id, name, description, created_at FROM list WHERE name > ? ORDER BY name";
    static final String UPDATE = "UPDATE list SET name = ?, description = ? WHERE id = ?";
    static final String DELETE = "DELETE FROM list WHERE id = ?";
    static final String COUNTS = "SELECT status, COUNT(*) FROM membership WHERE list_id = ? GROUP BY status";

    /**
     * What an import batch needs to know of its addresses: the subscriber and, when already a
     * member, the membership. %s: one ? per key. Driven by the subscriber's key so that both
     * tables are read by primary key (a filter on membership alone scans the whole list in H2).
     */
    static final String BATCH_STATE =
            "SELECT s.email_key, s.attributes, m.status, m.created_at FROM subscriber s"
                    + " LEFT JOIN membership m ON m.list_id = ? AND m.email_key = s.email_key WHERE s.email_key IN (%s)";
    static final String INSERT_SUBSCRIBER =
            "INSERT INTO subscriber (email_key, email, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
    static final String UPDATE_SUBSCRIBER = "UPDATE subscriber SET attributes = ?, updated_at = ? WHERE email_key = ?";

    static final String INSERT_MEMBER =
            "INSERT INTO membership (list_id, email_key, status, consent_source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)";

    /** INSERT_SUBSCRIBER for {@code rows} rows in one statement. */
    static String insertSubscribers(int rows) {
        return multiRow(INSERT_SUBSCRIBER, rows);
    }

    /** INSERT_MEMBER for {@code rows} rows in one statement. */
    static String insertMembers(int rows) {
        return multiRow(INSERT_MEMBER, rows);
    }

    /** A single-row "INSERT ... VALUES (?, ...)" written for {@code rows} rows: its VALUES list repeated. */
    static String multiRow(String singleRow, int rows) {
        int values = singleRow.lastIndexOf(" VALUES ") + " VALUES ".length();
        String row = singleRow.substring(values);
        StringBuilder sql = new StringBuilder(values + rows * (row.length() + 2)).append(singleRow, 0, values);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        return sql.toString();
    }

    static final String CONFIRM_MEMBER =
            "UPDATE membership SET status = 'confirmed', consent_source = ?, updated_at = ? WHERE list_id = ? AND email_key = ?"
                    + " AND status = 'unconfirmed'";

    static final String SENDABLE =
            "SELECT s.email, s.attributes, s.email_key, NULL FROM membership m JOIN subscriber s ON s.email_key = m.email_key"
                    + " WHERE m.list_id = ? AND m.status = 'confirmed' AND NOT EXISTS (SELECT 1 FROM suppression x"
                    + " WHERE x.email_key = m.email_key AND x.list_id IN (0, ?) AND x.status = 'active') ORDER BY m.email_key";

    /** Confirmed members with the reason of an active suppression, if any (a campaign records those as suppressed). */
    static final String CAMPAIGN_MEMBERS =
            "SELECT s.email, s.attributes, s.email_key, (SELECT MIN(x.reason) FROM suppression x WHERE x.email_key = m.email_key"
                    + " AND x.list_id IN (0, ?) AND x.status = 'active') FROM membership m JOIN subscriber s ON s.email_key = m.email_key"
                    + " WHERE m.list_id = ? AND m.status = 'confirmed' ORDER BY m.email_key";

    /** Per member status: how many, how many confirmed through a double opt-in link, how many actively suppressed. */
    static final String AUDIENCE =
            "SELECT m.status, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM consent c WHERE c.email_key = m.email_key"
                    + " AND c.list_id = m.list_id AND c.event = 'confirmed') THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN EXISTS (SELECT 1 FROM suppression x WHERE x.email_key = m.email_key AND x.list_id IN (0, m.list_id)"
                    + " AND x.status = 'active') THEN 1 ELSE 0 END) FROM membership m WHERE m.list_id = ? GROUP BY m.status";

    static final String EXPORT =
            "SELECT s.email, m.status, m.consent_source, m.created_at, s.attributes FROM membership m"
                    + " JOIN subscriber s ON s.email_key = m.email_key WHERE m.list_id = ? ORDER BY m.email_key";

    /** Confirmation mails sent to an address since a time (each is a "requested" step of the consent record). */
    static final String CONFIRMATIONS_TO = "SELECT COUNT(*) FROM consent WHERE email_key = ? AND event = 'requested' AND at > ?";
    /** Confirmation mails sent to anybody since a time. */
    static final String CONFIRMATIONS_SINCE = "SELECT COUNT(*) FROM consent WHERE event = 'requested' AND at > ?";

    /** A list's members with their subscriber's address and merge fields: a keyset page by address key, or one member. */
    static final String MEMBER_COLUMNS = "SELECT s.email, m.email_key, m.status, m.consent_source, m.created_at, s.attributes, m.updated_at"
            + " FROM membership m JOIN subscriber s ON s.email_key = m.email_key";
    static final String MEMBERS_PAGE = MEMBER_COLUMNS + " WHERE m.list_id = ? AND m.email_key > ? ORDER BY m.email_key";
    /** The same page, only the addresses containing a text (the console's search). */
    static final String MEMBERS_MATCHING = MEMBER_COLUMNS + " WHERE m.list_id = ? AND m.email_key > ? AND LOWER(s.email_key) LIKE ?"
            + " ORDER BY m.email_key";
    static final String ONE_MEMBER = MEMBER_COLUMNS + " WHERE m.list_id = ? AND m.email_key = ?";

    static final String REMOVE_MEMBER = "DELETE FROM membership WHERE list_id = ? AND email_key = ?";
    static final String REMOVE_MAILBOX = "DELETE FROM unsubscribe_mailbox WHERE list_id = ? AND email_key = ?";
}
