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

    /** The ids of the deliveries to the address (any case), before they are forgotten. */
    public static java.util.List<Long> deliveriesTo(Database db, String address) {
        try (Connection c = db.connection()) {
            return new java.util.ArrayList<>(to(c, address).keySet());
        } catch (SQLException e) {
            throw new QueueException("cannot find the deliveries to " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forgets the address in every delivery to it: the recipient and merge fields, the address wherever the receiving
     * server's words, an attempt's transcript or a report's text repeat it, and the Subject a transcript noted (merge
     * fields filled in it may name the person).
     *
     * @return the ids of the deliveries that were to the address
     */
    public static java.util.List<Long> recipient(Database db, String address) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                java.util.Map<Long, String> to = to(c, address);
                try (PreparedStatement replies = c.prepareStatement(QueueSql.FORGET_IN_REPLIES);
                     PreparedStatement events = c.prepareStatement(QueueSql.FORGET_IN_EVENTS);
                     PreparedStatement read = c.prepareStatement(QueueSql.TRANSCRIPTS_OF);
                     PreparedStatement write = c.prepareStatement(QueueSql.SET_TRANSCRIPT)) {
                    for (java.util.Map.Entry<Long, String> e : to.entrySet()) {
                        // as it was sent (RCPT TO), and lower-cased (as many servers echo it)
                        String sent = e.getValue();
                        String lower = sent.toLowerCase(java.util.Locale.ROOT);
                        bind(replies, e.getKey(), sent, lower);
                        replies.addBatch();
                        bind(events, e.getKey(), sent, lower);
                        events.addBatch();
                        read.setLong(1, e.getKey());
                        try (java.sql.ResultSet rs = read.executeQuery()) {
                            while (rs.next()) {
                                write.setString(1, transcript(rs.getString(2), sent, lower));
                                write.setLong(2, e.getKey());
                                write.setInt(3, rs.getInt(1));
                                write.addBatch();
                            }
                        }
                    }
                    replies.executeBatch();
                    events.executeBatch();
                    write.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement(QueueSql.FORGET_RECIPIENT)) {
                    ps.setString(1, ERASED);
                    ps.setString(2, address);
                    ps.executeUpdate();
                }
                c.commit();
                return new java.util.ArrayList<>(to.keySet());
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new QueueException("cannot forget the deliveries to " + address + ": " + e.getMessage(), e);
        }
    }

    /** A transcript without the address and without the Subject its message line noted. */
    static String transcript(String text, String sent, String lower) {
        return text.replace(sent, ERASED).replace(lower, ERASED)
                .replaceAll("(?m)^(=== message .*?), Subject: .*$", "$1, Subject: (erased)");
    }

    private static java.util.Map<Long, String> to(Connection c, String address) throws SQLException {
        java.util.Map<Long, String> to = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(QueueSql.DELIVERIES_TO)) {
            ps.setString(1, address);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    to.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return to;
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
