package dev.homing.cli;

import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line on this machine's PostgreSQL (127.0.0.1:5432, database test) with {@code --db postgresql://...},
 * in a schema of its own: the same migrations and commands as on the embedded database; a database that cannot be
 * reached is a clear error.
 */
class PostgresModeTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    @TempDir
    Path home;
    String schema;

    @BeforeEach
    void schema() throws Exception {
        schema = "homing_cli_" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
        try (var c = DriverManager.getConnection(SERVER, "postgres", ""); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void drop() throws Exception {
        try (var c = DriverManager.getConnection(SERVER, "postgres", ""); var st = c.createStatement()) {
            st.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void listsCampaignsAndDeliveryRunOnPostgres() throws Exception {
        String db = "postgresql://postgres@127.0.0.1:5432/test?currentSchema=" + schema;
        assertThat(CommandsTest.run("list", "create", "news", "--db", db, "--home", home.toString()).code()).isZero();
        Path csv = Files.writeString(home.resolve("p.csv"), "email,name\nann@accept.sandbox.test,Ann\nbob@user-unknown.sandbox.test,Bob\n");
        assertThat(CommandsTest.run("import", "news", csv.toString(), "--consent", "fixture", "--db", db, "--home", home.toString()).code()).isZero();
        Path text = Files.writeString(home.resolve("t.txt"), "Hello {{name}}\n\nUnsubscribe: {{unsubscribe_url}}\n"
                + "News Homing Ltd, 12 Rue de la Paix, 75002 Paris, France\n");
        assertThat(CommandsTest.run("campaign", "create", "spring", "--list", "news", "--from", "news@homing.test", "--subject", "Spring news",
                "--text", text.toString(), "--db", db, "--home", home.toString()).code()).isZero();
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
            CommandsTest.Run sent = CommandsTest.run("campaign", "send", "spring", "--override", "test", "--no-dns", "--route",
                    "sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort(), "--db", db, "--home", home.toString());
            assertThat(sent.code()).as(sent.err()).isZero();
            assertThat(sent.out()).containsPattern("1\\s+delivered").containsPattern("1\\s+bounced\\s+userunknown");
        }
        assertThat(CommandsTest.run("campaign", "show", "spring", "--no-dns", "--db", db, "--home", home.toString()).out())
                .contains("(sent)").contains("1 delivered").contains("1 bounced");
        // nothing went to the embedded database
        assertThat(Files.exists(home.resolve("data/homing.mv.db"))).isFalse();
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorWithoutThePassword() {
        CommandsTest.Run r = CommandsTest.run("list", "ls", "--db", "postgresql://postgres:s3cret@127.0.0.1:1/test", "--home", home.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot open the database").contains("127.0.0.1:1/test").contains("as postgres")
                .doesNotContain("s3cret");
        CommandsTest.Run bad = CommandsTest.run("list", "ls", "--db", "mysql://x", "--home", home.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("neither postgresql://... nor jdbc:...");
    }
}
