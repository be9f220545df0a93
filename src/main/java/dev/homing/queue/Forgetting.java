package dev.homing.queue;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What the queue forgets of a person erased at their request: the address and merge fields of every delivery to them.
 * Each delivery keeps its outcome (state, reason, code), so the campaign reports still add up; the address becomes
 * {@value #ERASED}.
 */
public final class Forgetting {
    /** What an erased recipient reads as (RFC 2606 reserves .invalid: it can never be an address). */
    public static final String ERASED = "erased@erased.invalid";

    private Forgetting() {
    }

    /**
     * Forgets the address in every delivery to it: the recipient and merge fields, and the address wherever the
     * receiving server's words or the transcript of an attempt, or a report's text, repeat it.
     *
     * @return the ids of the deliveries that were to the address
     */
    public static java.util.List<Long> recipient(Database db, String address) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                java.util.Map<Long, String> to = new java.util.LinkedHashMap<>();
                try (PreparedStatement ps = c.prepareStatement(QueueSql.DELIVERIES_TO)) {
                    ps.setString(1, address);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            to.put(rs.getLong(1), rs.getString(2));
                        }
                    }
                }
                try (PreparedStatement attempts = c.prepareStatement(QueueSql.FORGET_IN_ATTEMPTS);
                     PreparedStatement events = c.prepareStatement(QueueSql.FORGET_IN_EVENTS)) {
                    for (java.util.Map.Entry<Long, String> e : to.entrySet()) {
                        // as it was sent (RCPT TO), and lower-cased (as many servers echo it)
                        String sent = e.getValue();
                        String lower = sent.toLowerCase(java.util.Locale.ROOT);
                        bind(attempts, e.getKey(), sent, lower, sent, lower);
                        attempts.addBatch();
                        bind(events, e.getKey(), sent, lower);
                        events.addBatch();
                        ids.add(e.getKey());
                    }
                    attempts.executeBatch();
                    events.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(QueueSql.FORGET_RECIPIENT)) {
                    ps.setString(1, ERASED);
                    ps.setString(2, address);
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new QueueException("cannot forget the deliveries to " + address + ": " + e.getMessage(), e);
        }
        return ids;
    }

    /** Each text, as written and lower-cased, replaced by {@link #ERASED}; the delivery id last. */
    private static void bind(PreparedStatement ps, long id, String... texts) throws SQLException {
        int i = 1;
        for (String t : texts) {
            ps.setString(i++, t);
            ps.setString(i++, ERASED);
        }
        ps.setLong(i, id);
    }
}
