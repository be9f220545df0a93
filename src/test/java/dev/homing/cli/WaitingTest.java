package dev.homing.cli;

import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following a send beside a node: when the process holding the home delivers nothing (an inbound server alone), the
 * command stops following after the bound and says so, instead of waiting forever; the deliveries stay queued.
 */
class WaitingTest {
    @TempDir
    Path home;

    @Test
    void nothingAttemptedStopsTheFollowingWithAClearLine() {
        try (Database db = Database.embedded(home); Queue queue = Queue.submitting(db, RetrySchedule.standard())) {
            long m = queue.addMessage("a@homing.test", "t", "Subject: hi\n\nbody\n");
            queue.addDeliveries(m, List.of(NewDelivery.valid("x@example.org", "example.org", null),
                    NewDelivery.valid("y@example.org", "example.org", null)));
            PrintStream was = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            long open;
            try {
                open = Waiting.beside(queue.view(), m, Duration.ZERO, Duration.ofSeconds(2));
            } finally {
                System.setErr(was);
            }
            assertThat(open).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("no delivery of it was attempted in 2 s")
                    .contains("they stay queued");
            assertThat(queue.view().unfinished(m)).as("nothing lost").isEqualTo(2);
        }
    }
}
