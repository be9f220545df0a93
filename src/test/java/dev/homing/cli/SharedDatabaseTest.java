package dev.homing.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 20, the CLI beside a running node on the embedded database: while 'serve' delivers from a home, the commands
 * that read or change data work through the database it shares on loopback (and say so); the share takes the
 * database's key only; what truly cannot run beside it (a second delivering process) says so in one line.
 */
class SharedDatabaseTest {
    @TempDir
    Path home;

    @Test
    void commandsWorkBesideAServingNodeThroughItsLoopbackShare() throws Exception {
        int web;
        int inbound;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            web = a.getLocalPort();
            inbound = b.getLocalPort();
        }
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = http://127.0.0.1:" + web + "\n");
        try (ServeProcess serve = ServeProcess.start(home, "--port", String.valueOf(web), "--inbound-port", String.valueOf(inbound),
                "--no-dns")) {
            assertThat(serve.output()).contains("Ctrl-C stops");

            CommandsTest.Run list = CommandsTest.run("list", "create", "news", "--home", home.toString());
            assertThat(list.code()).as(list.err()).isZero();
            assertThat(list.err()).contains("note: a node is delivering from").contains("working through the database it shares on 127.0.0.1");
            CommandsTest.Run key = CommandsTest.run("apikey", "create", "ops", "--scopes", "lists:read", "--home", home.toString());
            assertThat(key.code()).as(key.err()).isZero();
            CommandsTest.Run status = CommandsTest.run("status", "--home", home.toString());
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out()).contains("queue:");

            // the serving node sees what the command wrote: one database
            HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + web + "/subscribe/news")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(form.statusCode()).isEqualTo(200);

            // a second delivering process cannot run beside it: one clear line
            CommandsTest.Run run = CommandsTest.run("run", "--home", home.toString(), "--no-dns");
            assertThat(run.code()).isEqualTo(2);
            assertThat(run.err()).contains("another Homing process is delivering from").doesNotContain("\tat ");
            // a campaign sent beside it is queued into the shared database; the serving node's engine delivers it, and the
            // command follows the deliveries until they are final (here: unroutable domains, bounced at once without DNS)
            Path people = Files.writeString(home.resolve("people.csv"), "email\nann@nowhere.example\nbob@nowhere.example\n");
            assertThat(CommandsTest.run("import", "news", people.toString(), "--consent", "test", "--home", home.toString()).code()).isZero();
            Path text = Files.writeString(home.resolve("t.txt"), "Hello\n");
            assertThat(CommandsTest.run("campaign", "create", "spring", "--list", "news", "--from", "news@homing.test", "--subject", "Hi",
                    "--text", text.toString(), "--home", home.toString()).code()).isZero();
            CommandsTest.Run send = CommandsTest.run("campaign", "send", "spring", "--override", "test beside a node", "--max-wait", "60s",
                    "--home", home.toString(), "--no-dns");
            assertThat(send.code()).as(send.err()).isZero();
            assertThat(send.out()).contains("campaign \"spring\": 2 deliveries queued").contains("the node delivering from " + home + " sends them")
                    .doesNotContain("not final yet");
            assertThat(count(home, "SELECT COUNT(*) FROM delivery d JOIN campaign c ON c.message_id = d.message_id"
                    + " WHERE c.name = 'spring' AND d.state = 'bounced' AND d.attempts = 1")).as("the serving node attempted both, once each").isEqualTo(2);

            // so is a message file sent to a recipient file
            Path eml = Files.writeString(home.resolve("m.eml"), "From: a@homing.test\nSubject: hi {{email}}\n\nHello\n");
            Path rcpts = Files.writeString(home.resolve("r.csv"), "email\ncy@nowhere.example\n");
            CommandsTest.Run adHoc = CommandsTest.run("send", "--from", "a@homing.test", "--message", eml.toString(), "--to", rcpts.toString(),
                    "--max-wait", "60s", "--home", home.toString(), "--no-dns");
            assertThat(adHoc.code()).as(adHoc.err()).isZero();
            assertThat(adHoc.out()).contains("queued 1 deliveries").contains("the node delivering from " + home + " sends them")
                    .doesNotContain("not final yet");
            assertThat(count(home, "SELECT COUNT(*) FROM delivery WHERE recipient = 'cy@nowhere.example' AND state = 'bounced' AND attempts = 1"))
                    .as("the serving node attempted it").isEqualTo(1);
            CommandsTest.Run requeue = CommandsTest.run("requeue", "--uncertain", "--home", home.toString());
            assertThat(requeue.code()).as(requeue.err()).isZero();
            assertThat(requeue.out()).contains("requeued 0 uncertain deliveries; the node delivering from " + home + " sends them");

            // the share is on loopback, behind the database's key, and both files are the owner's only
            Path data = home.resolve("data");
            int port = Integer.parseInt(Files.readString(data.resolve("db-server"), StandardCharsets.US_ASCII).strip());
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/homing;IFEXISTS=TRUE", "sa", "").close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/../other;IFEXISTS=TRUE", "sa", "")
                    .close()).isInstanceOf(SQLException.class);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("db-server")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("db.key")))).isEqualTo("rw-------");
        }
        // the node is gone: the command opens the files itself, without the note
        CommandsTest.Run after = CommandsTest.run("list", "ls", "--home", home.toString());
        assertThat(after.code()).as(after.err()).isZero();
        assertThat(after.out()).contains("news");
        assertThat(after.err()).doesNotContain("note: a node is delivering");
    }

    /** A count read from the node's home database (opened and closed for the one query). */
    private static long count(Path home, String sql) {
        try (dev.homing.store.Database db = dev.homing.store.Database.embedded(home)) {
            return dev.homing.store.Peek.jdbi(db).withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
        }
    }
}
