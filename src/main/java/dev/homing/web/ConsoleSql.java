package dev.homing.web;

import dev.homing.store.Database;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The reads only the web UI makes: pages of members, a subscriber's consent history, outcomes over time, transcripts. */
public final class ConsoleSql {
    private final Database db;

    ConsoleSql(Database db) {
        this.db = db;
    }

    public record Member(String emailKey, String email, String status, String consentSource, Instant updatedAt, String attributes) {
    }

    /** A member with the subscriber's address and attributes; the WHERE clause is the caller's. */
    private static final String MEMBER = """
            SELECT s.email_key, s.email, m.status, m.consent_source, m.updated_at, s.attributes
            FROM membership m JOIN subscriber s ON s.email_key = m.email_key
            WHERE m.list_id = :list AND\s""";

    private static final org.jdbi.v3.core.mapper.RowMapper<Member> MEMBER_ROW = (rs, ctx) -> new Member(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6));

    /** Members of a list in address order, after {@code after} (keyset paging), optionally those containing {@code search}. */
    List<Member> members(long listId, String after, String search, int limit) {
        String q = search == null ? "" : search;
        return db.jdbi().withHandle(h -> h.createQuery(MEMBER
                        + "m.email_key > :after AND (:q = '' OR LOWER(s.email_key) LIKE :like) ORDER BY m.email_key LIMIT :limit")
                .bind("list", listId).bind("after", after == null ? "" : after)
                .bind("q", q).bind("like", "%" + q.toLowerCase(java.util.Locale.ROOT) + "%")
                .bind("limit", limit)
                .map(MEMBER_ROW).list());
    }

    Optional<Member> member(long listId, String emailKey) {
        return db.jdbi().withHandle(h -> h.createQuery(MEMBER + "m.email_key = :key")
                .bind("list", listId).bind("key", emailKey)
                .map(MEMBER_ROW).findOne());
    }

    /** Attempts of a campaign's message per minute and disposition (delivered, retry, failed, uncertain), oldest first. */
    Map<Instant, Map<String, Long>> attemptsPerMinute(long messageId) {
        Map<Instant, Map<String, Long>> out = new TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery("""
                        SELECT FLOOR(EXTRACT(EPOCH FROM a.started_at) / 60) AS bucket, a.disposition, COUNT(*)
                        FROM attempt a JOIN delivery d ON d.id = a.delivery_id
                        WHERE d.message_id = :m GROUP BY FLOOR(EXTRACT(EPOCH FROM a.started_at) / 60), a.disposition""")
                .bind("m", messageId)
                .map((rs, ctx) -> {
                    out.computeIfAbsent(Instant.ofEpochSecond(rs.getLong(1) * 60), k -> new LinkedHashMap<>())
                            .merge(rs.getString(2), rs.getLong(3), Long::sum);
                    return 0;
                }).list());
        return out;
    }

    public record Transcript(int attempt, String text) {
    }

    /** The SMTP transcripts of a delivery's attempts, each cut to {@code max} characters. */
    List<Transcript> transcripts(long deliveryId, int max) {
        List<Transcript> out = new ArrayList<>();
        db.jdbi().useHandle(h -> h.createQuery("SELECT attempt_no, transcript FROM attempt WHERE delivery_id = :d ORDER BY attempt_no")
                .bind("d", deliveryId)
                .map((rs, ctx) -> {
                    String t = rs.getString(2);
                    if (t != null) {
                        out.add(new Transcript(rs.getInt(1), t.length() > max ? t.substring(0, max) + "\n[...]" : t));
                    }
                    return 0;
                }).list());
        return out;
    }
}
