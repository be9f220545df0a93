package dev.homing.delivery;

import dev.homing.outcome.Judge;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.queue.Rollup;
import dev.homing.queue.Shards;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.sandbox.SandboxStats;
import dev.homing.store.Database;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Domains one service hosts share one throttle: two company domains whose MX records name Google's
 * servers get, together, no more sessions than the limit of one destination, and are queued in
 * Google's shard (so one node of a cluster sends to all of Google). Two domains with MX hosts of
 * their own get the limit each. The MX records come from a DNS server on loopback; the mail goes to
 * the sandbox by route, which counts the sessions open at once.
 */
class ServicePoolTest {
    static final int LIMIT = 2;
    static final int PER_DOMAIN = 40;
    static FakeDns dns;
    static ProviderDetector providers;

    @TempDir
    Path home;

    @BeforeAll
    static void zone() throws Exception {
        dns = new FakeDns()
                .add("shop-a.slow.sandbox.test. 300 IN MX 1 aspmx.l.google.com.")
                .add("shop-b.slow.sandbox.test. 300 IN MX 5 alt1.aspmx.l.google.com.")
                .add("own-c.slow.sandbox.test. 300 IN MX 10 mx.own-c.slow.sandbox.test.")
                .add("own-d.slow.sandbox.test. 300 IN MX 10 mx.own-d.slow.sandbox.test.");
        providers = new ProviderDetector(dns.resolver(), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private record Run(SandboxStats stats, Map<String, Integer> shards, List<DeliveryState> states) {
    }

    private Run send(Path dir, List<String> domains) throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withSlowReply(Duration.ofMillis(60)));
             Database db = Database.embedded(dir);
             Queue queue = Queue.open(db, dir.resolve("data/journal"), RetrySchedule.standard())) {
            queue.recover();
            queue.rollup(providers::service);
            long message = queue.addMessage("b@homing.test", "pools", "From: a@homing.test\nTo: {{email}}\nSubject: hi\n\nhello\n");
            List<NewDelivery> list = new ArrayList<>();
            for (int i = 0; i < PER_DOMAIN; i++) {
                for (String d : domains) {
                    list.add(NewDelivery.valid("r" + i + "@" + d, d, null));
                }
            }
            queue.addDeliveries(message, list);
            EngineSettings settings = EngineSettings.defaults("pools.homing.test").withLimits(new Limits(LIMIT, 0));
            try (Engine engine = new Engine(queue, new MxResolver(null, Routes.none().addAll(sandbox.routes()), 25), new Judge(), settings, dev.homing.campaign.PlainComposer.plain())) {
                engine.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (queue.view().unfinished(message) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            }
            queue.flush();
            Map<String, Integer> shards = new TreeMap<>();
            try (var c = db.connection(); var ps = c.prepareStatement("SELECT DISTINCT domain, shard FROM delivery WHERE message_id = ?")) {
                ps.setLong(1, message);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        shards.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return new Run(sandbox.stats(), shards, queue.view().deliveries(message).stream().map(r -> r.state()).toList());
        }
    }

    @Test
    void domainsHostedByOneServiceShareItsLimitAndShard() throws Exception {
        Run run = send(home, List.of("shop-a.slow.sandbox.test", "shop-b.slow.sandbox.test"));
        assertThat(run.states()).hasSize(2 * PER_DOMAIN).containsOnly(DeliveryState.DELIVERED);
        assertThat(run.stats().maxConcurrentSessions())
                .as("both domains are Google's: together never more than one destination's %d sessions", LIMIT)
                .isEqualTo(LIMIT);
        assertThat(run.shards()).as("queued in Google's shard, with gmail.com")
                .containsOnly(Map.entry("shop-a.slow.sandbox.test", Shards.ofKey("google")),
                        Map.entry("shop-b.slow.sandbox.test", Shards.ofKey("google")));
        assertThat(Shards.ofKey("google")).isEqualTo(Shards.of("gmail.com"));
    }

    @Test
    void domainsWithTheirOwnServersHaveALimitEach() throws Exception {
        Run run = send(home, List.of("own-c.slow.sandbox.test", "own-d.slow.sandbox.test"));
        assertThat(run.states()).hasSize(2 * PER_DOMAIN).containsOnly(DeliveryState.DELIVERED);
        assertThat(run.stats().maxConcurrent("own-c.slow.sandbox.test")).isEqualTo(LIMIT);
        assertThat(run.stats().maxConcurrent("own-d.slow.sandbox.test")).isEqualTo(LIMIT);
        assertThat(run.stats().maxConcurrentSessions()).as("a limit each: more than one destination's sessions at once")
                .isGreaterThan(LIMIT);
        assertThat(run.shards()).containsOnly(Map.entry("own-c.slow.sandbox.test", Shards.ofKey("own-c.slow.sandbox.test")),
                Map.entry("own-d.slow.sandbox.test", Shards.ofKey("own-d.slow.sandbox.test")));
    }

    @Test
    void byNameOnlyGoogleCompanyDomainsAreOnTheirOwn() {
        Rollup byName = Rollup.byName();
        assertThat(byName.keyOf("GoogleMail.com")).isEqualTo("google");
        assertThat(byName.keyOf("shop-a.slow.sandbox.test")).isEqualTo("shop-a.slow.sandbox.test");
        assertThat(providers.service("shop-a.slow.sandbox.test")).isEqualTo("google");
    }
}
