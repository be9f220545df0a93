package dev.homing.testing;

import dev.homing.store.Database;

/**
 * The schema of a PostgreSQL twin of a storage test (a subclass that runs the same tests on this machine's
 * PostgreSQL): made on first use, dropped after each test. A twin keeps one and hands its
 * {@code openDatabase}/{@code dropDatabase} to {@link #open()} and {@link #drop()}.
 */
public final class PostgresTwin {
    private PostgresSchema schema;

    /** The current test's schema, made when first asked for. */
    public PostgresSchema schema() {
        if (schema == null) {
            schema = PostgresSchema.create();
        }
        return schema;
    }

    /** A database on the current test's schema (migrated on open; the caller closes it). */
    public Database open() {
        return schema().open();
    }

    /** Drops the current test's schema, if one was made; the next test gets a new one. */
    public void drop() {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }
}
