package dev.homing.cli;

import dev.homing.store.Peek;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outsiders cannot exhaust the inbound server: a node under -Xmx512m ('homing inbound' in its own JVM) is sent six
 * 60 MB messages at once and 200 idle connections from one address by Python's smtplib, and stays up; each big message
 * is stored or refused (452 for now, 552 too large), nothing else is lost, and another sender still gets through.
 */
class InboundLimitsTest {
    @TempDir
    Path home;

    @Test
    void bigMessagesAndIdleConnectionsDoNotExhaustTheNode() throws Exception {
        // the size limit raised past the messages, so that only the in-flight budget stands between them and the node
        int port = freePort();
        Path log = home.resolve("inbound.log");
        Process node = startInbound(port, "inbound.max-size-mb = 64\n", "-Xmx512m", log);
        try {

            List<String> big = python("big", port, "6", "60");
            assertThat(big).as("one reply per message").hasSize(6).allSatisfy(code -> assertThat(code).isIn("250", "452", "552"));
            assertThat(big).as("the budget lets one through at a time").contains("452");
            assertThat(node.isAlive()).as("the node is still up: " + Files.readString(log)).isTrue();
            long stored = big.stream().filter("250"::equals).count();

            List<String> idle = python("idle", port, "200");
            List<String> greetings = Arrays.asList(idle.get(0).split(" "));
            assertThat(greetings.stream().filter("220"::equals).count()).as("connections one client address may hold").isEqualTo(10);
            assertThat(greetings.stream().filter(g -> !g.equals("220"))).as("the others refused at once").allSatisfy(g -> assertThat(g).isIn("421", "closed"));
            assertThat(idle.get(1)).as("another sender gets through; the node said: %s", Files.readString(log)).isEqualTo("250");
            assertThat(node.isAlive()).isTrue();

            node.destroy();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Database db = Database.embedded(home)) {
                // counted whatever the mailroom did with them before the node stopped (read or not, they are kept)
                long kept = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM inbound_message").mapTo(Long.class).one());
                assertThat(kept).as("every accepted message kept, nothing else").isEqualTo(stored + 1);
            }
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            node.destroyForcibly();
        }
    }

    /**
     * DATA goes to disk as it arrives and to the database as a stream: a node with a heap far smaller than the messages
     * (-Xmx128m, three 60 MB messages at once, the budget and the size limit above them) takes and keeps every one whole.
     * Held in memory, as before, they could not fit.
     */
    @Test
    void messagesLargerThanTheHeapAreSpooledAndStoredWhole() throws Exception {
        int port = freePort();
        Path log = home.resolve("inbound.log");
        Process node = startInbound(port, "inbound.max-size-mb = 100\ninbound.in-flight-mb = 1024\n", "-Xmx128m", log);
        try {

            List<String> big = python("big", port, "3", "60");
            assertThat(big).as("every message taken; the node said: %s", Files.readString(log)).containsExactly("250", "250", "250");
            assertThat(node.isAlive()).as("the node is still up: " + Files.readString(log)).isTrue();
            try (var left = Files.list(home.resolve("data").resolve("spool"))) {
                assertThat(left).as("spool files are gone once stored").isEmpty();
            }
            node.destroy();
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try (Database db = Database.embedded(home)) {
                List<Long> sizes = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT size FROM inbound_message").mapTo(Long.class).list());
                assertThat(sizes).hasSize(3).allSatisfy(n -> assertThat(n).isGreaterThan(60L * 1024 * 1024));
                dev.homing.inbound.Inbox inbox = new dev.homing.inbound.Inbox(db);
                java.io.OutputStream counted = java.io.OutputStream.nullOutputStream();
                long[] bytes = {0};
                java.io.OutputStream counter = new java.io.FilterOutputStream(counted) {
                    @Override
                    public void write(byte[] b, int off, int len) {
                        bytes[0] += len;
                    }

                    @Override
                    public void write(int b) {
                        bytes[0]++;
                    }
                };
                long first = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT MIN(id) FROM inbound_message").mapTo(Long.class).one());
                assertThat(inbox.copy(first, counter)).isTrue();
                assertThat(bytes[0]).as("the stored message is whole").isEqualTo(sizes.get(0));
            }
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            node.destroyForcibly();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** 'homing inbound' in a JVM of its own with this heap and these settings, once it listens. */
    private Process startInbound(int port, String settings, String heap, Path log) throws Exception {
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = https://mail.homing.test\n"
                + settings);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "inbound", "--home", home.toString(), "--port",
                String.valueOf(port)));
        Process node = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long until = System.currentTimeMillis() + 30_000;
        while (!Files.readString(log).contains("Ctrl-C stops") && System.currentTimeMillis() < until && node.isAlive()) {
            Thread.sleep(100);
        }
        if (!Files.readString(log).contains("Ctrl-C stops")) {
            node.destroyForcibly();
            throw new AssertionError("the inbound node did not start: " + Files.readString(log));
        }
        return node;
    }

    private List<String> python(String mode, int port, String... rest) throws Exception {
        Path script = Files.createTempFile(home, "flood", ".py");
        try (InputStream in = InboundLimitsTest.class.getResourceAsStream("/inbound/flood.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), mode, "127.0.0.1", String.valueOf(port)));
        cmd.addAll(List.of(rest));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return out.lines().toList();
    }
}
