package dev.homing.queue;

import dev.homing.store.Database;

import java.sql.DriverManager;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The queue tests on this machine's PostgreSQL (127.0.0.1:5432, database test), each in a schema
 * of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresQueueTest extends QueueTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";
    private String schema;

    @Override
    protected Database openDatabase() {
        schema = "homing_test_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        execute("CREATE SCHEMA " + schema);
        return Database.open(SERVER + "?currentSchema=" + schema, USER, "");
    }

    @Override
    protected void dropDatabase() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (var c = DriverManager.getConnection(SERVER, USER, ""); var st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
