package dev.homing.access;


import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts and sessions on the embedded database: hashing, first run, expiry, logout, reset. */
class SessionsTest {
    @TempDir
    Path home;

    /** The database under test, opened by each test (and closed by it): the embedded default here; {@link PostgresSessionsTest} runs the same tests on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    protected void dropDatabase() {
    }

    @AfterEach
    void drop() {
        dropDatabase();
    }

    @Test
    void passwordsAreSaltedHashesThatOnlyTheRightPasswordMatches() {
        String a = Passwords.hash("correct horse battery staple");
        String b = Passwords.hash("correct horse battery staple");
        assertThat(a).startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$").doesNotContain("horse").isNotEqualTo(b);
        assertThat(Passwords.matches("correct horse battery staple", a)).isTrue();
        assertThat(Passwords.matches("correct horse battery stapl", a)).isFalse();
        assertThat(Passwords.matches("anything", "md5$abc")).isFalse();
        assertThat(Passwords.weakness("short")).contains("12");
        assertThat(Passwords.generate()).hasSize(20).matches("[a-zA-Z2-9]+").isNotEqualTo(Passwords.generate());
    }

    @Test
    void firstRunMakesOneAdminOnce() {
        try (Database db = openDatabase()) {
            Accounts accounts = new Accounts(db);
            String once = accounts.firstRun(null).orElseThrow();
            assertThat(accounts.firstRun(null)).isEmpty();
            Accounts.User admin = accounts.check("admin", once).orElseThrow();
            assertThat(admin.mustChange()).isTrue();
            accounts.change(admin.id(), "a password of my own");
            assertThat(accounts.check("admin", once)).isEmpty();
            assertThat(accounts.check("admin", "a password of my own").orElseThrow().mustChange()).isFalse();
            assertThat(accounts.check("nobody", "a password of my own")).isEmpty();
        }
    }

    @Test
    void aGivenAdminPasswordMustBeLongEnough() {
        try (Database db = openDatabase()) {
            assertThatThrownBy(() -> new Accounts(db).firstRun("secret")).hasMessageContaining("HOMING_ADMIN_PASSWORD").hasMessageContaining("12");
            assertThat(new Accounts(db).firstRun("a long enough password")).isEmpty();
            assertThat(new Accounts(db).check("admin", "a long enough password").orElseThrow().mustChange()).isFalse();
        }
    }

    @Test
    void sessionsEndWhenIdleOrOld() throws Exception {
        try (Database db = openDatabase()) {
            Accounts accounts = new Accounts(db);
            accounts.firstRun("a long enough password");
            long id = accounts.find("admin").orElseThrow().id();
            Sessions idle = new Sessions(db, Duration.ofMillis(600), Duration.ofHours(1));
            String token = idle.open(id);
            assertThat(idle.find(token)).hasValueSatisfying(s -> assertThat(s.userId()).isEqualTo(id));
            assertThat(idle.find(token + "x")).isEmpty();
            Thread.sleep(900);
            assertThat(idle.find(token)).as("idle too long").isEmpty();

            Sessions old = new Sessions(db, Duration.ofHours(1), Duration.ofMillis(600));
            String t2 = old.open(id);
            assertThat(old.find(t2)).isPresent();
            Thread.sleep(900);
            assertThat(old.find(t2)).as("past its lifetime").isEmpty();

            Sessions s = new Sessions(db, Duration.ofHours(1), Duration.ofHours(1));
            String t3 = s.open(id);
            String t4 = s.open(id);
            s.close(t3);
            assertThat(s.find(t3)).isEmpty();
            assertThat(s.find(t4)).isPresent();
            // a reset ends every session of the user and makes the new password one-time
            String once = accounts.reset("admin");
            assertThat(s.find(t4)).isEmpty();
            assertThat(accounts.check("admin", once).orElseThrow().mustChange()).isTrue();
            assertThatThrownBy(() -> accounts.reset("bad name!")).hasMessageContaining("user name");
            // the web UI's reset never makes a user: a reset racing a removal cannot bring one back as an admin
            assertThatThrownBy(() -> accounts.resetExisting("ghost")).hasMessageContaining("no user \"ghost\"");
            assertThat(accounts.find("ghost")).isEmpty();
            String again = accounts.resetExisting("admin");
            assertThat(accounts.check("admin", again)).isPresent();
        }
    }
}
