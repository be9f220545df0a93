package dev.homing.queue;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single thread that writes settlements to the database in batches: one transaction per
 * batch of up to {@value #BATCH} settlements, never one round trip per attempt. A full queue
 * blocks the senders, which is the back-pressure we want when the disk is the bottleneck.
 */
final class SettlementWriter implements AutoCloseable {
    private static final int BATCH = 2000;
    private static final long LINGER_NANOS = 200_000_000L;
    private static final int DETAIL_MAX = 2000;
    private static final int REPLY_MAX = 4000;

    private sealed interface Item permits Write, Flush, Stop {
    }

    private record Write(Settlement settlement) implements Item {
    }

    private record Flush(CountDownLatch done) implements Item {
    }

    private record Stop() implements Item {
    }

    private final Database db;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(50_000);
    private final Thread thread;
    private volatile RuntimeException failure;
    /** A clustered node's name: its settlements apply only to shards it still leases (a fencing check). */
    private volatile String fencedBy;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SettlementWriter.class);

    void fence(String node) {
        this.fencedBy = node;
    }

    SettlementWriter(Database db) {
        this.db = db;
        this.thread = Thread.ofPlatform().name("homing-settlements").daemon(true).start(this::run);
    }

    void submit(Settlement s) {
        check();
        put(new Write(s));
    }

    /** Returns once every settlement submitted before this call is committed. */
    void flush() {
        check();
        CountDownLatch done = new CountDownLatch(1);
        put(new Flush(done));
        try {
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted while flushing settlements", e);
        }
        check();
    }

    private void check() {
        if (failure != null) {
            throw failure;
        }
    }

    private void put(Item item) {
        try {
            queue.put(item);
            if (!(item instanceof Write)) {
                LockSupport.unpark(thread); // ends the writer's linger
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted while queueing a settlement", e);
        }
    }

    private void run() {
        List<Item> items = new ArrayList<>(BATCH);
        while (true) {
            try {
                items.add(queue.take());
                // linger briefly so one commit carries many settlements (each commit writes B-tree
                // pages); a flush or stop request ends the wait at once
                long until = System.nanoTime() + LINGER_NANOS;
                boolean control = !(items.get(0) instanceof Write);
                while (!control && items.size() < BATCH) {
                    int before = items.size();
                    queue.drainTo(items, BATCH - items.size());
                    for (int i = before; i < items.size() && !control; i++) {
                        control = !(items.get(i) instanceof Write);
                    }
                    long left = until - System.nanoTime();
                    if (control || left <= 0 || items.size() >= BATCH) {
                        break;
                    }
                    // parked, not waiting on the queue: a waiting writer is woken by every settlement put in it
                    // (a thread switch per delivery); a flush or stop unparks it
                    LockSupport.parkNanos(this, Math.min(left, 20_000_000L));
                    if (Thread.interrupted()) {
                        return;
                    }
                }
                List<Settlement> batch = new ArrayList<>(items.size());
                boolean stop = false;
                for (Item item : items) {
                    if (item instanceof Write w) {
                        batch.add(w.settlement());
                    }
                }
                if (!batch.isEmpty()) {
                    writeRetrying(batch);
                }
                for (Item item : items) {
                    switch (item) {
                        case Flush f -> f.done().countDown();
                        case Stop s -> stop = true;
                        case Write w -> { }
                    }
                }
                items.clear();
                if (stop) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            } catch (SQLException | RuntimeException e) {
                failure = new QueueException("cannot write settlements to the database: " + e.getMessage(), e);
                for (Item item : items) {
                    if (item instanceof Flush f) {
                        f.done().countDown();
                    }
                }
                return;
            }
        }
    }

    /**
     * A lost connection to the database is waited out (the node keeps its settlements, in order, and in its
     * journal); any other error stops the writer as before, and the next flush reports it.
     */
    private void writeRetrying(List<Settlement> batch) throws SQLException, InterruptedException {
        boolean lost = false;
        while (true) {
            try {
                write(batch);
                if (lost) {
                    log.info("database back: {} settlements written", batch.size());
                }
                return;
            } catch (SQLException e) {
                if (!connectionLost(e)) {
                    throw e;
                }
                if (!lost) {
                    log.error("cannot reach the database to record {} settlements ({}); keeping them and trying again every second",
                            batch.size(), e.getMessage());
                    lost = true;
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** SQLState class 08 (connection exception), or the pool's timeout waiting for a connection. */
    private static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLRecoverableException
                    || (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes one batch in one transaction and returns how many settlements were new; also used by
     * recovery on the calling thread. A deferred delivery goes back on the work list.
     */
    int write(List<Settlement> batch) throws SQLException {
        String node = fencedBy;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement up = c.prepareStatement(node == null ? QueueSql.SETTLE : QueueSql.SETTLE_FENCED);
                 PreparedStatement ins = c.prepareStatement(QueueSql.INSERT_ATTEMPT);
             PreparedStatement due = c.prepareStatement(QueueSql.RETRY_DUE)) {
                for (Settlement s : batch) {
                    var a = s.attempt();
                    var r = a.reply();
                    up.setString(1, s.state().label());
                    up.setInt(2, s.attemptNo());
                    up.setTimestamp(3, Timestamp.from(s.nextAttempt()));
                    up.setTimestamp(4, Timestamp.from(a.startedAt().plusMillis(a.durationMs())));
                    up.setString(5, a.stage().label());
                    up.setString(6, s.reason().label());
                    up.setInt(7, r.code());
                    up.setString(8, r.enhanced() == null ? null : r.enhanced().toString());
                    up.setString(9, cut(r.text(), DETAIL_MAX));
                    up.setLong(10, s.deliveryId());
                    up.setInt(11, s.attemptNo());
                    if (node != null) {
                        up.setString(12, node);
                    }
                    up.addBatch();
                }
                int[] counts = up.executeBatch();
                int applied = 0;
                int deferred = 0;
                for (int i = 0; i < batch.size(); i++) {
                    if (counts[i] == 0) {
                        continue; // already applied (journal replay)
                    }
                    applied++;
                    Settlement s = batch.get(i);
                    if (s.state() == DeliveryState.DEFERRED) {
                        due.setTimestamp(1, Timestamp.from(s.nextAttempt()));
                        due.setLong(2, s.deliveryId());
                        due.addBatch();
                        deferred++;
                    }
                    var a = s.attempt();
                    var r = a.reply();
                    ins.setLong(1, s.deliveryId());
                    ins.setTimestamp(2, Timestamp.from(a.startedAt()));
                    ins.setString(3, a.mxHost());
                    ins.setString(4, a.mxIp());
                    ins.setString(5, a.stage().label());
                    ins.setInt(6, r.code());
                    ins.setString(7, r.enhanced() == null ? null : r.enhanced().toString());
                    ins.setString(8, cut(String.join("\n", r.lines()), REPLY_MAX));
                    ins.setString(9, s.disposition().name().toLowerCase(java.util.Locale.ROOT));
                    ins.setString(10, s.reason().label());
                    if (a.connectMs() < 0) {
                        ins.setNull(11, Types.INTEGER);
                    } else {
                        ins.setInt(11, a.connectMs());
                    }
                    ins.setInt(12, a.durationMs());
                    ins.setString(13, a.transcript());
                    ins.setInt(14, s.attemptNo());
                    ins.addBatch();
                }
                if (applied > 0) {
                    ins.executeBatch();
                }
                if (deferred > 0) {
                    due.executeBatch();
                }
                c.commit();
                return applied;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            put(new Stop());
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
