package dev.homing.list;

import dev.homing.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Erasing a person (GDPR art. 17, the right to erasure): their subscriber record, memberships, consent events,
 * unsubscribe mailboxes, bounce history and suppressions go; what stays is one mark, the SHA-256 of the address, so
 * that an old file imported again cannot re-add them by accident. The person may still subscribe again themselves
 * (double opt-in is their own new consent). The queue forgets the address and merge fields of every delivery to them
 * ({@link dev.homing.queue.Forgetting}), in the server's words and the transcripts too; each keeps its outcome. The
 * bounces and complaints stored about those deliveries are deleted ({@link StoredReports}, which the inbound package that
 * keeps them implements). The one erasure every face (CLI, API, web UI) calls.
 */
public final class Erasure {
    static final String PREFIX = "erased:";

    private final Database db;
    private final StoredReports reports;

    /** @param reports deletes what was received about the person's deliveries (the package that stores it implements it) */
    public Erasure(Database db, StoredReports reports) {
        this.db = db;
        this.reports = java.util.Objects.requireNonNull(reports, "reports");
    }

    /** The stored copies of reports (bounces, complaints) about deliveries: those about an erased person go. */
    public interface StoredReports {
        /** @return how many stored reports about these deliveries were deleted */
        int forget(List<Long> deliveryIds);
    }

    /** What was removed. */
    public record Erased(String address, int memberships, int consentEvents, int suppressions, int deliveries, int reports) {
    }

    /** @throws IllegalArgumentException when the text is not an address */
    public Erased erase(String address) {
        Address.Valid valid = switch (Address.check(address)) {
            case Address.Valid v -> v;
            case Address.Invalid i -> throw new IllegalArgumentException("\"" + address + "\" is not an address: " + i.reason());
        };
        String key = valid.address();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int consent = run(c, ErasureSql.CONSENT, key);
                int memberships = run(c, ErasureSql.MEMBERSHIP, key);
                run(c, ErasureSql.MAILBOXES, key);
                run(c, ErasureSql.HISTORY, key);
                int suppressions = run(c, ErasureSql.SUPPRESSIONS, key);
                run(c, ErasureSql.SUBSCRIBER, key);
                String mark = mark(key);
                boolean marked;
                try (PreparedStatement ps = c.prepareStatement(ErasureSql.MARKED)) {
                    ps.setString(1, mark);
                    try (ResultSet rs = ps.executeQuery()) {
                        marked = rs.next();
                    }
                }
                if (!marked) {
                    try (PreparedStatement ps = c.prepareStatement(ErasureSql.MARK)) {
                        ps.setString(1, mark);
                        ps.setTimestamp(2, now);
                        ps.setTimestamp(3, now);
                        ps.executeUpdate();
                    }
                }
                c.commit();
                // the stored reports first: while the deliveries still name the address, a failed erasure can be run again
                int deleted = reports.forget(dev.homing.queue.Forgetting.deliveriesTo(db, key));
                List<Long> deliveries = dev.homing.queue.Forgetting.recipient(db, key);
                return new Erased(key, memberships, consent, suppressions, deliveries.size(), deleted);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new ListException("cannot erase " + key + ": " + e.getMessage(), e);
        }
    }

    /** The keys among these that belong to someone erased (for the importer: such rows are not added). */
    static Set<String> erasedAmong(Connection c, Collection<String> keys) throws SQLException {
        Set<String> out = new HashSet<>();
        if (keys.isEmpty()) {
            return out;
        }
        List<String> list = new ArrayList<>(keys);
        try (PreparedStatement ps = c.prepareStatement(ErasureSql.marked(list.size()))) {
            for (int i = 0; i < list.size(); i++) {
                ps.setString(i + 1, mark(list.get(i)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                Set<String> marks = new HashSet<>();
                while (rs.next()) {
                    marks.add(rs.getString(1));
                }
                for (String k : list) {
                    if (marks.contains(mark(k))) {
                        out.add(k);
                    }
                }
            }
        }
        return out;
    }

    /** The mark of an address: its SHA-256, lower-cased first (mailboxes are case-blind in practice), never the address. */
    static String mark(String key) {
        try {
            return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int run(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            return ps.executeUpdate();
        }
    }
}
