package dev.homing.queue;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's public methods that the larger tests reach only through other packages (issue 19: each gets a test
 * of its own): the stored message, late events after a 250, holds, the unclustered shard answers, forgetting a
 * copy of an ended tenure, and the suppression rules' bookkeeping of judged messages.
 */
class QueueSurfaceTest {
    @TempDir
    Path home;
    Database db;
    Queue queue;

    @BeforeEach
    void open() {
        db = Database.embedded(home);
        queue = Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard());
        queue.recover();
    }

    @AfterEach
    void close() {
        queue.close();
        db.close();
    }

    private long enqueue(String... recipients) {
        long m = queue.addMessage("from@example.com", "t", "Subject: hi\n\nbody\n");
        queue.addDeliveries(m, java.util.Arrays.stream(recipients)
                .map(r -> NewDelivery.valid(r, r.substring(r.indexOf('@') + 1), null)).toList());
        return m;
    }

    private Delivery delivered() {
        Delivery d = queue.claim(1, Set.of()).getFirst();
        queue.settle(d, new Attempt(Instant.now(), "mx.example.com", "127.0.0.1", Stage.DOT, Reply.of(250, "2.0.0 Ok"), 3, 5, "dot"),
                QueueTest.DELIVERED);
        queue.flush();
        return d;
    }

    @Test
    void theStoredMessageIsItsEnvelopeSenderAndTemplate() {
        long m = enqueue("a@example.com");
        Optional<String[]> stored = queue.message(m);
        assertThat(stored).isPresent();
        assertThat(stored.get()[0]).isEqualTo("from@example.com");
        assertThat(stored.get()[1]).contains("Subject: hi");
        assertThat(queue.message(m + 1000)).isEmpty();
    }

    @Test
    void aLateBounceTurnsAcceptedIntoBouncedAndADelayNoticeChangesNothing() {
        enqueue("a@example.com");
        Delivery d = delivered();
        Rejudged delay = queue.recordLate(d.id(), new LateEvent(LateEvent.Kind.DELAY, "4.4.7", null, "expired", "still trying", null))
                .orElseThrow();
        assertThat(delay.changed()).isFalse();
        assertThat(delay.after()).isEqualTo(DeliveryState.DELIVERED);
        Rejudged bounce = queue.recordLate(d.id(), new LateEvent(LateEvent.Kind.BOUNCE, "5.1.1", 550, "userunknown", "no such user", null))
                .orElseThrow();
        assertThat(bounce.before()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(bounce.after()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(queue.view().delivery(d.id()).orElseThrow().state()).isEqualTo(DeliveryState.BOUNCED);
        assertThat(queue.recordLate(d.id() + 1000, new LateEvent(LateEvent.Kind.BOUNCE, null, null, "userunknown", null, null)))
                .as("an unknown delivery").isEmpty();
    }

    @Test
    void aHeldMessageIsNotClaimedUntilReleased() {
        long m = enqueue("a@example.com", "b@example.com");
        queue.hold(m, true);
        assertThat(queue.heldMessages()).containsExactly(m);
        assertThat(queue.claim(10, Set.of(), queue.heldMessages())).as("claims skip held messages").isEmpty();
        Queue.hold(db, m, false);
        assertThat(queue.heldMessages()).isEmpty();
        assertThat(queue.claim(10, Set.of(), queue.heldMessages())).hasSize(2);
    }

    @Test
    void anUnclusteredNodeHoldsAndClaimsEveryShard() {
        assertThat(queue.holds(0)).isTrue();
        assertThat(queue.claims(Shards.COUNT - 1)).isTrue();
        assertThat(queue.claimable()).hasSize(Shards.COUNT);
        assertThat(queue.schedule()).isNotNull();
    }

    @Test
    void aForgottenCopyIsNeitherSettledNorLost() {
        long m = enqueue("a@example.com");
        Delivery d = queue.claim(1, Set.of()).getFirst();
        queue.forget(d);
        queue.flush();
        // nothing was written for it: the work list still has it, still open
        assertThat(queue.view().unfinished(m)).isEqualTo(1);
    }

    @Test
    void aFinishedMessageIsJudgedOnce() {
        long m = enqueue("a@example.com");
        delivered();
        assertThat(queue.unjudgedMessages()).contains(m);
        queue.markJudged(m);
        assertThat(queue.unjudgedMessages()).doesNotContain(m);
    }
}
