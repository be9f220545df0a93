package dev.homing.testing;

import dev.homing.store.Database;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway schema on this machine's PostgreSQL (127.0.0.1:5432, database {@code test}, user postgres, trust
 * auth) for the Postgres* variants of the storage tests: {@link #create()} makes a schema with a random name,
 * {@link #open()} opens (and migrates) a {@link Database} in it, as often as a test reopens, and {@link #close()}
 * drops it with everything in it.
 */
public final class PostgresSchema implements AutoCloseable {
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final String name;
    private boolean dropped;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** A new, empty schema named homing_test_&lt;random&gt;. */
    public static PostgresSchema create() {
        String name = "homing_test_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        execute("CREATE SCHEMA " + name);
        return new PostgresSchema(name);
    }

    public String name() {
        return name;
    }

    /** The JDBC URL of the schema (user and password not in it: {@link #USER}, no password). */
    public String jdbcUrl() {
        return SERVER + "?currentSchema=" + name;
    }

    /** The schema as the command line's --db takes it: postgresql://postgres@127.0.0.1:5432/test?currentSchema=... */
    public String url() {
        return "postgresql://" + USER + "@127.0.0.1:5432/test?currentSchema=" + name;
    }

    /** A database on the schema, migrated on open; the caller closes it. */
    public Database open() {
        return Database.open(jdbcUrl(), USER, "");
    }

    /** Drops the schema and everything in it (once). */
    @Override
    public void close() {
        if (!dropped) {
            dropped = true;
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static void execute(String sql) {
        try (var c = DriverManager.getConnection(SERVER, USER, ""); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + ": " + e.getMessage(), e);
        }
    }
}
