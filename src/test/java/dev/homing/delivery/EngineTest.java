package dev.homing.delivery;

import dev.homing.outcome.Judge;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.sandbox.Behaviour;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.smtp.InternalCode;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole engine against the sandbox over real sockets: every behaviour ends in the state,
 * reason and code a sender should see, with compressed timeouts and retries.
 */
class EngineTest {
    @TempDir
    static Path home;
    static Sandbox sandbox;
    static Sandbox bounceInbox;
    static Database db;
    static Queue queue;
    static Engine engine;
    static long messageId;
    static Map<String, DeliveryRow> rows;

    static final String FROM = "bounces@inbox.sandbox.test";

    @BeforeAll
    static void run() throws Exception {
        bounceInbox = Sandbox.start(SandboxConfig.defaults());
        var inboxAddress = bounceInbox.smtpAddress();
        sandbox = Sandbox.start(SandboxConfig.defaults().withGreylistDelay(Duration.ofMillis(800))
                .withLateBounceDelay(Duration.ofMillis(300)).withHangDuration(Duration.ofSeconds(20))
                .withDsnRelay(domain -> inboxAddress));
        db = Database.embedded(home);
        queue = Queue.open(db, home.resolve("data/journal"),
                new RetrySchedule(List.of(Duration.ofMillis(400), Duration.ofMillis(800)), 0.1, Duration.ofSeconds(6)));
        queue.recover();
        Routes routes = Routes.none().addAll(sandbox.routes());
        EngineSettings settings = EngineSettings.defaults("engine.homing.test")
                .withClient(new ClientSettings("engine.homing.test", Timeouts.all(Duration.ofMillis(1500)), 100, Duration.ofMillis(300)))
                .withLimits(new Limits(8, 0));
        engine = new Engine(queue, new MxResolver(null, routes, 25), new Judge(), settings, dev.homing.campaign.PlainComposer.plain());
        messageId = queue.addMessage(FROM, "engine-test", "From: a@homing.test\nTo: {{email}}\nSubject: Hi {{name|you}}\n\nHello {{name|you}}\n");
        List<NewDelivery> list = new ArrayList<>();
        for (Behaviour b : Behaviour.values()) {
            list.add(NewDelivery.valid("one@" + b.domain(), b.domain(), "{\"name\":\"Ada\"}"));
        }
        for (int i = 0; i < 40; i++) {
            list.add(NewDelivery.valid("many" + i + "@" + Behaviour.DEFER.domain(), Behaviour.DEFER.domain(), null));
        }
        for (int i = 0; i < 30; i++) {
            String d = "d" + (i % 3) + "." + Behaviour.ACCEPT.domain();
            list.add(NewDelivery.valid("bulk" + i + "@" + d, d, null));
        }
        list.add(NewDelivery.valid("user-unknown+7@" + Behaviour.ACCEPT.domain(), Behaviour.ACCEPT.domain(), null));
        list.add(NewDelivery.valid("someone@unrouted.invalid", "unrouted.invalid", null));
        queue.addDeliveries(messageId, list);
        engine.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (queue.view().unfinished(messageId) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        queue.flush();
        if (queue.view().unfinished(messageId) > 0) {
            throw new AssertionError("not final after 60 s: " + queue.view().deliveries(messageId).stream()
                    .filter(r -> !r.state().isFinal()).toList() + " engine " + engine.stats());
        }
        rows = queue.view().deliveries(messageId).stream().collect(Collectors.toMap(DeliveryRow::recipient, Function.identity()));
    }

    @AfterAll
    static void stop() {
        engine.close();
        queue.close();
        db.close();
        sandbox.close();
        bounceInbox.close();
    }

    private static DeliveryRow row(Behaviour b) {
        return rows.get("one@" + b.domain());
    }

    @Test
    void acceptedMailIsDeliveredOnReusedConnections() {
        assertThat(row(Behaviour.ACCEPT).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(row(Behaviour.ACCEPT).code()).isEqualTo(250);
        assertThat(rows.values().stream().filter(r -> r.recipient().startsWith("bulk")))
                .hasSize(30).allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(engine.stats().connections()).as("30 bulk messages to 3 domains need far fewer than 30 connections")
                .isLessThan(rows.size());
        for (int i = 0; i < 3; i++) {
            assertThat(sandbox.stats().maxConcurrent("d" + i + "." + Behaviour.ACCEPT.domain()))
                    .as("never more sessions than the destination's limit of 8").isBetween(1, 8);
        }
    }

    @Test
    void greylistingClearsOnRetry() {
        DeliveryRow r = row(Behaviour.GREYLIST);
        assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(r.attempts()).isGreaterThan(1);
    }

    @Test
    void throttlingDestinationSlowsUsDownAndEverythingGetsThrough() {
        assertThat(rows.values().stream().filter(r -> r.recipient().startsWith("many")))
                .hasSize(40).allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED));
        assertThat(engine.stats().slowDowns()).isPositive();
        assertThat(sandbox.stats().maxConcurrent(Behaviour.DEFER.domain())).as("the 8-connection limit held").isLessThanOrEqualTo(8);
        assertThat(rows.values().stream().filter(r -> r.recipient().startsWith("many")).mapToInt(DeliveryRow::attempts).max().orElse(0))
                .as("some were deferred with 421 first").isGreaterThan(1);
    }

    @Test
    void permanentRefusalsBounceWithTheirReason() {
        assertThat(row(Behaviour.USERUNKNOWN)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(r.reason()).isEqualTo("userunknown");
            assertThat(r.code()).isEqualTo(550);
            assertThat(r.enhanced()).isEqualTo("5.1.1");
        });
        assertThat(rows.get("user-unknown+7@" + Behaviour.ACCEPT.domain()).reason()).isEqualTo("userunknown");
        assertThat(row(Behaviour.BLOCKED)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(r.reason()).isEqualTo("blocked");
            assertThat(r.enhanced()).isEqualTo("5.7.1");
        });
        assertThat(row(Behaviour.OVERQUOTA).reason()).isEqualTo("mailboxfull");
        assertThat(rows.get("someone@unrouted.invalid")).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(r.reason()).isEqualTo("hostunknown");
            assertThat(r.code()).isEqualTo(InternalCode.DNS_NXDOMAIN.code());
        });
    }

    @Test
    void temporaryFailuresExpireKeepingTheLastReason() {
        assertThat(row(Behaviour.MAILBOXFULL)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.EXPIRED);
            assertThat(r.reason()).isEqualTo("mailboxfull");
            assertThat(r.code()).isEqualTo(452);
        });
        assertThat(row(Behaviour.CONNECT_TIMEOUT)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.EXPIRED);
            assertThat(r.code()).isEqualTo(160);
        });
        assertThat(row(Behaviour.DIALOG_TIMEOUT)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.EXPIRED);
            assertThat(r.code()).isEqualTo(146);
        });
        assertThat(row(Behaviour.REFUSED).code()).isEqualTo(InternalCode.CONNECTION_REFUSED.code());
        assertThat(row(Behaviour.GARBAGE).code()).isEqualTo(InternalCode.PROTOCOL_ERROR.code());
        assertThat(row(Behaviour.HANGUP).code()).isEqualTo(InternalCode.CONNECTION_LOST.code());
        assertThat(row(Behaviour.HUGE_REPLY).code()).isEqualTo(InternalCode.REPLY_TOO_LONG.code());
        assertThat(row(Behaviour.ENDLESS).code()).isEqualTo(InternalCode.REPLY_TOO_LONG.code());
        for (Behaviour b : List.of(Behaviour.REFUSED, Behaviour.GARBAGE, Behaviour.HANGUP, Behaviour.HUGE_REPLY, Behaviour.ENDLESS)) {
            assertThat(row(b).state()).as(b.label()).isEqualTo(DeliveryState.EXPIRED);
            assertThat(row(b).detail()).as(b.label()).isNotBlank();
        }
    }

    @Test
    void silenceAfterTheDotIsUncertainAndNotRetried() {
        assertThat(row(Behaviour.DOT_TIMEOUT)).satisfies(r -> {
            assertThat(r.state()).isEqualTo(DeliveryState.UNCERTAIN);
            assertThat(r.code()).isEqualTo(147);
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    @Test
    void acceptedThenDroppedOrBouncedLaterStillSays250() {
        assertThat(row(Behaviour.BLACKHOLE).state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(row(Behaviour.LATEBOUNCE).state()).isEqualTo(DeliveryState.DELIVERED);
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.stats().dsnsSent() >= 1);
        assertThat(bounceInbox.stats().messages()).as("the DSN reached the return path's server").isPositive();
    }

    @Test
    void everyDeliveryEndedInExactlyOneFinalState() {
        assertThat(rows.values()).allSatisfy(r -> assertThat(r.state().isFinal()).as(r.recipient()).isTrue());
        // sessions linger for the idle time waiting for more work, then close
        await().atMost(Duration.ofSeconds(5)).until(engine::idle);
    }
}
