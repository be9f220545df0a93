package dev.homing.cluster;

import dev.homing.delivery.ClientSettings;
import dev.homing.delivery.Engine;
import dev.homing.delivery.EngineSettings;
import dev.homing.delivery.Limits;
import dev.homing.delivery.MxResolver;
import dev.homing.delivery.Routes;
import dev.homing.outcome.Judge;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.queue.Shards;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.store.Database;
import dev.homing.testing.PostgresSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shard changes hands only once the node giving it up has closed its connections to the shard's
 * domains: otherwise the next holder's sessions and the old holder's idle ones are open at once, and a
 * destination's connection limit is passed cluster-wide. Two nodes in one process on this machine's
 * PostgreSQL, their heartbeats driven by the test; connections wait 30 s for more work, so a session
 * that closes within a second closed because its shard left, not because it was idle.
 */
class HandBackTest {
    static final Duration IDLE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    PostgresSchema schema;
    Sandbox sandbox;
    final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        schema = PostgresSchema.create();
        sandbox = Sandbox.start(SandboxConfig.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        sandbox.close();
        schema.close();
    }

    /** One node: its database pool, queue, cluster membership (no heartbeat thread: {@link Cluster#beat} by hand) and engine. */
    private record Node(Queue queue, Cluster cluster, Engine engine) {
    }

    private Node node(String name, Duration ttl) throws Exception {
        Database db = schema.open();
        open.add(db);
        Queue queue = Queue.open(db, dir.resolve(name).resolve("journal"), RetrySchedule.standard());
        open.add(queue);
        Cluster cluster = new Cluster(db, queue, new Cluster.Settings(name, ttl));
        queue.cluster(cluster);
        cluster.join();
        open.add(cluster);
        EngineSettings settings = EngineSettings.defaults(name + ".homing.test").withLimits(new Limits(1, 0))
                .withClient(new ClientSettings(name + ".homing.test", dev.homing.delivery.Timeouts.rfc5321(), 100, IDLE));
        Engine engine = new Engine(queue, new MxResolver(null, Routes.none().addAll(sandbox.routes()), 25), new Judge(), settings, dev.homing.campaign.PlainComposer.plain());
        open.add(engine);
        return new Node(queue, cluster, engine);
    }

    /** A sandbox domain in one of the shards a node gives up first when a second joins (the upper half). */
    private static String domainInUpperHalf() {
        for (int i = 0; ; i++) {
            String d = "d" + i + ".accept.sandbox.test";
            if (Shards.of(d) >= Shards.COUNT / 2) {
                return d;
            }
        }
    }

    private static long send(Queue queue, String domain, String prefix, int count) {
        long message = queue.addMessage("b@homing.test", prefix, "From: a@homing.test\nTo: {{email}}\nSubject: hi\n\nhello\n");
        List<NewDelivery> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(NewDelivery.valid(prefix + i + "@" + domain, domain, null));
        }
        queue.addDeliveries(message, list);
        return message;
    }

    private String holder(int shard) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(schema.jdbcUrl(), PostgresSchema.USER, "");
             var ps = c.prepareStatement("SELECT node FROM shard_lease WHERE shard = ?")) {
            ps.setInt(1, shard);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no row)";
            }
        }
    }

    private static long waitFor(Duration atMost, BooleanSupplier done) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > atMost.toNanos()) {
                throw new AssertionError("not within " + atMost);
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aDrainedShardGoesBackOnlyAfterItsIdleConnectionClosed() throws Exception {
        String domain = domainInUpperHalf();
        int shard = Shards.of(domain);
        Node a = node("a", Duration.ofSeconds(30));
        a.cluster().beat();
        assertThat(holder(shard)).isEqualTo("a");
        long first = send(a.queue(), domain, "first", 5);
        a.engine().start();
        waitFor(Duration.ofSeconds(20), () -> a.queue().view().unfinished(first) == 0);
        // delivered, and the connection stays open for more (idle for up to 30 s)
        assertThat(sandbox.stats().concurrent(domain)).isEqualTo(1);

        Node b = node("b", Duration.ofSeconds(30));
        b.cluster().beat(); // every shard is a's: b takes none yet
        a.cluster().beat(); // two nodes now: a hands back its upper half
        assertThat(holder(shard)).as("not handed back while a's connection to %s is open", domain).isEqualTo("a");
        assertThat(holder(Shards.COUNT / 2 - 1)).as("the lower half stays a's").isEqualTo("a");

        long closedAfter = waitFor(Duration.ofSeconds(3), () -> sandbox.stats().concurrent(domain) == 0);
        assertThat(closedAfter).as("closed because its shard is leaving, long before its 30 s idle time").isLessThan(3_000);
        // the sandbox counts the session gone as it sends 221; the node's session thread finishes just after
        waitFor(Duration.ofSeconds(2), () -> a.queue().quiet(shard));
        a.cluster().beat();
        assertThat(holder(shard)).as("handed back once the connection closed").isNull();
        b.cluster().beat();
        assertThat(holder(shard)).isEqualTo("b");

        long second = send(b.queue(), domain, "second", 5);
        b.engine().start();
        waitFor(Duration.ofSeconds(20), () -> b.queue().view().unfinished(second) == 0);
        assertThat(sandbox.stats().timesAccepted("second0@" + domain)).isEqualTo(1);
        assertThat(sandbox.stats().maxConcurrent(domain)).as("one connection at a time across both nodes (limit 1)").isEqualTo(1);
    }

    @Test
    void aLapsedLeaseClosesTheNodesConnectionsBeforeOtherNodesMayTakeItsShards() throws Exception {
        String domain = domainInUpperHalf();
        Duration ttl = Duration.ofSeconds(3);
        Node a = node("a", ttl);
        // one renewal, then none: the node stops sending two thirds of a lease later by its own clock (2 s),
        // and other nodes may take its shards once the lease expired in the database (3 s)
        long renewed = System.nanoTime();
        a.cluster().beat();
        long message = send(a.queue(), domain, "first", 3);
        a.engine().start();
        waitFor(Duration.ofSeconds(2), () -> a.queue().view().unfinished(message) == 0);
        assertThat(sandbox.stats().concurrent(domain)).isEqualTo(1);

        waitFor(Duration.ofSeconds(5), () -> sandbox.stats().concurrent(domain) == 0);
        long closedAfter = (System.nanoTime() - renewed) / 1_000_000;
        assertThat(a.cluster().held()).as("the lease lapsed by the node's own clock").isEmpty();
        assertThat(closedAfter).as("the idle connection closed once the lease lapsed (2 s), before another node could take the shard (3 s)")
                .isBetween(2_000L, 3_000L);
    }
}
