package dev.homing.list;

import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;

/**
 * The list import tests on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresImporterTest extends ImporterTest {
    private final PostgresTwin pg = new PostgresTwin();

    @Override
    protected Database openDatabase() {
        return pg.open();
    }

    /** PostgreSQL's page cache is the server's: the 100 MB import goes to the schema under test (a list of its own). */
    @Override
    protected Database openSmallCacheDatabase() {
        return openDatabase();
    }

    @Override
    protected void dropDatabase() {
        pg.drop();
    }
}
