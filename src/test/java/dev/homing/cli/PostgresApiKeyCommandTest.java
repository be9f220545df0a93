package dev.homing.cli;

import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;

import java.util.List;

/**
 * The apikey command test (--db) on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresApiKeyCommandTest extends ApiKeyCommandTest {
    private final PostgresTwin pg = new PostgresTwin();

    @Override
    protected Database openDatabase() {
        return pg.open();
    }

    @Override
    protected List<String> dbArgs() {
        return List.of("--db", pg.schema().url());
    }

    @Override
    protected void dropDatabase() {
        pg.drop();
    }
}
