package dev.homing.list;

import dev.homing.store.Database;
import dev.homing.testing.PostgresSchema;

/**
 * The token tests on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresTokensTest extends TokensTest {
    private PostgresSchema schema;

    @Override
    protected Database openDatabase() {
        if (schema == null) {
            schema = PostgresSchema.create();
        }
        return schema.open();
    }

    @Override
    protected void dropDatabase() {
        if (schema != null) {
            schema.close();
            schema = null;
        }
    }
}
