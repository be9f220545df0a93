package dev.homing.inbound;

import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Received messages, stored whole and committed before the sender hears 250, then read by the
 * follow-up worker. A message we cannot read or match keeps its bytes and says why, for the
 * operator: nothing received is lost.
 */
public final class Inbox {
    /** How a stored message ended up. */
    public enum Status {
        RECEIVED, PROCESSED, UNPARSED, UNMATCHED, IGNORED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Database db;

    public Inbox(Database db) {
        this.db = db;
    }

    /** Stores a message durably (committed on return). */
    public long store(String client, String mailFrom, List<String> rcptTo, byte[] raw) {
        return store(client, mailFrom, rcptTo, new java.io.ByteArrayInputStream(raw), raw.length);
    }

    /**
     * Stores a message read from a stream of {@code size} bytes, durably (committed on return). The bytes go to the
     * database as a stream (a large object in the embedded database, streamed to the server by PostgreSQL's driver), so a
     * large message is never whole in the node's memory.
     */
    public long store(String client, String mailFrom, List<String> rcptTo, java.io.InputStream raw, long size) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.INSERT, Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, cut(client, 100));
            ps.setString(3, cut(mailFrom, 320));
            ps.setString(4, cut(String.join(",", rcptTo), 2000));
            ps.setLong(5, size);
            ps.setBinaryStream(6, raw, size);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot store a received message of " + size + " bytes: " + e.getMessage(), e);
        }
    }

    /** The ids of messages not read yet, oldest first: read them one at a time ({@link #received}), never a batch of bodies. */
    public List<Long> pending(int limit) {
        List<Long> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.PENDING)) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read received messages: " + e.getMessage(), e);
        }
    }

    /** One stored message with its bytes, or empty when it is gone. */
    public Optional<Received> received(long id) {
        return received(id, 0);
    }

    /**
     * The message with at most its first {@code maxBytes} bytes (0: all): what a reader that needs only the start loads. The
     * embedded database streams its large object and stops reading there; PostgreSQL cuts the value on the server.
     */
    public Optional<Received> received(long id, int maxBytes) {
        boolean cutOnServer = maxBytes > 0 && !db.embedded();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(cutOnServer ? InboxSql.ONE_START : InboxSql.ONE)) {
            int i = 1;
            if (cutOnServer) {
                ps.setInt(i++, maxBytes);
            }
            ps.setLong(i, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String rcpts = rs.getString(4);
                byte[] raw;
                try (java.io.InputStream in = rs.getBinaryStream(5)) {
                    raw = maxBytes > 0 ? in.readNBytes(maxBytes) : in.readAllBytes();
                }
                return Optional.of(new Received(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rcpts == null || rcpts.isEmpty() ? List.of() : Arrays.asList(rcpts.split(",")), raw));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot read received message " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes read messages older than {@code before}, then the oldest read ones past {@code maxBytes} in all; messages not
     * read yet are never deleted. Returns how many were deleted.
     */
    public int purge(Instant before, long maxBytes) {
        try (Connection c = db.connection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement(InboxSql.PURGE_OLD)) {
                ps.setTimestamp(1, Timestamp.from(before));
                n = ps.executeUpdate();
            }
            long total = 0;
            long cut = -1;
            try (PreparedStatement ps = c.prepareStatement(InboxSql.READ_BY_AGE); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    total += rs.getLong(2);
                    if (total > maxBytes) {
                        cut = rs.getLong(1);
                        break;
                    }
                }
            }
            if (cut >= 0) {
                try (PreparedStatement ps = c.prepareStatement(InboxSql.PURGE_UP_TO)) {
                    ps.setLong(1, cut);
                    n += ps.executeUpdate();
                }
            }
            return n;
        } catch (SQLException e) {
            throw new StoreException("cannot purge received messages: " + e.getMessage(), e);
        }
    }

    public void mark(long id, Status status, String kind, Long deliveryId, String detail) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.MARK)) {
            ps.setString(1, status.label());
            ps.setString(2, kind);
            if (deliveryId == null) {
                ps.setNull(3, java.sql.Types.BIGINT);
            } else {
                ps.setLong(3, deliveryId);
            }
            ps.setString(4, cut(detail, 2000));
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.setLong(6, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot mark received message " + id + ": " + e.getMessage(), e);
        }
    }

    /** Counts by "status kind" ("processed bounce", "unparsed -"). */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.COUNTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1) + " " + (rs.getString(2) == null ? "-" : rs.getString(2)), rs.getLong(3));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot count received messages: " + e.getMessage(), e);
        }
    }

    /** The newest entries with this status. */
    public List<InboxEntry> list(Status status, int limit) {
        List<InboxEntry> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.LIST)) {
            ps.setString(1, status.label());
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long d = rs.getLong(8);
                    Long delivery = rs.wasNull() ? null : d;
                    out.add(new InboxEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getString(6), rs.getString(7), delivery, rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list received messages: " + e.getMessage(), e);
        }
    }

    /** The stored bytes of one message, whole in memory: for small messages and tests; {@link #copy} streams. */
    public Optional<byte[]> raw(long id) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        return copy(id, out) ? Optional.of(out.toByteArray()) : Optional.empty();
    }

    /** Writes the stored bytes of one message to {@code out}; false when there is no such message. */
    public boolean copy(long id, java.io.OutputStream out) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.RAW)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                try (java.io.InputStream in = rs.getBinaryStream(1)) {
                    in.transferTo(out);
                }
                return true;
            }
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot read received message " + id + ": " + e.getMessage(), e);
        }
    }

    /** Puts unparsed and unmatched messages back for another read (after a parser or data fix); returns how many. */
    public int retry() {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.REQUEUE)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot requeue received messages: " + e.getMessage(), e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
