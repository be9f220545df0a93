package dev.homing.queue;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The dot gate of a clustered node, in the shared database: each session waits until its delivery's
 * dot mark is committed, and the marks of sessions that arrive together share one commit (group commit),
 * so the cost is a round trip, not a transaction, per message.
 */
final class DotMarks implements AutoCloseable {
    private record Mark(long deliveryId, CompletableFuture<Void> done) {
    }

    private final Database db;
    private final String node;
    private final LinkedBlockingQueue<Mark> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;

    /** @param node this node's name: a mark is written only while the node leases the delivery's shard */
    DotMarks(Database db, String node) {
        this.db = db;
        this.node = node;
        this.writer = Thread.ofPlatform().daemon().name("dot-marks").start(this::run);
    }

    /** Blocks until the mark is committed; throws when the database cannot take it (then the dot is not sent). */
    void mark(long deliveryId) {
        Mark m = new Mark(deliveryId, new CompletableFuture<>());
        waiting.add(m);
        try {
            m.done().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted before the dot of delivery " + deliveryId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new QueueException("the dot of delivery " + deliveryId + " could not be recorded in the database, so it is not sent: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    private void run() {
        List<Mark> batch = new ArrayList<>();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, 999);
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(QueueSql.DOT)) {
                c.setAutoCommit(false);
                Timestamp now = Timestamp.from(Instant.now());
                for (Mark m : batch) {
                    ps.setTimestamp(1, now);
                    ps.setLong(2, m.deliveryId());
                    ps.setString(3, node);
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                c.commit();
                for (int i = 0; i < batch.size(); i++) {
                    if (counts[i] == 0) {
                        batch.get(i).done().completeExceptionally(new IllegalStateException("the shard's lease is no longer this node's"));
                    } else {
                        batch.get(i).done().complete(null);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                batch.forEach(m -> m.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    @Override
    public void close() {
        writer.interrupt();
    }
}
