package dev.homing.cli;

import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a child engine process with SIGKILL in the middle of a campaign, starts it again, and
 * checks exactly-once: every delivery final, nothing accepted twice by the receiving server, a
 * delivery caught after the dot reported uncertain and not resent.
 */
class CrashTest {
    static final int RECIPIENTS = 1500;

    @TempDir
    Path home;

    private Process child(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void sigkillMidCampaignThenRestartEndsEveryDeliveryExactlyOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withSlowReply(Duration.ofMillis(250)))) {
            Path message = home.resolve("message.eml");
            Files.writeString(message, "From: crash@homing.test\nTo: {{email}}\nSubject: crash test {{n}}\n\nHello {{n}}\n");
            StringBuilder csv = new StringBuilder("email,n\n");
            for (int i = 0; i < RECIPIENTS; i++) {
                // mostly slow accepts (sessions wait after the dot), with greylisted and unknown users mixed in,
                // so the kill also catches deferred retries and bounces in the journal
                String local = i % 15 == 7 ? "greylist+" + i : i % 15 == 11 ? "user-unknown+" + i : "r" + i;
                csv.append(local).append("@d").append(i % 25).append(".slow.sandbox.test,").append(i).append('\n');
            }
            Path recipients = home.resolve("recipients.csv");
            Files.writeString(recipients, csv);
            var mx = sandbox.smtpAddress();
            String route = "sandbox.test=127.0.0.1:" + mx.getPort();
            Files.writeString(home.resolve("homing.properties"), "limits.connections = 4\nretry.delays = 1s\n");

            Process first = child(home.resolve("first.log"), "send", "--home", home.toString(), "--from", "b@bounces.homing.test",
                    "--message", message.toString(), "--to", recipients.toString(), "--route", route, "--no-dns");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (sandbox.stats().messages() < RECIPIENTS / 4 && System.nanoTime() < deadline && first.isAlive()) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("still sending when killed: " + Files.readString(home.resolve("first.log"))).isTrue();
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long acceptedBeforeRestart = sandbox.stats().messages();
            assertThat(acceptedBeforeRestart).isLessThan(RECIPIENTS);

            Process second = child(home.resolve("second.log"), "run", "--home", home.toString(), "--route", route, "--no-dns");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as(Files.readString(home.resolve("second.log"))).isTrue();
            String secondLog = Files.readString(home.resolve("second.log"));
            assertThat(second.exitValue()).as(secondLog).isZero();
            assertThat(secondLog).contains("recovered from an unclean stop");

            try (Database db = Database.embedded(home);
                 Queue queue = Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard())) {
                List<DeliveryRow> rows = queue.view().deliveries(1);
                assertThat(rows).hasSize(RECIPIENTS);
                Map<DeliveryState, Long> states = rows.stream().collect(Collectors.groupingBy(DeliveryRow::state, Collectors.counting()));
                assertThat(rows).allSatisfy(r -> assertThat(r.state()).as(r.recipient())
                        .isEqualTo(r.recipient().startsWith("user-unknown") ? DeliveryState.BOUNCED : r.state())
                        .isIn(DeliveryState.DELIVERED, DeliveryState.UNCERTAIN, DeliveryState.BOUNCED));
                assertThat(rows.stream().filter(r -> r.recipient().startsWith("greylist")))
                        .as("greylisted first, delivered on a retry, across the kill").isNotEmpty()
                        .allSatisfy(r -> assertThat(r.state()).isIn(DeliveryState.DELIVERED, DeliveryState.UNCERTAIN));
                assertThat(states.get(DeliveryState.UNCERTAIN)).as("sessions were waiting after the dot when killed: " + states)
                        .isNotNull().isPositive();
                for (DeliveryRow r : rows) {
                    int times = sandbox.stats().timesAccepted(r.recipient());
                    assertThat(times).as(r.recipient() + " accepted " + times + " times, state " + r.state()).isLessThanOrEqualTo(1);
                    if (r.state() == DeliveryState.DELIVERED) {
                        assertThat(times).as(r.recipient()).isEqualTo(1);
                    } else if (r.state() == DeliveryState.BOUNCED) {
                        assertThat(times).isZero();
                        assertThat(r.reason()).isEqualTo("userunknown");
                    } else {
                        assertThat(r.code()).isIn(147, 148, 149);
                        assertThat(r.attempts()).isGreaterThanOrEqualTo(1);
                    }
                }
            }
        }
    }

}
