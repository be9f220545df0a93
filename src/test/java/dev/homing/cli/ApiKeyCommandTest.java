package dev.homing.cli;

import dev.homing.access.ApiKeys;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** apikey create|ls|revoke from the command line: the key is printed once, listed without its secret, and revoked at once. */
class ApiKeyCommandTest {
    @TempDir
    Path home;

    /** The database the commands use, opened here to look at it: the embedded one under --home; {@link PostgresApiKeyCommandTest} runs the same test on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    /** What the commands are given besides --home to use that database: nothing for the embedded one. */
    protected List<String> dbArgs() {
        return List.of();
    }

    protected void dropDatabase() {
    }

    @AfterEach
    void drop() {
        dropDatabase();
    }

    /** A command, on the database under test. */
    private CommandsTest.Run run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(dbArgs());
        return CommandsTest.run(all.toArray(String[]::new));
    }

    @Test
    void createListAndRevoke() {
        CommandsTest.Run created = run("apikey", "create", "crm sync", "--scopes", "lists:read,reports:read", "--home", home.toString());
        assertThat(created.code()).as(created.err()).isZero();
        String token = created.out().lines().filter(l -> l.startsWith("hk_")).findFirst().orElseThrow();
        assertThat(token).matches("hk_[A-Za-z0-9]+_[A-Za-z0-9_-]+");
        CommandsTest.Run listed = run("apikey", "ls", "--home", home.toString());
        assertThat(listed.out()).contains("crm sync").contains("live").doesNotContain(token.substring(token.lastIndexOf('_') + 1));
        try (Database db = openDatabase()) {
            assertThat(new ApiKeys(db).check(token)).isPresent();
        }
        CommandsTest.Run bad = run("apikey", "create", "x", "--scopes", "everything", "--home", home.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("everything");
        String id = created.out().replaceAll("(?s)^API key (\\d+).*", "$1");
        assertThat(run("apikey", "revoke", id, "--home", home.toString()).out()).contains("revoked");
        try (Database db = openDatabase()) {
            assertThat(new ApiKeys(db).check(token)).isEmpty();
        }
    }
}
