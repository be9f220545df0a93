package dev.homing.report;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes queue, campaign and suppression rows as the other stages leave them, so each outcome can be
 * set up exactly (a late bounce after a 250, a 147, an expiry) without running the engine.
 */
final class Rows {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private final Database db;

    Rows(Database db) {
        this.db = db;
    }

    long message(String envelopeFrom) {
        return insert("INSERT INTO message (created_at, envelope_from, label, content) VALUES (?, ?, 'test', 'Subject: x\r\n\r\nx')",
                Timestamp.from(T0), envelopeFrom);
    }

    void campaign(String name, String from, Long messageId) {
        write("INSERT INTO campaign (name, list_id, from_address, subject, text_body, state, message_id, created_at, updated_at)"
                + " VALUES (?, 1, ?, 'Spring', 'hello', 'sent', ?, ?, ?)", name, from, messageId, Timestamp.from(T0), Timestamp.from(T0));
    }

    /** A delivery as the queue leaves it after its last verdict ({@code code} null: never tried). */
    long delivery(long messageId, String recipient, String state, int attempts, String stage, String reason, Integer code,
                  String enhanced, String detail, Instant updated) {
        String domain = recipient.substring(recipient.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        return insert("INSERT INTO delivery (message_id, recipient, domain, state, attempts, created_at, next_attempt_at, updated_at,"
                        + " stage, reason, code, enhanced, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                messageId, recipient, domain, state, attempts, Timestamp.from(T0), Timestamp.from(updated.plusSeconds(300)),
                Timestamp.from(updated), stage, reason, code, enhanced, detail);
    }

    void attempt(long deliveryId, int no, Instant at, String stage, int code, String enhanced, String reply, String disposition,
                 String reason) {
        write("INSERT INTO attempt (delivery_id, attempt_no, started_at, mx_host, mx_ip, stage, code, enhanced, reply, disposition,"
                        + " reason, connect_ms, duration_ms, transcript) VALUES (?, ?, ?, 'mx1.example.net', '192.0.2.25', ?, ?, ?, ?, ?, ?, 12, 40, '')",
                deliveryId, no, Timestamp.from(at), stage, code, enhanced, reply, disposition, reason);
    }

    void event(long deliveryId, Instant at, String kind, String status, Integer code, String reason, String detail, String before,
               String after) {
        write("INSERT INTO delivery_event (delivery_id, at, kind, status, code, reason, detail, previous_state, new_state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", deliveryId, Timestamp.from(at), kind, status, code, reason, detail, before, after);
    }

    void suppression(String address, String reason, String status, String source) {
        write("INSERT INTO suppression (email_key, list_id, reason, status, source, created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)",
                address, reason, status, source, Timestamp.from(T0), Timestamp.from(T0));
    }

    /** For tables without a generated key. */
    private void write(String sql, Object... params) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private long insert(String sql, Object... params) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
