package dev.homing.list;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The rows of one table that an import batch adds, sent as multi-row INSERT statements: one statement per
 * {@value #CHUNK} rows instead of one per row, which PostgreSQL answers several times faster (H2 a little faster).
 * Values are strings, longs, timestamps or null, set as the single-row statements set them.
 */
final class RowInserts {
    /** Rows per statement: few distinct statements to prepare, far below PostgreSQL's 65,535 parameters. */
    static final int CHUNK = 250;

    private final IntFunction<String> sql;
    private final List<Object[]> rows = new ArrayList<>();
    /** The statement for a full chunk, written once. */
    private String fullChunk;

    /** @param sql the INSERT statement for a given number of rows (from the table's *Sql class) */
    RowInserts(IntFunction<String> sql) {
        this.sql = sql;
    }

    void add(Object... values) {
        rows.add(values);
    }

    /**
     * Inserts the rows added so far, on the caller's connection (its transaction), and forgets them: every full chunk
     * through one prepared statement, the rest through one of its size.
     */
    void flush(Connection c) throws SQLException {
        int full = rows.size() / CHUNK * CHUNK;
        if (full > 0) {
            if (fullChunk == null) {
                fullChunk = sql.apply(CHUNK);
            }
            try (PreparedStatement ps = c.prepareStatement(fullChunk)) {
                for (int from = 0; from < full; from += CHUNK) {
                    insert(ps, from, CHUNK);
                }
            }
        }
        if (full < rows.size()) {
            try (PreparedStatement ps = c.prepareStatement(sql.apply(rows.size() - full))) {
                insert(ps, full, rows.size() - full);
            }
        }
        rows.clear();
    }

    private void insert(PreparedStatement ps, int from, int n) throws SQLException {
        int p = 1;
        for (int i = from; i < from + n; i++) {
            for (Object v : rows.get(i)) {
                set(ps, p++, v);
            }
        }
        ps.executeUpdate();
    }

    private static void set(PreparedStatement ps, int p, Object v) throws SQLException {
        switch (v) {
            case null -> ps.setNull(p, Types.VARCHAR);
            case String s -> ps.setString(p, s);
            case Long l -> ps.setLong(p, l);
            case Timestamp t -> ps.setTimestamp(p, t);
            default -> throw new IllegalArgumentException("no column type for " + v.getClass().getSimpleName());
        }
    }
}
