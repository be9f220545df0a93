package dev.homing.cli;

import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Suppression rules over three campaigns against the sandbox, through the command line. */
class SuppressionTest {
    @TempDir
    Path home;

    /** The database the commands use, opened here to look at it: the embedded one under --home; {@link PostgresSuppressionTest} runs the same test on PostgreSQL. */
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

    private Map<String, Suppression> suppressions() {
        try (Database db = openDatabase()) {
            return new Suppressions(db).list(null).stream().collect(Collectors.toMap(Suppression::emailKey, s -> s));
        }
    }

    private CommandsTest.Run send(Sandbox sandbox, Path list) throws Exception {
        Path message = Files.writeString(home.resolve("m.eml"), "Subject: hello\n\nhi\n");
        CommandsTest.Run r = run("send", "--home", home.toString(), "--from", "b@bounces.homing.test", "--message",
                message.toString(), "--to", list.toString(), "--route", "sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort(),
                "--no-dns");
        assertThat(r.code()).as(r.err()).isZero();
        return r;
    }

    /**
     * 'run' judges suppression once the queue it delivered is final, on outcomes already durable: the unknown address is
     * suppressed by this run, not by the next one.
     */
    @Test
    void runJudgesSuppressionAtItsEnd() throws Exception {
        Files.writeString(home.resolve("homing.properties"), "retry.delays = 300ms\nretry.max-age = 1s\n");
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
            Path list = Files.writeString(home.resolve("one.csv"), "email\ngone@user-unknown.sandbox.test\nfine@accept.sandbox.test\n");
            Path message = Files.writeString(home.resolve("m.eml"), "Subject: hello\n\nhi\n");
            String route = "sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort();
            CommandsTest.Run queued = run("send", "--home", home.toString(), "--from", "b@bounces.homing.test", "--message",
                    message.toString(), "--to", list.toString(), "--route", route, "--no-dns", "--no-wait");
            assertThat(queued.code()).as(queued.err()).isZero();
            CommandsTest.Run delivered = run("run", "--home", home.toString(), "--route", route, "--no-dns");
            assertThat(delivered.out()).as(delivered.err()).contains("suppression: 1 addresses suppressed (hard bounces)");
            assertThat(suppressions()).containsKey("gone@user-unknown.sandbox.test");
        }
    }

    @Test
    void hardBouncesSuppressSuspectedFilteringWaitsForARepeatSoftBouncesCount() throws Exception {
        Files.writeString(home.resolve("homing.properties"), "retry.delays = 300ms\nretry.max-age = 1s\n");
        StringBuilder csv = new StringBuilder("email\n");
        csv.append("gone@user-unknown.sandbox.test\n");            // one unknown at its domain: dead, suppress
        csv.append("recent@user-unknown.sandbox.test\n");          // accepted mail recently: suspected
        for (int i = 0; i < 6; i++) {                               // 6 of 10 unknown at one domain: a filter, suspected
            csv.append("u").append(i).append("@d1.user-unknown.sandbox.test\n");
        }
        for (int i = 0; i < 4; i++) {
            csv.append("accept+").append(i).append("@d1.user-unknown.sandbox.test\n");
        }
        csv.append("full@mailbox-full.sandbox.test\n");            // soft: counts, suppresses at the third
        csv.append("fine@accept.sandbox.test\n");
        Path list = Files.writeString(home.resolve("list.csv"), csv);
        try (Database db = openDatabase()) {
            new Suppressions(db).saveHistory(List.of(new Suppressions.History("recent@user-unknown.sandbox.test",
                    Instant.now().minus(10, ChronoUnit.DAYS), 0, null)), Set.of());
        }
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
            CommandsTest.Run first = send(sandbox, list);
            assertThat(first.out()).contains("suppression: 1 addresses suppressed (hard bounces), 0 after repeated soft bounces, 7 suspected");
            Map<String, Suppression> s = suppressions();
            assertThat(s.get("gone@user-unknown.sandbox.test").status()).isEqualTo(Suppression.ACTIVE);
            assertThat(s.get("recent@user-unknown.sandbox.test").status()).isEqualTo(Suppression.SUSPECTED);
            assertThat(s.get("recent@user-unknown.sandbox.test").source()).contains("suspected filtering (accepted mail on");
            assertThat(s.get("u3@d1.user-unknown.sandbox.test").source()).contains("many 'user unknown' at d1.user-unknown.sandbox.test");
            assertThat(s).doesNotContainKeys("fine@accept.sandbox.test", "accept+0@d1.user-unknown.sandbox.test", "full@mailbox-full.sandbox.test");
            assertThat(run("suppress", "review", "--home", home.toString()).out()).contains("7 suspected");

            int acceptedBefore = sandbox.stats().sessions() > 0 ? sandbox.stats().timesAccepted("fine@accept.sandbox.test") : 0;
            CommandsTest.Run second = send(sandbox, list);
            assertThat(second.out()).contains("1 suppressed addresses recorded as suppressed")
                    .containsPattern("1\\s+suppressed\\s+suppressed\\s+-\\s+Not sent: the address is on the suppression list");
            assertThat(second.out()).contains("7 suspected ones confirmed by a repeat");
            assertThat(suppressions().values()).filteredOn(x -> x.emailKey().contains("user-unknown"))
                    .allSatisfy(x -> assertThat(x.status()).isEqualTo(Suppression.ACTIVE));
            assertThat(sandbox.stats().timesAccepted("fine@accept.sandbox.test")).isEqualTo(acceptedBefore + 1);

            CommandsTest.Run third = send(sandbox, list);
            assertThat(third.out()).contains("8 suppressed addresses recorded as suppressed").contains("1 after repeated soft bounces");
            assertThat(suppressions().get("full@mailbox-full.sandbox.test").reason()).isEqualTo("softbounce");

            assertThat(run("suppress", "release", "gone@user-unknown.sandbox.test", "--home", home.toString()).out())
                    .contains("released gone@user-unknown.sandbox.test");
            run("suppress", "add", "Fine@ACCEPT.sandbox.test", "--home", home.toString());
            assertThat(suppressions().get("Fine@accept.sandbox.test")).isNotNull();
        }
    }
}
