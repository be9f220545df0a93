package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.delivery.Routes;
import dev.homing.inbound.Inbox;
import dev.homing.inbound.Mailroom;
import dev.homing.queue.NewDelivery;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.webhook.EventKind;
import dev.homing.webhook.Events;
import dev.homing.webhook.Outbox;
import dev.homing.webhook.Receiver;
import dev.homing.webhook.Sender;
import dev.homing.webhook.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** End to end: the engine sends to the sandbox and the receiver gets a webhook per outcome; and the webhook commands. */
class WebhookEventsTest {
    @TempDir
    Path home;

    @Test
    void engineOutcomesReachTheReceiver() throws Exception {
        try (Receiver receiver = new Receiver();
             Sandbox sandbox = Sandbox.start(SandboxConfig.defaults());
             Node node = Node.open(home, Config.load(home), Routes.none().addAll(sandbox.routes()), false)) {
            new Webhooks(node.db, dev.homing.list.InstallSecret.load(home)).add(receiver.url(), EventKind.parse("delivered,bounced,complained"), null);
            try (Outbox outbox = new Outbox(node.db, Duration.ofMillis(50)); Sender sender = new Sender(node.db, dev.homing.list.InstallSecret.load(home),
                    Sender.Settings.defaults().allowingPrivateTargets(true))) {
                outbox.onWritten(sender::wake);
                node.engine.onSettled(new Events(outbox)::settled);
                outbox.start();
                sender.start();
                long m = node.queue.addMessage("b@bounces.homing.test", "t", "Subject: hi\n\nhello\n");
                node.queue.addDeliveries(m, List.of(NewDelivery.valid("a@accept.sandbox.test", "accept.sandbox.test", null),
                        NewDelivery.valid("b@user-unknown.sandbox.test", "user-unknown.sandbox.test", null)));
                node.engine.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() == 2);

                // after the 250 the recipient complains (ARF to fbl@): the mailroom's listener makes it an event
                node.queue.flush();
                long accepted = node.queue.view().latestAcceptedTo("a@accept.sandbox.test").orElseThrow();
                Inbox inbox = new Inbox(node.db);
                inbox.store("127.0.0.1", "feedback@provider.example", List.of("fbl@bounces.homing.test"),
                        AfterDeliveryTest.arf("a@accept.sandbox.test", Node.verp(node.home, node.config).token(accepted)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                Mailroom mailroom = new Mailroom(inbox, node.queue, Node.verp(node.home, node.config), node.rules, node.suppressions);
                mailroom.onLate(new Events(outbox)::late);
                assertThat(mailroom.drain().complaints()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.requests().size() == 3);
            }
            ObjectMapper json = new ObjectMapper();
            Map<String, JsonNode> byEvent = receiver.requests().stream().map(q -> {
                try {
                    return json.readTree(q.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toMap(b -> b.get("event").asText(), b -> b));
            assertThat(byEvent.keySet()).containsExactlyInAnyOrder("delivered", "bounced", "complained");
            JsonNode complained = byEvent.get("complained");
            assertThat(complained.get("recipient").asText()).isEqualTo("a@accept.sandbox.test");
            assertThat(complained.get("delivery").asLong()).isEqualTo(byEvent.get("delivered").get("delivery").asLong());
            assertThat(complained.get("previous_state").asText()).isEqualTo("delivered");
            assertThat(complained.get("late").asBoolean()).isTrue();
            assertThat(byEvent.get("delivered").get("recipient").asText()).isEqualTo("a@accept.sandbox.test");
            assertThat(byEvent.get("delivered").get("code").asInt()).isEqualTo(250);
            JsonNode bounced = byEvent.get("bounced");
            assertThat(bounced.get("recipient").asText()).isEqualTo("b@user-unknown.sandbox.test");
            assertThat(bounced.get("reason").asText()).isEqualTo("userunknown");
            assertThat(bounced.get("code").asInt()).isEqualTo(550);
            assertThat(bounced.get("status").asText()).isEqualTo("5.1.1");
            assertThat(bounced.get("delivery").asLong()).isPositive();
        }
    }

    @Test
    void webhookCommandsAddListRemoveAndShowTheLog() {
        String h = "--home=" + home;
        CommandsTest.Run add = CommandsTest.run("webhook", "add", "https://hooks.example.com/homing", "--events", "bounced,complained", h);
        assertThat(add.code()).isZero();
        assertThat(add.out()).contains("webhook 1 posts bounced,complained to https://hooks.example.com/homing")
                .containsPattern("secret: [0-9a-f]{64}");
        assertThat(CommandsTest.run("webhook", "add", "ftp://x", h).err()).contains("http:// or https://");
        assertThat(CommandsTest.run("webhook", "add", "https://x.example", "--events", "opened", h).err()).contains("unknown event \"opened\"");
        assertThat(CommandsTest.run("webhook", "ls", h).out()).contains("1\tactive\thttps://hooks.example.com/homing\tbounced,complained");
        assertThat(CommandsTest.run("webhook", "log", "1", h).out()).contains("no attempts yet");
        assertThat(CommandsTest.run("webhook", "rm", "1", h).out()).contains("webhook 1 removed");
        assertThat(CommandsTest.run("webhook", "ls", h).out()).contains("1\tremoved");
        assertThat(CommandsTest.run("webhook", "rm", "1", h).code()).isEqualTo(2);
    }
}
