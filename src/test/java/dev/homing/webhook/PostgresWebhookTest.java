package dev.homing.webhook;

import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;

/**
 * The webhook outbox and sender tests on this machine's PostgreSQL (127.0.0.1:5432, database test), each test in a
 * schema of its own that is dropped afterwards: the same migrations and SQL as on H2.
 */
class PostgresWebhookTest extends WebhookTest {
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
