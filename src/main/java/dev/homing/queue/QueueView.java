package dev.homing.queue;

import dev.homing.smtp.Stage;
import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the queue's tables say, read only: counts by state and destination, a message's summary and rows, a delivery's
 * late events, the address a report names, the next due time. Reports, pages and commands read through it; only the
 * {@link Queue} changes the tables. Every statement is in {@link QueueSql}.
 */
public final class QueueView {
    private final Database db;

    /** The queue read from the database alone: for a process that does not deliver (status beside a running node). */
    public static QueueView of(Database db) {
        return new QueueView(db);
    }

    QueueView(Database db) {
        this.db = db;
    }

    /** Whether the suppression rules have read this message's outcomes already. */
    public boolean judged(long messageId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.JUDGED)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null;
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** The late events of a delivery, oldest first. */
    public List<TimelineEvent> events(long deliveryId) {
        List<TimelineEvent> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.EVENTS)) {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(4);
                    Integer boxed = rs.wasNull() ? null : code;
                    long inbound = rs.getLong(9);
                    Long in = rs.wasNull() ? null : inbound;
                    out.add(new TimelineEvent(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), boxed, rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), in));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot read the events of delivery " + deliveryId + ": " + e.getMessage(), e);
        }
    }

    /** A delivery's message, recipient and state. */
    public record DeliveryRef(long messageId, String recipient, DeliveryState state) {
    }

    /** Per destination domain of a message: the copies that reached a mailbox (complained ones included), and complaints. */
    public record DomainComplaints(String domain, long delivered, long complained) {
    }

    /** A delivery's message and recipient, if it exists. */
    public Optional<DeliveryRef> delivery(long deliveryId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.FIND_DELIVERY)) {
            ps.setLong(1, deliveryId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new DeliveryRef(rs.getLong(2), rs.getString(3), DeliveryState.fromLabel(rs.getString(4))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read delivery " + deliveryId + ": " + e.getMessage(), e);
        }
    }

    /** The most recent accepted delivery to this recipient, if any (for reports that name only the recipient). */
    public java.util.OptionalLong latestAcceptedTo(String recipient) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.LATEST_TO)) {
            ps.setString(1, recipient);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new QueueException("cannot look up deliveries to " + recipient + ": " + e.getMessage(), e);
        }
    }

    /** Per destination domain of a message: delivered copies (complained ones included) and complaints. */
    public List<DomainComplaints> complaintsByDomain(long messageId) {
        List<DomainComplaints> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.COMPLAINTS_BY_MESSAGE)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DomainComplaints(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot count complaints of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** Every recipient the message already has a delivery for (a repeated campaign send skips them). */
    public java.util.Set<String> recipients(long messageId) {
        java.util.Set<String> all = new java.util.HashSet<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.RECIPIENTS)) {
            ps.setLong(1, messageId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            return all;
        } catch (SQLException e) {
            throw new QueueException("cannot read the recipients of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** Counts per state over the whole queue. */
    public Map<DeliveryState, Long> countByState() {
        return counts(QueueSql.COUNT_BY_STATE, null);
    }

    public Map<DeliveryState, Long> countByState(long messageId) {
        return counts(QueueSql.COUNT_MESSAGE_BY_STATE, messageId);
    }

    private Map<DeliveryState, Long> counts(String sql, Long messageId) {
        Map<DeliveryState, Long> m = new java.util.EnumMap<>(DeliveryState.class);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (messageId != null) {
                ps.setLong(1, messageId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    split(m, DeliveryState.fromLabel(rs.getString(1)), rs.getLong(2), rs.getLong(3));
                }
            }
            return m;
        } catch (SQLException e) {
            throw new QueueException("cannot count deliveries: " + e.getMessage(), e);
        }
    }

    /** Queued or deferred deliveries off the work list are being sent: count them as sending. */
    private static void split(Map<DeliveryState, Long> m, DeliveryState state, long all, long waiting) {
        if (state == DeliveryState.QUEUED || state == DeliveryState.DEFERRED) {
            if (waiting > 0) {
                m.merge(state, waiting, Long::sum);
            }
            if (all > waiting) {
                m.merge(DeliveryState.SENDING, all - waiting, Long::sum);
            }
        } else {
            m.merge(state, all, Long::sum);
        }
    }

    /** Deliveries on the work list (waiting for an attempt) per destination domain: one pass over the small table. */
    public Map<String, Long> waitingByDomain() {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.WAITING_BY_DOMAIN);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot count waiting deliveries per domain: " + e.getMessage(), e);
        }
    }

    public List<StateCount> countByDomain() {
        List<StateCount> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.COUNT_BY_DOMAIN_STATE);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<DeliveryState, Long> m = new java.util.EnumMap<>(DeliveryState.class);
                split(m, DeliveryState.fromLabel(rs.getString(2)), rs.getLong(3), rs.getLong(4));
                String domain = rs.getString(1);
                m.forEach((state, n) -> out.add(new StateCount(domain, state, n)));
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot count deliveries per domain: " + e.getMessage(), e);
        }
    }

    /** A message's outcomes grouped by state, reason and code, largest first. */
    public List<OutcomeRow> summary(long messageId) {
        List<OutcomeRow> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.SUMMARY)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(4);
                    Integer boxed = rs.wasNull() ? null : code;
                    String stage = rs.getString(2);
                    out.add(new OutcomeRow(DeliveryState.fromLabel(rs.getString(1)), stage == null ? null : Stage.fromLabel(stage),
                            rs.getString(3), boxed, rs.getString(5), rs.getString(6), rs.getLong(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot summarise message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** Deliveries of this message not yet in a final state. */
    public long unfinished(long messageId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.UNFINISHED)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new QueueException("cannot count unfinished deliveries: " + e.getMessage(), e);
        }
    }

    /** Every delivery of a message with its last verdict, in the order they were queued. */
    public List<DeliveryRow> deliveries(long messageId) {
        List<DeliveryRow> out = new ArrayList<>();
        forEachDelivery(messageId, out::add);
        return out;
    }

    /**
     * Every delivery of a message, streamed (a campaign may have millions); a queued or deferred
     * delivery that is off the work list is reported {@code sending}.
     */
    public void forEachDelivery(long messageId, java.util.function.Consumer<DeliveryRow> each) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.DELIVERIES)) {
            ps.setLong(1, messageId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String stage = rs.getString(5);
                    int code = rs.getInt(7);
                    Integer boxed = rs.wasNull() ? null : code;
                    DeliveryState state = DeliveryState.fromLabel(rs.getString(3));
                    rs.getLong(10);
                    if ((state == DeliveryState.QUEUED || state == DeliveryState.DEFERRED) && rs.wasNull()) {
                        state = DeliveryState.SENDING;
                    }
                    each.accept(new DeliveryRow(rs.getLong(1), rs.getString(2), state, rs.getInt(4),
                            stage == null ? null : Stage.fromLabel(stage), rs.getString(6), boxed, rs.getString(8), rs.getString(9)));
                }
            }
        } catch (SQLException e) {
            throw new QueueException("cannot read the deliveries of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** A failure that points at the input: where the address came from and why it failed. */
    public record InputFailure(String source, String recipient, int code, String detail) {
    }

    /** Up to {@code limit} deliveries of the message that failed before any server answered. */
    public List<InputFailure> inputFailures(long messageId, int limit) {
        List<InputFailure> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.INPUT_FAILURES)) {
            ps.setLong(1, messageId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InputFailure(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot list input failures of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** When the next queued or deferred delivery is due, if any. */
    public Optional<Instant> nextDue() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.NEXT_DUE);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        } catch (SQLException e) {
            throw new QueueException("cannot read the next due time: " + e.getMessage(), e);
        }
    }

    /**
     * A keyset page of a message's delivery ids after {@code after}, in the order they were queued, optionally in one
     * state: a page walk neither skips nor repeats a delivery while the engine moves them from state to state.
     *
     * @param limit the most ids returned
     */
    public List<Long> deliveryIds(long messageId, DeliveryState state, long after, int limit) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(state == null ? QueueSql.PAGE_OF_MESSAGE : QueueSql.PAGE_OF_MESSAGE_IN_STATE)) {
            ps.setLong(1, messageId);
            ps.setLong(2, after);
            if (state != null) {
                ps.setString(3, state.label());
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new QueueException("cannot read the deliveries of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** Attempts of a message per minute and disposition (delivered, retry, failed, uncertain), oldest first. */
    public Map<Instant, Map<String, Long>> attemptsPerMinute(long messageId) {
        Map<Instant, Map<String, Long>> out = new java.util.TreeMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.ATTEMPTS_PER_MINUTE)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(Instant.ofEpochSecond(rs.getLong(1) * 60), k -> new java.util.LinkedHashMap<>())
                            .merge(rs.getString(2), rs.getLong(3), Long::sum);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot count the attempts of message " + messageId + ": " + e.getMessage(), e);
        }
    }
}
