package dev.homing.cli;

import dev.homing.store.Database;
import dev.homing.testing.PostgresSchema;

import java.util.List;

/**
 * The suppression test through the command line (--db) on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresSuppressionTest extends SuppressionTest {
    private PostgresSchema schema;

    private PostgresSchema schema() {
        if (schema == null) {
            schema = PostgresSchema.create();
        }
        return schema;
    }

    @Override
    protected Database openDatabase() {
        return schema().open();
    }

    @Override
    protected List<String> dbArgs() {
        return List.of("--db", schema().url());
    }

    @Override
    protected void dropDatabase() {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }
}
