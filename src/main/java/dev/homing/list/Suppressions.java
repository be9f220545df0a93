package dev.homing.list;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The suppression list and the per-address history its rules weigh. */
public final class Suppressions {
    private final Database db;

    public Suppressions(Database db) {
        this.db = db;
    }

    /** What we know of an address: the last time it accepted mail, and soft bounces since. */
    public record History(String emailKey, Instant lastDelivered, int softBounces, Instant firstSoft) {
    }

    /** The suppressions (global or for this list) of these addresses; an address may have two. */
    public Map<String, List<Suppression>> find(Collection<String> keys, long listId) {
        Map<String, List<Suppression>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = SuppressionSql.FIND_IN.formatted(String.join(",", Collections.nCopies(keys.size(), "?")));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, listId);
            int i = 2;
            for (String k : keys) {
                ps.setString(i++, k);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Suppression s = row(rs);
                    out.computeIfAbsent(s.emailKey(), k -> new ArrayList<>()).add(s);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot read suppressions: " + e.getMessage(), e);
        }
    }

    /** The active suppression that stops mail to this address, if any. */
    public static Suppression stopping(List<Suppression> found) {
        if (found == null) {
            return null;
        }
        for (Suppression s : found) {
            if (s.active()) {
                return s;
            }
        }
        return null;
    }

    /** Adds or replaces a suppression. */
    public void put(String emailKey, long listId, String reason, String status, String source) {
        Instant now = Instant.now();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement up = c.prepareStatement(SuppressionSql.UPDATE)) {
                up.setString(1, reason);
                up.setString(2, status);
                up.setString(3, cut(source));
                up.setTimestamp(4, Timestamp.from(now));
                up.setString(5, emailKey);
                up.setLong(6, listId);
                n = up.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ins = c.prepareStatement(SuppressionSql.INSERT)) {
                    ins.setString(1, emailKey);
                    ins.setLong(2, listId);
                    ins.setString(3, reason);
                    ins.setString(4, status);
                    ins.setString(5, cut(source));
                    ins.setTimestamp(6, Timestamp.from(now));
                    ins.setTimestamp(7, Timestamp.from(now));
                    ins.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new ListException("cannot suppress " + emailKey + ": " + e.getMessage(), e);
        }
    }

    /** Removes a suppression (the review queue's "release"); true when there was one. */
    public boolean release(String emailKey, long listId) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SuppressionSql.DELETE)) {
            ps.setString(1, emailKey);
            ps.setLong(2, listId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new ListException("cannot release " + emailKey + ": " + e.getMessage(), e);
        }
    }

    /**
     * A keyset page of every suppression, by address then list, after ({@code afterKey}, {@code afterList}): a page walk
     * neither skips nor repeats one while others are added.
     */
    public List<Suppression> page(String afterKey, long afterList, int limit) {
        List<Suppression> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(SuppressionSql.PAGE)) {
            ps.setString(1, afterKey);
            ps.setString(2, afterKey);
            ps.setLong(3, afterList);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot list suppressions: " + e.getMessage(), e);
        }
    }

    /** Every suppression, or those with one status ("suspected" is the review queue). */
    public List<Suppression> list(String status) {
        List<Suppression> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(status == null ? SuppressionSql.ALL : SuppressionSql.BY_STATUS)) {
            if (status != null) {
                ps.setString(1, status);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot list suppressions: " + e.getMessage(), e);
        }
    }

    public Map<String, History> history(Collection<String> keys) {
        Map<String, History> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        String sql = SuppressionSql.HISTORY_IN.formatted(String.join(",", Collections.nCopies(keys.size(), "?")));
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String k : keys) {
                ps.setString(i++, k);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new History(rs.getString(1), instant(rs.getTimestamp(2)), rs.getInt(3), instant(rs.getTimestamp(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot read address history: " + e.getMessage(), e);
        }
    }

    /** Writes history rows (new ones inserted, known ones updated) in one transaction. */
    public void saveHistory(Collection<History> rows, Collection<String> known) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.connection();
             PreparedStatement ins = c.prepareStatement(SuppressionSql.INSERT_HISTORY);
             PreparedStatement up = c.prepareStatement(SuppressionSql.UPDATE_HISTORY)) {
            c.setAutoCommit(false);
            int ni = 0;
            int nu = 0;
            for (History h : rows) {
                PreparedStatement ps = known.contains(h.emailKey()) ? up : ins;
                ps.setTimestamp(1, h.lastDelivered() == null ? null : Timestamp.from(h.lastDelivered()));
                ps.setInt(2, h.softBounces());
                ps.setTimestamp(3, h.firstSoft() == null ? null : Timestamp.from(h.firstSoft()));
                ps.setTimestamp(4, now);
                ps.setString(5, h.emailKey());
                ps.addBatch();
                if (ps == up) {
                    nu++;
                } else {
                    ni++;
                }
            }
            if (ni > 0) {
                ins.executeBatch();
            }
            if (nu > 0) {
                up.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new ListException("cannot write address history: " + e.getMessage(), e);
        }
    }

    private static Suppression row(ResultSet rs) throws SQLException {
        return new Suppression(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
