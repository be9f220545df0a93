package dev.homing.queue;

import dev.homing.outcome.Disposition;
import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.outcome.Verdict;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import dev.homing.store.Database;
import dev.homing.testing.PostgresTwin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue of a clustered node on this machine's PostgreSQL, with leases set by the test: a claim takes only
 * from shards the database says this node leases, and a copy claimed before the node lost a shard is never
 * sent, never put back on the work list, and does not disturb the copy claimed after the node took it back.
 */
class ClusteredClaimTest {
    static final Verdict DELIVERED = new Verdict(Disposition.DELIVERED, Reason.DELIVERED, false, Responsibility.NONE, false, "ok", dev.homing.outcome.Evidence.VOCABULARY);

    @TempDir
    Path home;
    final PostgresTwin pg = new PostgresTwin();
    Database db;
    Queue queue;
    final Tenures leases = new Tenures();

    /** What the node believes it holds: shard -> tenure. */
    static final class Tenures implements Leases {
        final Map<Integer, Long> tenures = new ConcurrentHashMap<>();

        @Override
        public String node() {
            return "a";
        }

        @Override
        public Set<Integer> held() {
            return Set.copyOf(tenures.keySet());
        }

        @Override
        public long tenure(int shard) {
            return tenures.getOrDefault(shard, 0L);
        }
    }

    @BeforeEach
    void open() throws Exception {
        db = pg.open();
        queue = Queue.open(db, home.resolve("journal"), RetrySchedule.standard());
        queue.cluster(leases);
        for (int s = 0; s < Shards.COUNT; s++) {
            leases.tenures.put(s, 1L);
            sql("INSERT INTO shard_lease (shard, node, expires_at) VALUES (?, 'a', CURRENT_TIMESTAMP + INTERVAL '1 minute')", s);
        }
    }

    @AfterEach
    void close() {
        queue.close();
        db.close();
        pg.drop();
    }

    private int sql(String statement, Object... args) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(query); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void enqueue(String... recipients) {
        long m = queue.addMessage("from@homing.test", "t", "Subject: hi\n\nbody\n");
        queue.addDeliveries(m, java.util.Arrays.stream(recipients)
                .map(r -> NewDelivery.valid(r, r.substring(r.indexOf('@') + 1), null)).toList());
    }

    private static Attempt accepted() {
        return new Attempt(Instant.now(), "mx.homing.test", "127.0.0.1", Stage.DOT, Reply.of(250, "ok"), 1, 2, "dot 250 ok");
    }

    /** Two domains in different shards. */
    private static String[] twoShards() {
        String first = "x0.test";
        for (int i = 1; ; i++) {
            String other = "x" + i + ".test";
            if (Shards.of(other) != Shards.of(first)) {
                return new String[] {first, other};
            }
        }
    }

    @Test
    void aClaimTakesOnlyFromShardsTheDatabaseLeasesToThisNode() throws Exception {
        String[] d = twoShards();
        enqueue("r1@" + d[0], "r2@" + d[1]);
        // the node still believes it holds both shards, but the first one's lease is another node's now
        sql("UPDATE shard_lease SET node = 'b' WHERE shard = ?", Shards.of(d[0]));
        List<Delivery> claimed = queue.claim(10, List.of());
        assertThat(claimed).extracting(Delivery::recipient).containsExactly("r2@" + d[1]);
        assertThat(claimed.get(0).tenure()).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM due")).as("the other shard's delivery waits for its holder").isEqualTo(1);
    }

    @Test
    void aShardThisNodeHasNotBegunATenureOfIsNotClaimed() throws Exception {
        String[] d = twoShards();
        enqueue("r1@" + d[0], "r2@" + d[1]);
        leases.tenures.put(Shards.of(d[0]), 0L); // leased, not yet recovered
        assertThat(queue.claim(10, List.of())).extracting(Delivery::recipient).containsExactly("r2@" + d[1]);
    }

    @Test
    void aCopyFromAnEndedTenureIsNeverSentNorPutBack() throws Exception {
        String domain = twoShards()[0];
        int shard = Shards.of(domain);
        enqueue("r1@" + domain, "r2@" + domain);
        List<Delivery> old = queue.claim(10, List.of());
        assertThat(old).hasSize(2).allSatisfy(c -> assertThat(queue.current(c)).isTrue());

        // the node lost the shard and took it back: a new tenure, whose recovery puts both back on the work list
        leases.tenures.put(shard, 2L);
        RecoveryReport r = queue.recoverShard(shard);
        assertThat(r.requeued()).isEqualTo(2);
        List<Delivery> fresh = queue.claim(10, List.of());
        assertThat(fresh).hasSize(2).allSatisfy(c -> assertThat(c.tenure()).isEqualTo(2));

        Delivery stale = old.get(0);
        assertThat(queue.current(stale)).isFalse();
        assertThatThrownBy(() -> queue.beforeDot(stale)).isInstanceOf(QueueException.class).hasMessageContaining("no longer holds its shard");
        assertThat(queue.notOurs(stale.id())).isTrue();
        queue.giveBack(stale);
        queue.release(List.of(old.get(1)));
        assertThat(count("SELECT COUNT(*) FROM due")).as("nothing put back: the new copies are in flight").isZero();
        assertThat(queue.inFlight(shard)).as("the new copies' claims are untouched").isEqualTo(2);

        Delivery again = fresh.stream().filter(f -> f.id() == stale.id()).findFirst().orElseThrow();
        queue.beforeDot(again);
        queue.settle(again, accepted(), DELIVERED);
        queue.flush();
        assertThat(count("SELECT COUNT(*) FROM delivery WHERE state = 'delivered'")).isEqualTo(1);
        assertThat(queue.inFlight(shard)).isEqualTo(1);
    }

    @Test
    void aShardIsQuietOnlyWithNothingClaimedAndNoConnectionOpen() {
        String domain = twoShards()[0];
        int shard = Shards.of(domain);
        enqueue("r1@" + domain);
        assertThat(queue.quiet(shard)).isTrue();
        Delivery d = queue.claim(10, List.of()).get(0);
        assertThat(queue.quiet(shard)).isFalse();
        queue.sessionOpened(shard);
        queue.beforeDot(d);
        queue.settle(d, accepted(), DELIVERED);
        assertThat(queue.quiet(shard)).as("settled, but a connection is still open").isFalse();
        queue.sessionClosed(shard);
        assertThat(queue.quiet(shard)).isTrue();
    }
}
