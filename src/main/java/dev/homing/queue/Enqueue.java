package dev.homing.queue;

import dev.homing.outcome.Reason;
import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts messages and their deliveries into the queue: the message text, one delivery per recipient in its shard (from its
 * domain's rollup key), invalid and suppressed recipients recorded final at once, the rest on the work list.
 */
final class Enqueue {
    private final Database db;
    private final java.util.function.Supplier<ShardKeys> shardKeys;

    Enqueue(Database db, java.util.function.Supplier<ShardKeys> shardKeys) {
        this.db = db;
        this.shardKeys = shardKeys;
    }

    private static String domainOf(NewDelivery d) {
        return d.domain() == null ? "" : d.domain();
    }

    long addMessage(String envelopeFrom, String label, String content) {
        return addMessage(envelopeFrom, label, content, false);
    }

    /**
     * @param expanding true when its deliveries will be added in batches (a campaign): the message is not finished, for
     *                  reports and suppression, until {@link #expanding(long, boolean)} says the last batch is in
     */
    long addMessage(String envelopeFrom, String label, String content, boolean expanding) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(QueueSql.INSERT_MESSAGE, Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, envelopeFrom);
            ps.setString(3, label);
            ps.setString(4, content);
            ps.setBoolean(5, expanding);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new QueueException("cannot store the message: " + e.getMessage(), e);
        }
    }

    /** Marks a message's expansion as under way (more deliveries to come) or complete. */
    void expanding(long messageId, boolean more) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.SET_EXPANDING)) {
            ps.setBoolean(1, more);
            ps.setLong(2, messageId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot mark the expansion of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** True while deliveries of the message are still being added. */
    boolean expanding(long messageId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.EXPANDING)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** The message's envelope sender and content template. */
    Optional<String[]> message(long messageId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.MESSAGE_CONTENT)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[]{rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inserts deliveries in one transaction. Invalid addresses are recorded bounced at once with
     * reason invalidaddress (191) and an attempt naming the source line; nothing is sent to them.
     */
    void addDeliveries(long messageId, List<NewDelivery> deliveries) {
        addDeliveries(messageId, deliveries, Instant.now());
    }

    /** As {@link #addDeliveries(long, List)}, first attempt not before {@code notBefore} (a scheduled campaign). */
    void addDeliveries(long messageId, List<NewDelivery> deliveries, Instant notBefore) {
        if (deliveries.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        Timestamp first = Timestamp.from(notBefore.isAfter(now) ? notBefore : now);
        // before the transaction: a rollup may wait on DNS
        Map<String, Integer> shards = shardKeys.get().shardsOf(deliveries.stream().map(Enqueue::domainOf).collect(java.util.stream.Collectors.toSet()));
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(QueueSql.INSERT_DELIVERY, Statement.RETURN_GENERATED_KEYS)) {
                for (NewDelivery d : deliveries) {
                    ps.setLong(1, messageId);
                    ps.setString(2, d.recipient());
                    ps.setString(3, d.domain() == null ? "" : d.domain());
                    ps.setString(4, d.vars());
                    ps.setTimestamp(6, ts);
                    ps.setTimestamp(7, first);
                    ps.setTimestamp(8, ts);
                    ps.setString(14, d.source());
                    ps.setInt(15, shards.get(domainOf(d)));
                    if (d.suppressed() != null) {
                        ps.setString(5, DeliveryState.SUPPRESSED.label());
                        ps.setString(9, Stage.LOCAL.label());
                        ps.setString(10, Reason.SUPPRESSED.label());
                        ps.setNull(11, java.sql.Types.INTEGER);
                        ps.setString(12, null);
                        ps.setString(13, d.suppressed());
                    } else if (d.invalid() == null) {
                        ps.setString(5, DeliveryState.QUEUED.label());
                        ps.setString(9, null);
                        ps.setString(10, null);
                        ps.setNull(11, java.sql.Types.INTEGER);
                        ps.setString(12, null);
                        ps.setString(13, null);
                    } else {
                        Reply r = InternalCode.INVALID_ADDRESS.asReply(invalidDetail(d));
                        ps.setString(5, DeliveryState.BOUNCED.label());
                        ps.setString(9, Stage.LOCAL.label());
                        ps.setString(10, Reason.INVALIDADDRESS.label());
                        ps.setInt(11, r.code());
                        ps.setString(12, r.enhanced().toString());
                        ps.setString(13, r.text());
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
                List<Long> ids = new ArrayList<>(deliveries.size());
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                if (ids.size() != deliveries.size()) {
                    throw new SQLException("the database returned " + ids.size() + " keys for " + deliveries.size() + " rows");
                }
                try (PreparedStatement due = c.prepareStatement(QueueSql.INSERT_DUE)) {
                    int n = 0;
                    for (int i = 0; i < deliveries.size(); i++) {
                        NewDelivery d = deliveries.get(i);
                        if (d.invalid() == null && d.suppressed() == null) {
                            due.setLong(1, ids.get(i));
                            due.setTimestamp(2, first);
                            due.setString(3, domainOf(d));
                            due.setInt(4, shards.get(domainOf(d)));
                            due.addBatch();
                            n++;
                        }
                    }
                    if (n > 0) {
                        due.executeBatch();
                    }
                }
                {
                    try (PreparedStatement ins = c.prepareStatement(QueueSql.INSERT_ATTEMPT)) {

                        int n = 0;
                        for (int i = 0; i < deliveries.size(); i++) {
                            NewDelivery d = deliveries.get(i);
                            if (d.invalid() == null || d.suppressed() != null) {
                                continue;
                            }
                            Reply r = InternalCode.INVALID_ADDRESS.asReply(invalidDetail(d));
                            ins.setLong(1, ids.get(i));
                            ins.setTimestamp(2, ts);
                            ins.setString(3, null);
                            ins.setString(4, null);
                            ins.setString(5, Stage.LOCAL.label());
                            ins.setInt(6, r.code());
                            ins.setString(7, r.enhanced().toString());
                            ins.setString(8, r.text());
                            ins.setString(9, "failed");
                            ins.setString(10, Reason.INVALIDADDRESS.label());
                            ins.setNull(11, java.sql.Types.INTEGER);
                            ins.setInt(12, 0);
                            ins.setString(13, null);
                            ins.setInt(14, 1);
                            ins.addBatch();
                            n++;
                        }
                        if (n > 0) {
                            ins.executeBatch();
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new QueueException("cannot enqueue " + deliveries.size() + " deliveries for message " + messageId
                    + ": " + e.getMessage(), e);
        }
    }

    private static String invalidDetail(NewDelivery d) {
        return d.invalid();
    }
}
