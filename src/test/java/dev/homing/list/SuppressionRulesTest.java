package dev.homing.list;

import dev.homing.outcome.Judge;
import dev.homing.outcome.Verdict;
import dev.homing.queue.Attempt;
import dev.homing.queue.Delivery;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suppression rules read the reason's own facts and what decided it: the judge never relabels a reason to be careful,
 * so the caution about weak evidence (a refusal at RCPT with no words) lives here. On the real queue and database.
 */
class SuppressionRulesTest {
    @TempDir
    Path home;
    Database db;
    Queue queue;
    Suppressions suppressions;
    SuppressionRules rules;
    final Judge judge = new Judge();

    @BeforeEach
    void open() {
        db = Database.embedded(home);
        queue = Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard());
        queue.recover();
        suppressions = new Suppressions(db);
        rules = new SuppressionRules(suppressions, SuppressionRules.Settings.defaults());
    }

    @AfterEach
    void close() {
        queue.close();
        db.close();
    }

    /** One message to these recipients, each refused at RCPT with the reply given, judged by the real judge. */
    private void campaign(Map<String, String> replies) {
        long m = queue.addMessage("from@example.com", "t", "Subject: hi\n\nbody\n");
        queue.addDeliveries(m, replies.keySet().stream().map(r -> NewDelivery.valid(r, r.substring(r.indexOf('@') + 1), null)).toList());
        for (Delivery d : queue.claim(100, Set.of())) {
            Reply reply = Reply.of(550, replies.get(d.recipient()));
            Verdict v = judge.judge(Stage.RCPT, reply);
            queue.settle(d, new Attempt(Instant.now(), "mx.example.com", "127.0.0.1", Stage.RCPT, reply, 3, 5, "rcpt " + reply), v);
        }
        queue.flush();
        rules.judge(queue, m);
    }

    private Map<String, String> statuses() {
        return suppressions.list(null).stream().filter(s -> s.listId() == 0).collect(Collectors.toMap(Suppression::emailKey, Suppression::status));
    }

    @Test
    void aRefusalThatGivesNoReasonIsKeptUntilItRepeatsWhileAWordedOneSuppresses() {
        campaign(Map.of(
                "vague@a.example", "Rejected",                          // only the command says it is the address: weak
                "named@b.example", "5.1.1 <named@b.example>: User unknown", // the words say so: firm
                "full@c.example", "5.2.2 Mailbox full"));                // soft: counts toward the limit, not suppressed once
        assertThat(statuses()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "vague@a.example", Suppression.SUSPECTED,
                "named@b.example", Suppression.ACTIVE));
        assertThat(suppressions.list(null).stream().filter(s -> s.emailKey().equals("vague@a.example")).findFirst().orElseThrow().source())
                .contains("weak evidence");

        campaign(Map.of("vague@a.example", "Rejected"));
        assertThat(statuses()).containsEntry("vague@a.example", Suppression.ACTIVE);
    }

    @Test
    void hardAndSoftComeFromTheReasonsOwnFacts() {
        assertThat(SuppressionRules.hard("userunknown")).isTrue();
        assertThat(SuppressionRules.hard("notaccept")).isTrue();
        assertThat(SuppressionRules.hard("invalidaddress")).as("never reached a server").isFalse();
        assertThat(SuppressionRules.hard("filtered")).isFalse();
        assertThat(SuppressionRules.soft("mailboxfull")).isTrue();
        assertThat(SuppressionRules.soft("suspend")).isTrue();
        assertThat(SuppressionRules.soft("feedback")).as("a complaint suppresses on its own path").isFalse();
        assertThat(SuppressionRules.soft("blocked")).isFalse();
        assertThat(SuppressionRules.hard("no-such-reason")).isFalse();
    }
}
