package dev.homing.queue;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** What happens to a delivery after its SMTP transaction (a late bounce, a delay notice, a complaint): re-judged and kept on its timeline. */
final class LateEvents {
    private final Database db;
    private final SettlementWriter writer;

    LateEvents(Database db, SettlementWriter writer) {
        this.db = db;
        this.writer = writer;
    }

    /**
     * Records a late event and re-judges its delivery in one transaction: a bounce turns a delivery
     * that was accepted (delivered, or uncertain) into bounced, a complaint turns any accepted one into
     * complained; delays and success notices are only recorded. The timeline keeps the earlier
     * attempts and this event. Empty when there is no such delivery.
     */
    Optional<Rejudged> recordLate(long deliveryId, LateEvent e) {
        // the 250 this event follows may still be in the settlement batch: a receiver on a fast link (Postfix on loopback
        // did) bounces within milliseconds, and the batch written after the bounce would put "delivered" back over it
        writer.flush();
        Instant now = Instant.now();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                DeliveryState before;
                String recipient;
                long messageId;
                Instant settledAt;
                try (PreparedStatement ps = c.prepareStatement(QueueSql.LATE_TARGET)) {
                    ps.setLong(1, deliveryId);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            return Optional.empty();
                        }
                        before = DeliveryState.fromLabel(rs.getString(1));
                        recipient = rs.getString(2);
                        messageId = rs.getLong(3);
                        settledAt = rs.getTimestamp(4).toInstant();
                    }
                }
                DeliveryState after = before.afterLate(e.kind());
                String detail = e.detail() == null ? null : e.detail().length() > 2000 ? e.detail().substring(0, 2000) : e.detail();
                if (after != before) {
                    try (PreparedStatement ps = c.prepareStatement(QueueSql.LATE_SETTLE)) {
                        ps.setString(1, after.label());
                        ps.setString(2, e.reason());
                        if (e.code() == null) {
                            ps.setNull(3, java.sql.Types.INTEGER);
                        } else {
                            ps.setInt(3, e.code());
                        }
                        ps.setString(4, e.status());
                        ps.setString(5, detail);
                        ps.setTimestamp(6, Timestamp.from(now));
                        ps.setLong(7, deliveryId);
                        ps.executeUpdate();
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(QueueSql.INSERT_EVENT)) {
                    ps.setLong(1, deliveryId);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setString(3, e.kind().label());
                    ps.setString(4, e.status());
                    if (e.code() == null) {
                        ps.setNull(5, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(5, e.code());
                    }
                    ps.setString(6, e.reason());
                    ps.setString(7, detail);
                    ps.setString(8, before.label());
                    ps.setString(9, after.label());
                    if (e.inboundId() == null) {
                        ps.setNull(10, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(10, e.inboundId());
                    }
                    ps.executeUpdate();
                }
                c.commit();
                return Optional.of(new Rejudged(deliveryId, messageId, recipient, before, after, settledAt));
            } catch (SQLException | RuntimeException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException ex) {
            throw new QueueException("cannot record the " + e.kind().label() + " of delivery " + deliveryId + ": " + ex.getMessage(), ex);
        }
    }
}
