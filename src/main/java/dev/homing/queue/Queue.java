package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Reason;
import dev.homing.outcome.Verdict;
import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import dev.homing.store.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The durable queue's public face: enqueue, claim, the dot gate, settle, recover, and counts. */
public final class Queue implements AutoCloseable {
    private final Database db;
    private final Journal journal;
    private final SettlementWriter writer;
    private final RetrySchedule schedule;

    private Queue(Database db, Journal journal, RetrySchedule schedule) {
        this.db = db;
        this.journal = journal;
        this.schedule = schedule;
        this.writer = new SettlementWriter(db);
    }

    /** Opens the queue on a migrated database; the journal lives in {@code journalDir}. Call {@link #recover()} next. */
    public static Queue open(Database db, Path journalDir, RetrySchedule schedule) {
        return new Queue(db, new Journal(journalDir), schedule);
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /**
     * Brings the database in line with the journal after any stop, clean or not: outcomes the
     * journal holds are applied once; a delivery whose dot may have gone out becomes uncertain;
     * every other delivery left {@code sending} is queued again.
     */
    public RecoveryReport recover() {
        Map<Long, JournalCodec.Entry> last = new HashMap<>();
        for (String line : journal.previousLines()) {
            if (line.isBlank()) {
                continue;
            }
            JournalCodec.Entry e;
            try {
                e = JournalCodec.parse(line);
            } catch (RuntimeException ex) {
                // a torn last line from a kill mid-write: its record never completed, skip it
                continue;
            }
            last.put(e.deliveryId(), e);
        }
        try (Connection c = db.connection()) {
            Map<Long, Integer> sending = new HashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QueueSql.SENDING)) {
                while (rs.next()) {
                    sending.put(rs.getLong(1), rs.getInt(2));
                }
            }
            List<Settlement> replay = new ArrayList<>();
            List<Settlement> uncertain = new ArrayList<>();
            List<Long> requeue = new ArrayList<>();
            Instant now = Instant.now();
            for (var entry : sending.entrySet()) {
                long id = entry.getKey();
                int attempts = entry.getValue();
                JournalCodec.Entry e = last.get(id);
                if (e != null && e.settlement() != null && e.settlement().attemptNo() > attempts) {
                    replay.add(e.settlement());
                } else if (e != null && e.settlement() == null) {
                    Reply r = InternalCode.DOT_CONNECTION_LOST.asReply("Homing stopped after the end-of-data dot, before the final reply");
                    Attempt a = new Attempt(now, null, null, Stage.DOT, r, -1, 0, "recovery: dot recorded in the journal, no final reply");
                    uncertain.add(new Settlement(id, attempts + 1, DeliveryState.UNCERTAIN, now, Disposition.UNCERTAIN,
                            Reason.UNCERTAIN, a));
                } else {
                    requeue.add(id);
                }
            }
            // settlements in the journal for deliveries no longer 'sending' are already in the database
            if (!replay.isEmpty()) {
                writer.write(replay);
            }
            if (!uncertain.isEmpty()) {
                writer.write(uncertain);
            }
            if (!requeue.isEmpty()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(QueueSql.REQUEUE)) {
                    for (long id : requeue) {
                        ps.setTimestamp(1, Timestamp.from(now));
                        ps.setLong(2, id);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
            }
            journal.deletePrevious();
            return new RecoveryReport(replay.size(), uncertain.size(), requeue.size());
        } catch (SQLException e) {
            throw new QueueException("recovery failed on the database: " + e.getMessage(), e);
        }
    }

    public long addMessage(String envelopeFrom, String label, String content) {
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(QueueSql.INSERT_MESSAGE, Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, envelopeFrom);
            ps.setString(3, label);
            ps.setString(4, content);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new QueueException("cannot store the message: " + e.getMessage(), e);
        }
    }

    /** The message's envelope sender and content template. */
    public Optional<String[]> message(long messageId) {
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
    public void addDeliveries(long messageId, List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(QueueSql.INSERT_DELIVERY, Statement.RETURN_GENERATED_KEYS)) {
                for (NewDelivery d : deliveries) {
                    ps.setLong(1, messageId);
                    ps.setString(2, d.recipient());
                    ps.setString(3, d.domain() == null ? "" : d.domain());
                    ps.setString(4, d.vars());
                    ps.setTimestamp(6, ts);
                    ps.setTimestamp(7, ts);
                    ps.setTimestamp(8, ts);
                    if (d.invalid() == null) {
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
                if (ids.size() == deliveries.size()) {
                    try (PreparedStatement ins = c.prepareStatement(QueueSql.INSERT_ATTEMPT)) {
                        int n = 0;
                        for (int i = 0; i < deliveries.size(); i++) {
                            NewDelivery d = deliveries.get(i);
                            if (d.invalid() == null) {
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
        return d.source() == null ? d.invalid() : d.source() + ": " + d.invalid();
    }

    /**
     * Claims up to {@code limit} due deliveries (queued first, then deferred whose time has come),
     * skipping the given domains, and marks them {@code sending} in one transaction.
     */
    public List<Delivery> claim(int limit, Collection<String> skipDomains) {
        Instant now = Instant.now();
        List<Delivery> claimed = new ArrayList<>();
        String skip = "";
        if (!skipDomains.isEmpty()) {
            skip = "AND domain NOT IN (" + String.join(",", java.util.Collections.nCopies(skipDomains.size(), "?")) + ")";
        }
        String sql = QueueSql.DUE.formatted(skip);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (DeliveryState state : List.of(DeliveryState.QUEUED, DeliveryState.DEFERRED)) {
                int room = limit - claimed.size();
                if (room <= 0) {
                    break;
                }
                List<Delivery> found = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    ps.setString(i++, state.label());
                    ps.setTimestamp(i++, Timestamp.from(now));
                    for (String d : skipDomains) {
                        ps.setString(i++, d);
                    }
                    ps.setInt(i, room);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.add(new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant()));
                        }
                    }
                }
                if (found.isEmpty()) {
                    continue;
                }
                try (PreparedStatement up = c.prepareStatement(QueueSql.CLAIM)) {
                    for (Delivery d : found) {
                        up.setTimestamp(1, Timestamp.from(now));
                        up.setLong(2, d.id());
                        up.setString(3, state.label());
                        up.addBatch();
                    }
                    int[] counts = up.executeBatch();
                    for (int k = 0; k < found.size(); k++) {
                        if (counts[k] != 0) {
                            claimed.add(found.get(k));
                        }
                    }
                }
            }
            c.commit();
            return claimed;
        } catch (SQLException e) {
            throw new QueueException("cannot claim deliveries: " + e.getMessage(), e);
        }
    }

    /** Puts claimed deliveries that were never tried back in the queue (a clean stop). */
    public void release(Collection<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.REQUEUE)) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (Delivery d : deliveries) {
                ps.setTimestamp(1, now);
                ps.setLong(2, d.id());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new QueueException("cannot release " + deliveries.size() + " deliveries: " + e.getMessage(), e);
        }
    }

    /** Blocks until the journal durably says this delivery's dot may be sent. Call right before writing the dot. */
    public void beforeDot(long deliveryId) {
        journal.markDot(deliveryId);
    }

    /** Records an attempt's verdict: the new state is journaled at once and written to the database in a batch. */
    public Settlement settle(Delivery d, Attempt attempt, Verdict verdict) {
        int attemptNo = d.attempts() + 1;
        Instant now = Instant.now();
        Instant next = now;
        DeliveryState state = switch (verdict.disposition()) {
            case DELIVERED -> DeliveryState.DELIVERED;
            case FAILED -> DeliveryState.BOUNCED;
            case UNCERTAIN -> DeliveryState.UNCERTAIN;
            case RETRY -> {
                next = schedule.next(attemptNo, now);
                yield schedule.expiredAt(d.createdAt(), next) ? DeliveryState.EXPIRED : DeliveryState.DEFERRED;
            }
        };
        Settlement s = new Settlement(d.id(), attemptNo, state, next, verdict.disposition(), verdict.reason(), attempt);
        // database queue first: a checkpoint that rotates the journal after this append must find it queued
        writer.submit(s);
        journal.append(s);
        return s;
    }

    /** Commits every settlement so far and drops journal segments the database now covers. */
    public void checkpoint() {
        Path old = journal.rotate();
        writer.flush();
        if (old != null) {
            Journal.delete(old);
        }
    }

    /** Commits every settlement so far (tests, reports). */
    public void flush() {
        writer.flush();
    }

    /** Puts every uncertain delivery back in the queue: the operator accepts a possible duplicate. */
    public int requeueUncertain() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.REQUEUE_UNCERTAIN)) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot requeue uncertain deliveries: " + e.getMessage(), e);
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
                    m.put(DeliveryState.fromLabel(rs.getString(1)), rs.getLong(2));
                }
            }
            return m;
        } catch (SQLException e) {
            throw new QueueException("cannot count deliveries: " + e.getMessage(), e);
        }
    }

    /** Counts per destination domain and state. */
    public List<StateCount> countByDomain() {
        List<StateCount> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.COUNT_BY_DOMAIN_STATE);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StateCount(rs.getString(1), DeliveryState.fromLabel(rs.getString(2)), rs.getLong(3)));
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

    /** Deliveries of any message not yet in a final state (an index range count, cheap enough to poll). */
    public long open() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.OPEN);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new QueueException("cannot count open deliveries: " + e.getMessage(), e);
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
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.DELIVERIES)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String stage = rs.getString(5);
                    int code = rs.getInt(7);
                    Integer boxed = rs.wasNull() ? null : code;
                    out.add(new DeliveryRow(rs.getLong(1), rs.getString(2), DeliveryState.fromLabel(rs.getString(3)), rs.getInt(4),
                            stage == null ? null : Stage.fromLabel(stage), rs.getString(6), boxed, rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot list the deliveries of message " + messageId + ": " + e.getMessage(), e);
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

    @Override
    public void close() {
        writer.close();
        journal.close();
    }
}
