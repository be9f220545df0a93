package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.outcome.Verdict;
import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QueueTest {
    @TempDir
    Path home;
    Database db;
    Queue queue;

    static final Verdict DELIVERED = new Verdict(Disposition.DELIVERED, Reason.DELIVERED, false, Responsibility.NONE, false, "ok", dev.homing.outcome.Evidence.VOCABULARY);
    static final Verdict RETRY = new Verdict(Disposition.RETRY, Reason.GREYLISTING, false, Responsibility.REMOTE_POLICY, false, "later", dev.homing.outcome.Evidence.VOCABULARY);
    static final Verdict FAILED = new Verdict(Disposition.FAILED, Reason.USERUNKNOWN, true, Responsibility.RECIPIENT, false, "gone", dev.homing.outcome.Evidence.VOCABULARY);

    /** The database under test: the embedded default here; {@link PostgresQueueTest} runs the same tests on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    protected void dropDatabase() {
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        queue = Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard());
        queue.recover();
    }

    @AfterEach
    void close() {
        queue.close();
        db.close();
        dropDatabase();
    }

    private void reopen() {
        queue.close();
        queue = Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard());
    }

    private long enqueue(String... recipients) {
        long m = queue.addMessage("from@example.com", "t", "Subject: hi\n\nbody\n");
        queue.addDeliveries(m, java.util.Arrays.stream(recipients)
                .map(r -> NewDelivery.valid(r, r.substring(r.indexOf('@') + 1), null)).toList());
        return m;
    }

    private static Attempt attempt(Stage stage, Reply reply) {
        return new Attempt(Instant.now(), "mx.example.com", "127.0.0.1", stage, reply, 3, 5, "rcpt " + reply);
    }

    @Test
    void oneJournalServesOneProcessAtATime() {
        // a second queue on the same journal would replay and resend what the first has in flight
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Queue.open(db, home.resolve("data/journal"), RetrySchedule.standard()))
                .isInstanceOf(JournalInUse.class).hasMessageContaining("another Homing process is delivering from");
        reopen(); // released on close, taken again
    }

    @Test
    void settlesIntoFinalStatesWithTheAttemptKept() throws Exception {
        long m = enqueue("a@x.test", "b@x.test", "c@y.test");
        List<Delivery> claimed = queue.claim(10, Set.of());
        assertThat(claimed).hasSize(3);
        assertThat(queue.claim(10, Set.of())).as("claimed deliveries are not claimed twice").isEmpty();
        queue.settle(claimed.get(0), attempt(Stage.DOT, Reply.of(250, "2.0.0 Ok: queued as X")), DELIVERED);
        queue.settle(claimed.get(1), attempt(Stage.RCPT, Reply.of(550, "5.1.1 user unknown")), FAILED);
        Settlement s = queue.settle(claimed.get(2), attempt(Stage.RCPT, Reply.of(450, "4.2.0 Greylisted")), RETRY);
        assertThat(s.state()).isEqualTo(DeliveryState.DEFERRED);
        assertThat(s.nextAttempt()).isAfter(Instant.now().plusSeconds(40)).isBefore(Instant.now().plusSeconds(80));
        queue.flush();
        assertThat(queue.view().countByState(m)).containsExactlyInAnyOrderEntriesOf(Map.of(
                DeliveryState.DELIVERED, 1L, DeliveryState.BOUNCED, 1L, DeliveryState.DEFERRED, 1L));
        assertThat(queue.claim(10, Set.of())).as("deferred is not due yet").isEmpty();
        try (var c = db.connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT stage, code, enhanced, reply, reason, transcript FROM attempt ORDER BY delivery_id, attempt_no")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("dot");
            assertThat(rs.getInt(2)).isEqualTo(250);
            assertThat(rs.getString(3)).isEqualTo("2.0.0");
            assertThat(rs.getString(4)).contains("queued as X");
            assertThat(rs.getString(5)).isEqualTo("delivered");
            assertThat(rs.getString(6)).startsWith("rcpt 250");
        }
    }

    @Test
    void retryPastMaximumAgeExpiresKeepingTheLastReason() {
        queue.close();
        queue = Queue.open(db, home.resolve("data/journal"), new RetrySchedule(List.of(Duration.ofMinutes(1)), 0, Duration.ofSeconds(30)));
        long m = enqueue("a@x.test");
        Delivery d = queue.claim(1, Set.of()).get(0);
        Settlement s = queue.settle(d, attempt(Stage.RCPT, Reply.of(452, "4.2.2 mailbox full")),
                new Verdict(Disposition.RETRY, Reason.MAILBOXFULL, false, Responsibility.RECIPIENT, false, "full", dev.homing.outcome.Evidence.VOCABULARY));
        assertThat(s.state()).isEqualTo(DeliveryState.EXPIRED);
        queue.flush();
        assertThat(queue.view().summary(m)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.EXPIRED);
            assertThat(r.reason()).isEqualTo("mailboxfull");
            assertThat(r.code()).isEqualTo(452);
        });
    }

    @Test
    void recoveryMakesDotWithoutReplyUncertainRequeuesTheRestAndReplaysJournaledOutcomes() throws Exception {
        long m = enqueue("dot@x.test", "plain@x.test", "journaled@x.test", "done@x.test");
        List<Delivery> claimed = queue.claim(10, Set.of());
        Map<String, Delivery> byRcpt = new java.util.HashMap<>();
        claimed.forEach(d -> byRcpt.put(d.recipient(), d));
        queue.settle(byRcpt.get("done@x.test"), attempt(Stage.DOT, Reply.of(250, "ok")), DELIVERED);
        queue.flush();
        queue.beforeDot(byRcpt.get("dot@x.test"));
        queue.beforeDot(byRcpt.get("journaled@x.test"));
        // a settlement that reached the journal but, as in a crash, not the database:
        Settlement lost = new Settlement(byRcpt.get("journaled@x.test").id(), "x.test", 1, DeliveryState.DELIVERED, Instant.now(),
                Disposition.DELIVERED, Reason.DELIVERED, attempt(Stage.DOT, Reply.of(250, "2.0.0 accepted before the crash")));
        Path journalDir = home.resolve("data/journal");
        try (var stream = Files.list(journalDir)) {
            Path seg = stream.filter(p -> p.toString().endsWith(".log")).sorted().reduce((a, b) -> b).orElseThrow();
            Thread.sleep(50);
            Files.writeString(seg, JournalCodec.settlement(lost) + "S\ttorn line without its end",
                    java.nio.file.StandardOpenOption.APPEND);
        }
        reopen();
        RecoveryReport report = queue.recover();
        assertThat(report).isEqualTo(new RecoveryReport(1, 1, 1));
        assertThat(queue.view().countByState(m)).containsExactlyInAnyOrderEntriesOf(Map.of(
                DeliveryState.DELIVERED, 2L, DeliveryState.UNCERTAIN, 1L, DeliveryState.QUEUED, 1L));
        assertThat(queue.view().summary(m)).anySatisfy(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.UNCERTAIN);
            assertThat(r.code()).isEqualTo(InternalCode.STOPPED_AFTER_DOT.code());
        });
        List<Delivery> again = queue.claim(10, Set.of());
        assertThat(again).extracting(Delivery::recipient).containsExactly("plain@x.test");
        reopen();
        assertThat(queue.recover().requeued()).as("a second recovery changes nothing it already fixed but the new claim").isEqualTo(1);
        try (var c = db.connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM attempt")) {
            rs.next();
            assertThat(rs.getInt(1)).as("done + journaled + uncertain, each once").isEqualTo(3);
        }
    }

    @Test
    void checkpointDropsCoveredSegmentsButCarriesOpenDots() throws Exception {
        long m = enqueue("a@x.test", "b@x.test");
        List<Delivery> claimed = queue.claim(10, Set.of());
        queue.beforeDot(claimed.get(0));
        queue.settle(claimed.get(0), attempt(Stage.DOT, Reply.of(250, "ok")), DELIVERED);
        java.time.Instant dotAt = java.time.Instant.now();
        queue.beforeDot(claimed.get(1), "mx1.x.test", "192.0.2.25"); // still waiting for its reply
        queue.checkpoint();
        try (var stream = Files.list(home.resolve("data/journal"))) {
            List<Path> segs = stream.toList();
            assertThat(segs).hasSize(1);
            // the open dot is carried with when and where it went
            assertThat(Files.readString(segs.get(0))).matches("D\t" + claimed.get(1).id() + "\t\\d+\tmx1\\.x\\.test\t192\\.0\\.2\\.25\n");
        }
        reopen();
        Thread.sleep(400); // the recovery comes later than the dot
        assertThat(queue.recover().uncertain()).isEqualTo(1);
        queue.flush();
        try (var c = db.connection(); var ps = c.prepareStatement("SELECT mx_host, mx_ip, started_at, code FROM attempt WHERE delivery_id = ?")) {
            ps.setLong(1, claimed.get(1).id());
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("mx1.x.test");
                assertThat(rs.getString(2)).isEqualTo("192.0.2.25");
                assertThat(rs.getTimestamp(3).toInstant()).as("the dot's time, not the recovery's")
                        .isBetween(dotAt.minusMillis(5), dotAt.plusMillis(300));
                assertThat(rs.getInt(4)).isEqualTo(149);
            }
        }
        assertThat(queue.view().countByState(m)).containsEntry(DeliveryState.UNCERTAIN, 1L).containsEntry(DeliveryState.DELIVERED, 1L);
        assertThat(queue.requeueUncertain()).isEqualTo(1);
        assertThat(queue.claim(10, Set.of())).extracting(Delivery::id).containsExactly(claimed.get(1).id());
    }

    @Test
    void invalidAddressesAreRecordedBouncedWithTheirSource() throws Exception {
        long m = queue.addMessage("f@example.com", "t", "x");
        queue.addDeliveries(m, List.of(new NewDelivery("bad@@x", "x", null, "not a valid address", "list.csv:7"),
                NewDelivery.valid("ok@x.test", "x.test", "{\"name\":\"A\"}")));
        assertThat(queue.view().countByState(m)).containsEntry(DeliveryState.BOUNCED, 1L).containsEntry(DeliveryState.QUEUED, 1L);
        assertThat(queue.view().summary(m)).anySatisfy(r -> {
            assertThat(r.reason()).isEqualTo("invalidaddress");
            assertThat(r.code()).isEqualTo(191);
            assertThat(r.example()).contains("not a valid address");
        });
        assertThat(queue.claim(10, Set.of())).extracting(Delivery::vars).containsExactly("{\"name\":\"A\"}");
        assertThat(queue.view().inputFailures(m, 10)).containsExactly(new QueueView.InputFailure("list.csv:7", "bad@@x", 191,
                "5.1.3 the recipient address is not a valid email address (not a valid address)"));
    }

    @Test
    void aDeliveryKeepsTheShardItsServiceGaveItThroughRetriesReleasesAndRecovery() throws Exception {
        // a rollup that reads MX records decides once, at enqueue; later steps must not regroup by name
        queue.rollup(domain -> domain.equals("shop.test") ? "google" : "yahoo");
        int google = Shards.ofKey("google");
        int yahoo = Shards.ofKey("yahoo");
        assertThat(google).isNotEqualTo(Shards.of("shop.test"));
        assertThat(yahoo).isNotEqualTo(Shards.of("other.test"));
        enqueue("a@shop.test", "b@shop.test", "c@other.test");
        Map<String, Delivery> byRcpt = new java.util.HashMap<>();
        queue.claim(10, Set.of()).forEach(d -> byRcpt.put(d.recipient(), d));
        assertThat(byRcpt.get("a@shop.test").shard()).isEqualTo(google);
        assertThat(byRcpt.get("c@other.test").shard()).isEqualTo(yahoo);
        queue.settle(byRcpt.get("a@shop.test"), attempt(Stage.RCPT, Reply.of(452, "4.2.2 mailbox full")),
                new Verdict(Disposition.RETRY, Reason.MAILBOXFULL, false, Responsibility.RECIPIENT, false, "full", dev.homing.outcome.Evidence.VOCABULARY));
        queue.release(List.of(byRcpt.get("b@shop.test")));
        queue.flush();
        try (var c = db.connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT d.recipient, d.shard, u.shard FROM delivery d JOIN due u ON u.delivery_id = d.id")) {
            Map<String, List<Integer>> shards = new java.util.TreeMap<>();
            while (rs.next()) {
                shards.put(rs.getString(1), List.of(rs.getInt(2), rs.getInt(3)));
            }
            assertThat(shards).as("the retry and the released one back on the work list in Google's shard")
                    .containsEntry("a@shop.test", List.of(google, google))
                    .containsEntry("b@shop.test", List.of(google, google));
        }
        // recovery after a crash puts an open claim back in the shard it was queued in
        reopen();
        queue.rollup(Rollup.byName());
        queue.recover();
        try (var c = db.connection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT u.shard FROM due u JOIN delivery d ON d.id = u.delivery_id WHERE d.recipient = 'c@other.test'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(yahoo);
        }
    }

    @Test
    void claimSkipsSaturatedDomains() {
        enqueue("a@busy.test", "b@busy.test", "c@calm.test");
        assertThat(queue.claim(10, Set.of("busy.test"))).extracting(Delivery::domain).containsExactly("calm.test");
    }

    @Test
    void journalCodecRoundTripsAwkwardText() {
        Attempt a = new Attempt(Instant.ofEpochMilli(1234), null, "::1", Stage.RCPT,
                new Reply(550, null, List.of("line\tone \\ back", "line two")), -1, 9, "rcpt 550\nsecond\r\n");
        Settlement s = new Settlement(42, "x.test", 3, DeliveryState.BOUNCED, Instant.ofEpochMilli(99), Disposition.FAILED, Reason.USERUNKNOWN, a);
        String line = JournalCodec.settlement(s);
        assertThat(line).endsWith("\n").doesNotContain("\r").satisfies(l -> assertThat(l.indexOf('\n')).isEqualTo(l.length() - 1));
        JournalCodec.Entry e = JournalCodec.parse(line.substring(0, line.length() - 1));
        assertThat(e.settlement()).isEqualTo(s);
    }

    // the queue's public methods that the larger tests reach only through other packages (issue 19): each its own test

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
