package dev.homing.cli;

import dev.homing.delivery.Postfix;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of a send to a real Postfix (which pauses a second before its answer to each dot, so sessions are
 * caught after the dot), then 'run' again: every delivery final, and in Postfix's own mailboxes no address has two
 * copies, every delivered one has exactly one, an uncertain one at most one.
 */
class PostfixCrashTest {
    static final int RECIPIENTS = 100;

    @TempDir
    Path home;

    private Process child(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void killedMidSendThenRunEveryMailboxHasAtMostOneCopy() throws Exception {
        List<String> boxes = IntStream.range(0, RECIPIENTS).mapToObj(i -> "m" + i).toList();
        try (Postfix mx = Postfix.start(boxes, Map.of("smtpd_end_of_data_restrictions", "sleep 1"))) {
            Path message = Files.writeString(home.resolve("message.eml"), "From: crash@homing.test\nTo: {{email}}\nSubject: crash\n\nHello\n");
            StringBuilder csv = new StringBuilder("email\n");
            boxes.forEach(b -> csv.append(b).append('@').append(Postfix.DOMAIN).append('\n'));
            Path recipients = Files.writeString(home.resolve("recipients.csv"), csv);
            String route = Postfix.DOMAIN + "=127.0.0.1:" + mx.address.getPort();
            Files.writeString(home.resolve("homing.properties"), "limits.connections = 5\nretry.delays = 1s\nhelo = client.homing.test\n");

            Process first = child(home.resolve("first.log"), "send", "--home", home.toString(), "--from", "b@bounces.homing.test",
                    "--message", message.toString(), "--to", recipients.toString(), "--route", route, "--no-dns");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (mx.logLines("status=sent") < RECIPIENTS / 4 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("still sending when killed: " + Files.readString(home.resolve("first.log"))).isTrue();
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

            Process second = child(home.resolve("second.log"), "run", "--home", home.toString(), "--route", route, "--no-dns");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as(Files.readString(home.resolve("second.log"))).isTrue();
            assertThat(second.exitValue()).as(Files.readString(home.resolve("second.log"))).isZero();
            Thread.sleep(1_000); // Postfix's virtual(8) writes the last messages to their maildirs
            int uncertain = 0;
            try (Database db = Database.embedded(home);
                 Queue queue = Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard())) {
                List<DeliveryRow> rows = queue.view().deliveries(1);
                assertThat(rows).hasSize(RECIPIENTS);
                for (DeliveryRow r : rows) {
                    String box = r.recipient().substring(0, r.recipient().indexOf('@'));
                    int copies = mx.copies(box);
                    assertThat(copies).as("%s: %d copies, state %s", r.recipient(), copies, r.state()).isLessThanOrEqualTo(1);
                    assertThat(r.state()).as(r.recipient()).isIn(DeliveryState.DELIVERED, DeliveryState.UNCERTAIN);
                    if (r.state() == DeliveryState.DELIVERED) {
                        assertThat(copies).as(r.recipient() + " delivered").isEqualTo(1);
                    } else {
                        uncertain++;
                        assertThat(r.code()).isEqualTo(149); // Homing stopped after the dot
                    }
                }
            }
            System.out.printf("postfix crash: %d delivered, %d uncertain after kill -9 and run%n", RECIPIENTS - uncertain, uncertain);
            assertThat(uncertain).as("sessions were waiting for Postfix's answer to the dot when killed").isPositive();
        }
    }
}
