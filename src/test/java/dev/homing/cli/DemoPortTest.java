package dev.homing.cli;

import dev.homing.store.Database;
import dev.homing.store.Peek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, demo and serve: a busy port is one clear line and exit code 2 before any work starts, and the demo's
 * mail links to the port it actually serves on (not public.url's default 8080).
 */
class DemoPortTest {
    @TempDir
    Path home;

    @Test
    void aBusyPortIsOneLineBeforeAnyWork() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            long started = System.nanoTime();
            CommandsTest.Run demo = CommandsTest.run("demo", "--port", String.valueOf(port), "--recipients", "30", "--home", home.toString());
            assertThat(demo.code()).isEqualTo(2);
            assertThat(demo.err()).contains("--port " + port + ": cannot listen on 127.0.0.1:" + port).doesNotContain("Exception\n\tat");
            assertThat(demo.err().strip().lines().count()).as(demo.err()).isEqualTo(1);
            assertThat(demo.out()).as("no campaign ran").doesNotContain("demo campaign");
            assertThat(home.resolve("data")).as("nothing was made").doesNotExist();
            assertThat(System.nanoTime() - started).as("said at once, not after the campaign").isLessThan(10_000_000_000L);

            Files.writeString(home.resolve("homing.properties"), "public.url = http://127.0.0.1:" + port + "\n");
            CommandsTest.Run serve = CommandsTest.run("serve", "--port", String.valueOf(port), "--home", home.toString());
            assertThat(serve.code()).isEqualTo(2);
            assertThat(serve.err()).contains("--port " + port + ": cannot listen on").doesNotContain("\tat ");
        }
    }

    @Test
    void theDemosLinksNameThePortItServesOn() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = home.resolve("demo.log");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "demo", "--home", home.toString(), "--port", String.valueOf(port),
                "--recipients", "30").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long until = System.currentTimeMillis() + 120_000;
            while (!Files.readString(log).contains("press Ctrl-C to stop") && System.currentTimeMillis() < until && demo.isAlive()) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).contains("Web UI: http://127.0.0.1:" + port + "/");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
        } finally {
            demo.destroy();
            if (!demo.waitFor(30, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
        // every copy's unsubscribe link leads to this demo's pages
        try (Database db = Database.embedded(home)) {
            List<String> vars = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT vars FROM delivery WHERE vars IS NOT NULL")
                    .mapTo(String.class).list());
            assertThat(vars).isNotEmpty().allSatisfy(v -> assertThat(v).contains("http://127.0.0.1:" + port + "/unsubscribe")
                    .doesNotContain("127.0.0.1:8080"));
        }
    }
}
