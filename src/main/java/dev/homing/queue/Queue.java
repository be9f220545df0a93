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

/**
 * The durable queue as the engine and the enqueuers use it: enqueue, claim, the dot gate, settle, give back, release,
 * recover, late events, holds; what is only read (counts, summaries, rows, timelines) is its {@link #view()}.
 */
public final class Queue implements AutoCloseable {
    private final Database db;
    private final QueueView view;
    private final Journal journal;
    private final SettlementWriter writer;
    private final RetrySchedule schedule;
    /** Set on a clustered node: claims only from leased shards, dots marked in the database. */
    private volatile Leases leases;
    private volatile DotMarks dots;
    /**
     * Claimed deliveries not yet settled or released, by id: the copy claimed last, whose shard and tenure say whose
     * it is (a shard is handed over only when none is left; an older copy of the same delivery is not this one).
     */
    private final java.util.concurrent.ConcurrentHashMap<Long, Delivery> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
    /** Open connections by shard, as the engine reports them. */
    private final java.util.concurrent.atomic.AtomicIntegerArray sessions = new java.util.concurrent.atomic.AtomicIntegerArray(Shards.COUNT);
    /** Held by a claim from reading the leases to registering its deliveries: see {@link #quiet}. */
    private final java.util.concurrent.locks.ReentrantLock claiming = new java.util.concurrent.locks.ReentrantLock();

    /** Deliveries whose dot this node refused because it no longer held their shard: given back, not attempted. */
    private final java.util.Set<Long> notOurs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Which shard a new delivery goes in; by name until {@link #rollup(Rollup)} sets one that reads MX records. */
    private volatile ShardKeys shardKeys = new ShardKeys(Rollup.byName());

    private Queue(Database db, Journal journal, RetrySchedule schedule) {
        this.view = new QueueView(db);
        this.db = db;
        this.journal = journal;
        this.schedule = schedule;
        this.writer = new SettlementWriter(db);
    }

    /** The queue's read-only view: counts, summaries, rows, timelines (what reports and pages read). */
    public QueueView view() {
        return view;
    }

    /** Opens the queue on a migrated database; the journal lives in {@code journalDir}. Call {@link #recover()} next. */
    public static Queue open(Database db, Path journalDir, RetrySchedule schedule) {
        return new Queue(db, new Journal(journalDir), schedule);
    }

    public RetrySchedule schedule() {
        return schedule;
    }

    /** Groups new deliveries' domains by receiving service (their shard); the engine's throttles follow the same rollup. */
    public void rollup(Rollup rollup) {
        this.shardKeys = new ShardKeys(rollup);
    }

    public Rollup rollup() {
        return shardKeys.rollup();
    }

    private static String domainOf(NewDelivery d) {
        return d.domain() == null ? "" : d.domain();
    }

    /**
     * Makes this a clustered node's queue: it claims only from the shards {@code leases} holds, and marks
     * each dot in the shared database before it is sent (refusing it when the shard is no longer held),
     * so that a node taking a shard over after a crash knows which deliveries may have arrived.
     */
    public void cluster(Leases leases) {
        this.dots = new DotMarks(db, leases.node());
        this.leases = leases;
        writer.fence(leases.node());
    }

    /** Whether this node may send the shard's deliveries now (always when it is not clustered). */
    public boolean holds(int shard) {
        Leases l = leases;
        return l == null || l.holds(shard);
    }

    /** Whether this node may claim new work of the shard now: held and not being handed back (always when not clustered). */
    public boolean claims(int shard) {
        Leases l = leases;
        return l == null || l.claims(shard);
    }

    /** The shards this node may claim new work of now. */
    public java.util.Set<Integer> claimable() {
        Leases l = leases;
        return l == null ? Shards.ALL : l.held();
    }

    /** The engine opened a connection for a shard's deliveries: the shard is not handed back while it is open. */
    public void sessionOpened(int shard) {
        sessions.incrementAndGet(shard);
    }

    public void sessionClosed(int shard) {
        sessions.decrementAndGet(shard);
    }

    /** Connections this node has open for the shard's deliveries. */
    private int sessions(int shard) {
        return sessions.get(shard);
    }

    /** How many claimed deliveries of a shard this node has not settled yet. */
    long inFlight(int shard) {
        return inFlight.values().stream().filter(d -> d.shard() == shard).count();
    }

    /**
     * A shard this node just took over: its deliveries that no node works on any more go back on the
     * work list, or, when their dot was marked, become uncertain (147: they may have arrived; not resent).
     *
     * @return how many were requeued and how many made uncertain
     */
    public RecoveryReport recoverShard(int shard) {
        Instant now = Instant.now();
        List<Settlement> uncertain = new ArrayList<>();
        int requeued = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(QueueSql.ORPHANS); PreparedStatement due = c.prepareStatement(QueueSql.INSERT_DUE)) {
                ps.setInt(1, shard);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        String domain = rs.getString(2);
                        if (rs.getTimestamp(5) != null) {
                            Reply r = InternalCode.STOPPED_AFTER_DOT.asReply("the node sending it stopped after the end-of-data dot, before the final reply");
                            // the attempt is when the dot was marked, not when its loss was found
                            Attempt a = new Attempt(rs.getTimestamp(5).toInstant(), null, null, Stage.DOT, r, -1, 0,
                                    "cluster recovery: dot marked, no final reply");
                            uncertain.add(new Settlement(id, domain, rs.getInt(3) + 1, DeliveryState.UNCERTAIN, now, Disposition.UNCERTAIN,
                                    Reason.UNCERTAIN, a));
                        } else {
                            due.setLong(1, id);
                            due.setTimestamp(2, Timestamp.from(now));
                            due.setString(3, domain);
                            due.setInt(4, shard);
                            due.addBatch();
                            requeued++;
                        }
                    }
                }
                if (requeued > 0) {
                    due.executeBatch();
                }
            }
            c.commit();
            if (!uncertain.isEmpty()) {
                writer.write(uncertain);
            }
            return new RecoveryReport(0, uncertain.size(), requeued);
        } catch (SQLException e) {
            throw new QueueException("cannot take over shard " + shard + ": " + e.getMessage(), e);
        }
    }

    /**
     * Brings the database in line with the journal after any stop, clean or not. The last record
     * of each delivery decides: an outcome not yet in the database is applied (once: guarded by
     * the attempt number); a dot without an outcome makes the delivery uncertain (147/148, not
     * resent); a claim or release without an outcome puts it back on the work list, which is
     * safe because its dot was never written. Deliveries the database already shows final are
     * left alone.
     */
    public RecoveryReport recover() {
        Map<Long, JournalCodec.Entry> last = new HashMap<>();
        for (String line : journal.previousLines()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JournalCodec.Entry e = JournalCodec.parse(line);
                last.put(e.deliveryId(), e);
            } catch (RuntimeException ex) {
                // a torn last line from a kill mid-write: its record never completed, skip it
            }
        }
        List<Settlement> replay = new ArrayList<>();
        List<Long> open = new ArrayList<>();
        for (JournalCodec.Entry e : last.values()) {
            if (e.kind() == JournalCodec.Kind.SETTLE) {
                replay.add(e.settlement());
            } else {
                open.add(e.deliveryId());
            }
        }
        if (leases != null) {
            // a clustered node: its unfinished claims belong to their shards, which whoever leases them next recovers
            open.clear();
        }
        try (Connection c = db.connection()) {
            int replayed = replay.isEmpty() ? 0 : writer.write(replay);
            List<Settlement> uncertain = new ArrayList<>();
            int requeued = 0;
            Instant now = Instant.now();
            c.setAutoCommit(false);
            try (PreparedStatement due = c.prepareStatement(QueueSql.INSERT_DUE)) {
                for (int from = 0; from < open.size(); from += 500) {
                    List<Long> chunk = open.subList(from, Math.min(open.size(), from + 500));
                    String sql = QueueSql.RECOVERING.formatted(String.join(",", java.util.Collections.nCopies(chunk.size(), "?")));
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        for (int i = 0; i < chunk.size(); i++) {
                            ps.setLong(i + 1, chunk.get(i));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                long id = rs.getLong(1);
                                DeliveryState state = DeliveryState.fromLabel(rs.getString(2));
                                rs.getLong(6);
                                boolean onWorkList = !rs.wasNull();
                                if (state.isFinal() || onWorkList) {
                                    continue; // the database is ahead of the journal, or the claim never committed
                                }
                                JournalCodec.Entry dot = last.get(id);
                                if (dot.kind() == JournalCodec.Kind.DOT) {
                                    Reply r = InternalCode.STOPPED_AFTER_DOT.asReply("Homing stopped after the end-of-data dot, before the final reply");
                                    // when and where the dot went, as the journal recorded it (older journals: the recovery time)
                                    Attempt a = new Attempt(dot.dotAt() != null ? dot.dotAt() : now, dot.mxHost(), dot.mxIp(), Stage.DOT, r, -1, 0,
                                            "recovery: dot recorded in the journal, no final reply");
                                    uncertain.add(new Settlement(id, rs.getString(4), rs.getInt(3) + 1, DeliveryState.UNCERTAIN, now,
                                            Disposition.UNCERTAIN, Reason.UNCERTAIN, a));
                                } else {
                                    due.setLong(1, id);
                                    due.setTimestamp(2, rs.getTimestamp(5));
                                    due.setString(3, rs.getString(4));
                                    due.setInt(4, rs.getInt(7));
                                    due.addBatch();
                                    requeued++;
                                }
                            }
                        }
                    }
                }
                due.executeBatch();
                c.commit();
            }
            if (!uncertain.isEmpty()) {
                writer.write(uncertain);
            }
            journal.deletePrevious();
            return new RecoveryReport(replayed, uncertain.size(), requeued);
        } catch (SQLException e) {
            throw new QueueException("recovery failed on the database: " + e.getMessage(), e);
        }
    }

    public long addMessage(String envelopeFrom, String label, String content) {
        return addMessage(envelopeFrom, label, content, false);
    }

    /**
     * @param expanding true when its deliveries will be added in batches (a campaign): the message is not finished, for
     *                  reports and suppression, until {@link #expanding(long, boolean)} says the last batch is in
     */
    public long addMessage(String envelopeFrom, String label, String content, boolean expanding) {
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
    public void expanding(long messageId, boolean more) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.SET_EXPANDING)) {
            ps.setBoolean(1, more);
            ps.setLong(2, messageId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot mark the expansion of message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** True while deliveries of the message are still being added. */
    public boolean expanding(long messageId) {
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
        addDeliveries(messageId, deliveries, Instant.now());
    }

    /** As {@link #addDeliveries(long, List)}, first attempt not before {@code notBefore} (a scheduled campaign). */
    public void addDeliveries(long messageId, List<NewDelivery> deliveries, Instant notBefore) {
        if (deliveries.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        Timestamp ts = Timestamp.from(now);
        Timestamp first = Timestamp.from(notBefore.isAfter(now) ? notBefore : now);
        // before the transaction: a rollup may wait on DNS
        Map<String, Integer> shards = shardKeys.shardsOf(deliveries.stream().map(Queue::domainOf).collect(java.util.stream.Collectors.toSet()));
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

    /**
     * Claims up to {@code limit} due deliveries, oldest first, skipping the given domains: the
     * journal records the claim durably, then the rows leave the work list in one transaction.
     */
    public List<Delivery> claim(int limit, Collection<String> skipDomains) {
        return claim(limit, skipDomains, java.util.Set.of());
    }

    /** As {@link #claim(int, Collection)}, also skipping the deliveries of held (paused) messages. */
    public List<Delivery> claim(int limit, Collection<String> skipDomains, java.util.Set<Long> heldMessages) {
        Instant now = Instant.now();
        String skip = "";
        if (!skipDomains.isEmpty()) {
            skip = "AND u.domain NOT IN (" + String.join(",", java.util.Collections.nCopies(skipDomains.size(), "?")) + ")";
        }
        if (!heldMessages.isEmpty()) {
            // ids are numbers from our own table: written inline
            skip += " AND d.message_id NOT IN (" + heldMessages.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + ")";
        }
        Leases l = leases;
        claiming.lock();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            java.util.Map<Integer, Long> tenures = new java.util.HashMap<>();
            String shardFilter = "";
            if (l != null) {
                tenures = lockLeases(c, l);
                if (tenures.isEmpty()) {
                    c.rollback();
                    return List.of();
                }
                shardFilter = " AND u.shard IN (" + numbers(tenures.keySet()) + ")";
            }
            List<Delivery> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(QueueSql.DUE.formatted(skip + shardFilter))) {
                int i = 1;
                ps.setTimestamp(i++, Timestamp.from(now));
                for (String d : skipDomains) {
                    ps.setString(i++, d);
                }
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int shard = rs.getInt(8);
                        found.add(new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6), rs.getTimestamp(7).toInstant(), shard, tenures.getOrDefault(shard, 0L)));
                    }
                }
            }
            if (found.isEmpty()) {
                c.rollback();
                return found;
            }
            journal.markClaimed(found.stream().map(Delivery::id).toList());
            List<Delivery> claimed = new ArrayList<>(found.size());
            try (PreparedStatement del = c.prepareStatement(QueueSql.CLAIM)) {
                for (Delivery d : found) {
                    del.setLong(1, d.id());
                    del.addBatch();
                }
                int[] counts = del.executeBatch();
                for (int i = 0; i < found.size(); i++) {
                    // a row another claimer deleted first is theirs (a shard changing hands)
                    if (counts[i] != 0) {
                        claimed.add(found.get(i));
                    }
                }
            }
            c.commit();
            for (Delivery d : claimed) {
                inFlight.put(d.id(), d);
            }
            return claimed;
        } catch (SQLException e) {
            throw new QueueException("cannot claim deliveries: " + e.getMessage(), e);
        } finally {
            claiming.unlock();
        }
    }

    /**
     * The shards this clustered node may claim from now, with their tenures, their lease rows locked in the
     * claim's transaction ({@link QueueSql#LOCK_LEASES}); a shard whose tenure has not begun (taken over, not yet
     * recovered) or is ending (being handed back) is left out.
     */
    private java.util.Map<Integer, Long> lockLeases(Connection c, Leases l) throws SQLException {
        java.util.Map<Integer, Long> tenures = new java.util.TreeMap<>();
        for (int shard : l.held()) {
            long t = l.tenure(shard);
            if (t != 0) {
                tenures.put(shard, t);
            }
        }
        if (tenures.isEmpty()) {
            return tenures;
        }
        java.util.Set<Integer> locked = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(QueueSql.LOCK_LEASES.formatted(numbers(tenures.keySet())))) {
            ps.setString(1, l.node());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    locked.add(rs.getInt(1));
                }
            }
        }
        tenures.keySet().retainAll(locked);
        return tenures;
    }

    /** Shard numbers for an IN list: ours, below Shards.COUNT, so written inline. */
    private static String numbers(java.util.Set<Integer> shards) {
        return shards.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    /**
     * True when this node has nothing of the shard in hand: no claimed delivery unsettled and no connection
     * open. Waits for a claim under way, so a claim that began before the shard stopped being claimable is
     * counted (call after it stopped).
     */
    public boolean quiet(int shard) {
        claiming.lock();
        try {
            return inFlight(shard) == 0 && sessions(shard) == 0;
        } finally {
            claiming.unlock();
        }
    }

    /**
     * True while a claimed copy may still be sent: always on a single node; on a clustered node while the shard's
     * tenure it was claimed in goes on (the node has not lost the shard since).
     */
    public boolean current(Delivery d) {
        Leases l = leases;
        return l == null || (d.tenure() != 0 && l.tenure(d.shard()) == d.tenure());
    }

    /**
     * Drops a copy claimed in a tenure that ended ({@link #current} false): the shard's next holder put the delivery
     * back on the work list when it took the shard over, so nothing is written here.
     */
    public void forget(Delivery d) {
        if (unclaim(d)) {
            journal.released(List.of(d.id()));
        }
    }

    /** Ends this copy's claim; a newer claim of the same delivery (the shard taken back since) is left alone. */
    private boolean unclaim(Delivery d) {
        return inFlight.remove(d.id(), d);
    }

    /**
     * True when this delivery's dot was refused because its shard is no longer this node's (or the lease
     * could not be confirmed): the attempt does not count, and {@link #giveBack} returns it.
     */
    public boolean notOurs(long deliveryId) {
        return notOurs.remove(deliveryId);
    }

    /**
     * A delivery whose dot was never sent goes back on the work list at once, unless it is there already
     * (the shard's new holder may have put it back first) or its shard is another node's now.
     */
    public void giveBack(Delivery d) {
        giveBack(List.of(d), Instant.now());
    }

    private void giveBack(List<Delivery> deliveries, Instant due) {
        List<Delivery> mine = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            if (unclaim(d)) {
                mine.add(d); // else a copy from an ended tenure: the shard's next holder put the delivery back
            }
        }
        if (mine.isEmpty()) {
            return;
        }
        // no longer this node's work, whatever the database says next (the journal would count it in flight forever)
        journal.released(mine.stream().map(Delivery::id).toList());
        Leases l = leases;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(l == null ? QueueSql.GIVE_BACK : QueueSql.GIVE_BACK_FENCED)) {
            Timestamp now = Timestamp.from(due);
            for (Delivery d : mine) {
                ps.setTimestamp(1, now);
                ps.setLong(2, d.id());
                ps.setLong(3, d.id());
                if (l != null) {
                    ps.setString(4, l.node());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            // its shard's next holder finds it: not final, not on the work list
            throw new QueueException("cannot give " + (mine.size() == 1 ? "delivery " + mine.get(0).id() : mine.size() + " deliveries")
                    + " back: " + e.getMessage(), e);
        }
    }

    /**
     * Puts claimed deliveries that were never tried back on the work list (a clean stop, a paused message). On a
     * clustered node only while it leases their shard, as {@link #giveBack}; copies from an ended tenure are dropped.
     */
    public void release(Collection<Delivery> deliveries) {
        release(deliveries, Instant.now());
    }

    /**
     * Puts claimed deliveries that were not tried back on the work list, due at {@code due}: a destination out of reach
     * is tried again when the delivery that found it so is retried, and the others wait without an attempt of their own.
     */
    public void release(Collection<Delivery> deliveries, Instant due) {
        if (deliveries.isEmpty()) {
            return;
        }
        if (leases != null) {
            Map<Boolean, List<Delivery>> byCurrent = deliveries.stream().collect(java.util.stream.Collectors.partitioningBy(this::current));
            byCurrent.get(false).forEach(this::forget);
            giveBack(byCurrent.get(true), due);
            return;
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.INSERT_DUE)) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(due);
            for (Delivery d : deliveries) {
                ps.setLong(1, d.id());
                ps.setTimestamp(2, now);
                ps.setString(3, d.domain());
                ps.setInt(4, d.shard());
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
            journal.released(deliveries.stream().map(Delivery::id).toList());
            deliveries.forEach(this::unclaim);
        } catch (SQLException e) {
            throw new QueueException("cannot release " + deliveries.size() + " deliveries: " + e.getMessage(), e);
        }
    }

    /**
     * Holds (pauses) or releases a message. Its deliveries stay on the work list; claims skip held
     * messages and the engine gives back any it had already claimed, so nothing is owned twice.
     */
    public void hold(long messageId, boolean held) {
        hold(db, messageId, held);
    }

    /** As {@link #hold(long, boolean)}, from a process that does not run the queue (the running engine sees it within a second). */
    public static void hold(Database db, long messageId, boolean held) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.HOLD)) {
            ps.setBoolean(1, held);
            ps.setLong(2, messageId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot " + (held ? "hold" : "release") + " message " + messageId + ": " + e.getMessage(), e);
        }
    }

    /** Messages on hold now (the engine asks about once a second). */
    public java.util.Set<Long> heldMessages() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.HELD);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new QueueException("cannot read held messages: " + e.getMessage(), e);
        }
    }

    /**
     * Records a late event and re-judges its delivery in one transaction: a bounce turns a delivery
     * that was accepted (delivered, or uncertain) into bounced, a complaint turns any accepted one into
     * complained; delays and success notices are only recorded. The timeline keeps the earlier
     * attempts and this event. Empty when there is no such delivery.
     */
    public Optional<Rejudged> recordLate(long deliveryId, LateEvent e) {
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
                DeliveryState after = switch (e.kind()) {
                    case BOUNCE -> before == DeliveryState.DELIVERED || before == DeliveryState.UNCERTAIN ? DeliveryState.BOUNCED : before;
                    case COMPLAINT -> before == DeliveryState.DELIVERED || before == DeliveryState.UNCERTAIN || before == DeliveryState.BOUNCED
                            ? DeliveryState.COMPLAINED : before;
                    case DELAY, SUCCESS -> before;
                };
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

    /**
     * Blocks until the dot is durably recorded (the journal; the shared database on a clustered node). Call right
     * before writing the dot. A clustered node refuses the dot of a copy claimed in a tenure of the shard that ended.
     */
    public void beforeDot(Delivery delivery) {
        beforeDot(delivery, null, null);
    }

    /** As {@link #beforeDot(Delivery)}, recording the MX the dot goes to (an uncertain delivery's record names it). */
    public void beforeDot(Delivery delivery, String mxHost, String mxIp) {
        long deliveryId = delivery.id();
        DotMarks d = dots;
        if (d == null) {
            journal.markDot(deliveryId, mxHost, mxIp);
        } else {
            // the database's mark is the one that counts: one durable wait per message, not two
            journal.noteDot(deliveryId, mxHost, mxIp);
            if (!delivery.equals(inFlight.get(deliveryId)) || !leases.holds(delivery.shard()) || !current(delivery)) {
                notOurs.add(deliveryId);
                throw new QueueException("delivery " + deliveryId + ": this node no longer holds its shard; the dot is not sent", null);
            }
            try {
                d.mark(deliveryId);
            } catch (QueueException e) {
                notOurs.add(deliveryId);
                throw e;
            }
        }
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
        Settlement s = new Settlement(d.id(), d.domain(), attemptNo, state, next, verdict.disposition(), verdict.reason(), attempt);
        // database queue first: a checkpoint that rotates the journal after this append must find it queued
        writer.submit(s);
        journal.append(s);
        unclaim(d);
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
        try (Connection c = db.connection(); PreparedStatement due = c.prepareStatement(QueueSql.UNCERTAIN_TO_DUE);
             PreparedStatement ps = c.prepareStatement(QueueSql.REQUEUE_UNCERTAIN)) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            due.setTimestamp(1, now);
            due.executeUpdate();
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            int n = ps.executeUpdate();
            c.commit();
            return n;
        } catch (SQLException e) {
            throw new QueueException("cannot requeue uncertain deliveries: " + e.getMessage(), e);
        }
    }

    /** Deliveries of any message not yet in a final state: the work list plus what this process has in flight. */
    public long open() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.DUE_COUNT);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + journal.inFlight();
        } catch (SQLException e) {
            throw new QueueException("cannot count open deliveries: " + e.getMessage(), e);
        }
    }

    /** Messages that are finished and not yet judged by the suppression rules, oldest first. */
    public List<Long> unjudgedMessages() {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.UNJUDGED); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            java.util.Collections.sort(out);
            return out;
        } catch (SQLException e) {
            throw new QueueException("cannot list finished messages: " + e.getMessage(), e);
        }
    }

    public void markJudged(long messageId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.MARK_JUDGED)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setLong(2, messageId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new QueueException("cannot mark message " + messageId + " judged: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        DotMarks d = dots;
        if (d != null) {
            d.close();
        }
        writer.close();
        journal.close();
    }
}
