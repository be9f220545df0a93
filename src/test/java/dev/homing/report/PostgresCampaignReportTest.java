package dev.homing.report;

import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;

/**
 * The campaign report tests on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresCampaignReportTest extends CampaignReportTest {
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
