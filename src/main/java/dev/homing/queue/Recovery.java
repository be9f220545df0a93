package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Reason;
import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
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

/** Brings the database in line with the journal at start, and a shard taken over in line with what its old holder left. */
final class Recovery {
    private final Database db;
    private final Journal journal;
    private final SettlementWriter writer;

    Recovery(Database db, Journal journal, SettlementWriter writer) {
        this.db = db;
        this.journal = journal;
        this.writer = writer;
    }

    /**
     * A shard this node just took over: its deliveries that no node works on any more go back on the
     * work list, or, when their dot was marked, become uncertain (147: they may have arrived; not resent).
     *
     * @return how many were requeued and how many made uncertain
     */
    RecoveryReport recoverShard(int shard) {
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
    RecoveryReport recover(Leases leases) {
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
}
