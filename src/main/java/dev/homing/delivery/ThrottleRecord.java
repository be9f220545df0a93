package dev.homing.delivery;

import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code service_throttle} table: what the engine's throttles learned, kept so that other processes (status, the
 * web console, another node) can show it. Every statement on the table is in {@code ThrottleSql}.
 */
public final class ThrottleRecord {
    private final Database db;
    /** What was written last, without its times (they are absolute in the table): a checkpoint with nothing new writes nothing. */
    private List<List<Object>> written = List.of();

    public ThrottleRecord(Database db) {
        this.db = db;
    }

    /** Replaces the rows of these services with what their throttles say now (the engine, at its checkpoints). */
    public synchronized void write(List<Learned> learned) {
        List<List<Object>> state = learned.stream().map(l -> List.<Object>of(l.service(), l.configuredConnections(), l.connections(),
                l.configuredRate(), l.rate(), l.slowDowns(), l.refusedAt())).toList();
        if (learned.isEmpty() || state.equals(written)) {
            return;
        }
        Instant now = Instant.now();
        try (Connection c = db.connection(); PreparedStatement del = c.prepareStatement(ThrottleSql.DELETE); PreparedStatement ins = c.prepareStatement(ThrottleSql.INSERT)) {
            c.setAutoCommit(false);
            for (Learned l : learned) {
                del.setString(1, l.service());
                del.addBatch();
                ins.setString(1, l.service());
                ins.setInt(2, l.configuredConnections());
                ins.setInt(3, l.connections());
                ins.setDouble(4, l.configuredRate());
                ins.setDouble(5, l.rate());
                ins.setInt(6, l.slowDowns());
                ins.setInt(7, l.refusedAt());
                ins.setTimestamp(8, l.refusedSecsAgo() < 0 ? null : Timestamp.from(now.minusSeconds(l.refusedSecsAgo())));
                ins.setTimestamp(9, l.nextProbeSecs() <= 0 ? null : Timestamp.from(now.plusSeconds(l.nextProbeSecs())));
                ins.setTimestamp(10, Timestamp.from(now));
                ins.addBatch();
            }
            del.executeBatch();
            ins.executeBatch();
            c.commit();
            written = state;
        } catch (SQLException e) {
            throw new StoreException("cannot record what the throttles learned: " + e.getMessage(), e);
        }
    }

    /** Every service's last recorded throttle, its times as seen now. */
    public List<Learned> read() {
        Instant now = Instant.now();
        List<Learned> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ThrottleSql.ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp refused = rs.getTimestamp(8);
                Timestamp probe = rs.getTimestamp(9);
                out.add(new Learned(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5), rs.getInt(6), rs.getInt(7),
                        refused == null ? -1 : Duration.between(refused.toInstant(), now).toSeconds(),
                        probe == null ? 0 : Math.max(0, Duration.between(now, probe.toInstant()).toSeconds())));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read what the throttles learned: " + e.getMessage(), e);
        }
    }

    /** One line for people: "2 of 10 connections (refused a 3rd 40 s ago; one more tried in 20 s)". */
    public static String describe(Learned l) {
        StringBuilder s = new StringBuilder();
        s.append(l.connections()).append(" of ").append(l.configuredConnections()).append(" connections");
        if (l.rate() > 0 && l.rate() != l.configuredRate()) {
            s.append(", ").append(String.format(java.util.Locale.ROOT, "%.1f", l.rate())).append(" msg/s");
        }
        List<String> why = new ArrayList<>();
        if (l.refusedAt() > 0) {
            why.add("refused a session at " + l.refusedAt() + " connections " + ago(l.refusedSecsAgo()));
        }
        why.add(l.slowDowns() + (l.slowDowns() == 1 ? " slow-down" : " slow-downs"));
        if (l.slowed()) {
            why.add(l.nextProbeSecs() > 0 ? "one step back up tried in " + l.nextProbeSecs() + " s, if mail is accepted"
                    : "one step back up at the next accepted message");
        } else {
            why.add("back at the configured limits");
        }
        return s.append(" (").append(String.join("; ", why)).append(")").toString();
    }

    private static String ago(long secs) {
        return secs < 120 ? secs + " s ago" : secs < 7200 ? secs / 60 + " min ago" : secs / 3600 + " h ago";
    }
}
