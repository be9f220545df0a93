package dev.homing.access;

import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;

/**
 * The account and session tests on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresSessionsTest extends SessionsTest {
    private final PostgresTwin pg = new PostgresTwin();

    @Override
    protected Database openDatabase() {
        return pg.open();
    }

    @Override
    protected void dropDatabase() {
        pg.drop();
    }
}
