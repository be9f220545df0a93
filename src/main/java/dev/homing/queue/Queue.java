package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Verdict;
import dev.homing.store.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
    private final Recovery recovery;
    private final Enqueue enqueue;
    private final LateEvents late;
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
        this.recovery = new Recovery(db, journal, writer);
        this.enqueue = new Enqueue(db, () -> shardKeys);
        this.late = new LateEvents(db, writer);
    }

    /** The queue's read-only view: counts, summaries, rows, timelines (what reports and pages read). */
    public QueueView view() {
        return view;
    }

    /** Opens the queue on a migrated database; the journal lives in {@code journalDir}. Call {@link #recover()} next. */
    public static Queue open(Database db, Path journalDir, RetrySchedule schedule) {
        return new Queue(db, new Journal(journalDir), schedule);
    }

    /** A queue that only adds work, beside the node that delivers it (which holds the journal): it claims and settles nothing. */
    public static Queue submitting(Database db, RetrySchedule schedule) {
        return new Queue(db, null, schedule);
    }

    private Journal journal() {
        if (journal == null) {
            throw new QueueException("this process only queues; the node delivering from this home sends", null);
        }
        return journal;
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
     * A shard this node just took over: its deliveries that no node works on any more go back on the work list, or,
     * when their dot was marked, become uncertain (149: they may have arrived; not resent).
     */
    public RecoveryReport recoverShard(int shard) {
        return recovery.recoverShard(shard);
    }

    /** Brings the database in line with the journal after any stop, clean or not ({@link Recovery}). */
    public RecoveryReport recover() {
        return recovery.recover(leases);
    }

    public long addMessage(String envelopeFrom, String label, String content) {
        return enqueue.addMessage(envelopeFrom, label, content);
    }

    /**
     * @param expanding true when its deliveries will be added in batches (a campaign): the message is not finished, for
     *                  reports and suppression, until {@link #expanding(long, boolean)} says the last batch is in
     */
    public long addMessage(String envelopeFrom, String label, String content, boolean expanding) {
        return enqueue.addMessage(envelopeFrom, label, content, expanding);
    }

    /** Marks a message's expansion as under way (more deliveries to come) or complete. */
    public void expanding(long messageId, boolean more) {
        enqueue.expanding(messageId, more);
    }

    /** True while deliveries of the message are still being added. */
    public boolean expanding(long messageId) {
        return enqueue.expanding(messageId);
    }

    /** The message's envelope sender and content template. */
    public Optional<String[]> message(long messageId) {
        return enqueue.message(messageId);
    }

    public void addDeliveries(long messageId, List<NewDelivery> deliveries) {
        enqueue.addDeliveries(messageId, deliveries);
    }

    /** Queues deliveries due from {@code notBefore} ({@link Enqueue}). */
    public void addDeliveries(long messageId, List<NewDelivery> deliveries, Instant notBefore) {
        enqueue.addDeliveries(messageId, deliveries, notBefore);
    }

    /** Records what happened to a delivery after its transaction, re-judging it ({@link LateEvents}). */
    public Optional<Rejudged> recordLate(long deliveryId, LateEvent e) {
        return late.recordLate(deliveryId, e);
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
            journal().markClaimed(found.stream().map(Delivery::id).toList());
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
            journal().released(List.of(d.id()));
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
        journal().released(mine.stream().map(Delivery::id).toList());
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
            journal().released(deliveries.stream().map(Delivery::id).toList());
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
            journal().markDot(deliveryId, mxHost, mxIp);
        } else {
            // the database's mark is the one that counts: one durable wait per message, not two
            journal().noteDot(deliveryId, mxHost, mxIp);
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
        if (verdict.disposition() == Disposition.RETRY) {
            next = schedule.next(attemptNo, now);
        }
        DeliveryState state = DeliveryState.after(verdict.disposition(), schedule.expiredAt(d.createdAt(), next));
        Settlement s = new Settlement(d.id(), d.domain(), attemptNo, state, next, verdict.disposition(), verdict.reason(), attempt);
        // database queue first: a checkpoint that rotates the journal after this append must find it queued
        writer.submit(s);
        journal().append(s);
        unclaim(d);
        return s;
    }

    /** Commits every settlement so far and drops journal segments the database now covers. */
    public void checkpoint() {
        Path old = journal().rotate();
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
            return rs.getLong(1) + (journal == null ? 0 : journal.inFlight());
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
        if (journal != null) {
            journal.close();
        }
    }
}
