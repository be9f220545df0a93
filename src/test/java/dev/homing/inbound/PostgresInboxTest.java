package dev.homing.inbound;

import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;

/**
 * The received-message store test (a 50 MB message in a bytea) on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresInboxTest extends InboxTest {
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
