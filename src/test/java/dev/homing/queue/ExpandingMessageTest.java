package dev.homing.queue;

import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A campaign's deliveries arrive in batches while the first ones may already be final: until the last batch is in, the
 * message is neither finished for the suppression judgement nor done (a node's finisher once judged and marked a web
 * campaign sent after its first batches).
 */
class ExpandingMessageTest {
    @TempDir
    Path home;

    @Test
    void aMessageStillExpandingIsNotFinished() {
        try (Database db = Database.embedded(home);
             Queue queue = Queue.open(db, home.resolve("data/journal"), new RetrySchedule(List.of(Duration.ofMinutes(1)), 0, Duration.ofHours(1)))) {
            long m = queue.addMessage("b@bounces.homing.test", "campaign x", "x", true);
            // the first batch: every delivery of it final at once (suppressed addresses are recorded as such)
            queue.addDeliveries(m, List.of(NewDelivery.valid("a@x.example", "x.example", null).suppressedBecause("suppressed (test)")));
            assertThat(queue.view().unfinished(m)).isZero();
            assertThat(queue.expanding(m)).isTrue();
            assertThat(queue.unjudgedMessages()).as("half a list is not judged").doesNotContain(m);
            queue.expanding(m, false);
            assertThat(queue.expanding(m)).isFalse();
            assertThat(queue.unjudgedMessages()).contains(m);
            // a message added whole (send, the API's transactional mail) is complete from the start
            long whole = queue.addMessage("b@bounces.homing.test", "send", "x");
            assertThat(queue.expanding(whole)).isFalse();
        }
    }
}
