package dev.homing.cli;

import dev.homing.testing.PasswordPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials checked by a real PostgreSQL that asks for a password (a server of the test's own: the
 * machine's shared one trusts local connections): the right password opens and migrates the database,
 * a wrong one is a clear error at once, naming the server and the user and never the password.
 */
class PostgresCredentialsTest {
    static final String PASSWORD = "c0rrect-h0rse";
    static PasswordPostgres pg;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        pg = PasswordPostgres.start(PASSWORD);
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theRightPasswordOpensTheDatabase() {
        CommandsTest.Run r = CommandsTest.run("list", "create", "news", "--db", pg.url(PASSWORD), "--home", home.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(CommandsTest.run("list", "ls", "--db", pg.url(PASSWORD), "--home", home.toString()).out()).contains("news");
    }

    @Test
    void aWrongPasswordIsRefusedAtOnceWithoutEchoingIt() {
        long started = System.nanoTime();
        CommandsTest.Run r = CommandsTest.run("list", "ls", "--db", pg.url("wr0ng-passw0rd"), "--home", home.toString());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot open the database").contains("127.0.0.1:" + pg.port() + "/postgres")
                .contains("as homing").contains("password authentication failed for user \"homing\"")
                .contains("check db.user")
                .doesNotContain("wr0ng-passw0rd").doesNotContain(PASSWORD);
        assertThat(ms).as("refused credentials do not wait for the pool's 10 s start-up timeout").isLessThan(8_000);
    }

    @Test
    void aMissingDatabaseIsNamed() {
        String url = "postgresql://" + PasswordPostgres.USER + ":" + PASSWORD + "@127.0.0.1:" + pg.port() + "/nosuchdb";
        CommandsTest.Run r = CommandsTest.run("list", "ls", "--db", url, "--home", home.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("database \"nosuchdb\" does not exist").doesNotContain(PASSWORD);
    }
}
