package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.CampaignState;
import dev.homing.campaign.Campaigns;
import dev.homing.delivery.Routes;
import dev.homing.queue.DeliveryState;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Pause and resume in the middle of a send, against the sandbox: nothing more goes out while paused, nobody gets two. */
class CampaignPauseTest {
    @TempDir
    Path home;

    @Test
    void pauseStopsNewAttemptsAndResumeFinishesWithoutDuplicates() throws Exception {
        int n = 60;
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withSlowReply(Duration.ofMillis(150)))) {
            Files.writeString(home.resolve("homing.properties"), "limits.connections = 2\n");
            StringBuilder csv = new StringBuilder("email\n");
            for (int i = 0; i < n; i++) {
                csv.append("r").append(i).append("@slow.sandbox.test\n");
            }
            Path file = Files.writeString(home.resolve("people.csv"), csv);
            assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
            assertThat(CommandsTest.run("import", "news", file.toString(), "--consent", "fixture", "--home", home.toString()).code()).isZero();
            Path text = Files.writeString(home.resolve("t.txt"), "Hello {{email}}\n");
            assertThat(CommandsTest.run("campaign", "create", "slow", "--list", "news", "--from", "news@news.homing.test", "--subject", "Hi",
                    "--text", text.toString(), "--home", home.toString()).code()).isZero();
            Routes routes = Routes.none().add("sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort());
            try (Node node = Node.open(home, Config.load(home), routes, false)) {
                CampaignSender sender = node.sender();
                Campaign c = sender.send(new Campaigns(node.db).get("slow")).campaign();
                long message = c.messageId();
                node.engine.start();
                await().atMost(Duration.ofSeconds(20)).until(() -> delivered(node, message) >= 10);
                c = sender.pause(c);
                assertThat(c.state()).isEqualTo(CampaignState.PAUSED);
                // sessions finish the message in hand; then nothing more is accepted
                Thread.sleep(1500);
                long atPause = sandbox.stats().messages();
                Thread.sleep(2000);
                assertThat(sandbox.stats().messages()).as("accepted while paused").isEqualTo(atPause);
                assertThat(atPause).isLessThan(n);
                c = sender.resume(c);
                assertThat(c.state()).isEqualTo(CampaignState.SENDING);
                await().atMost(Duration.ofSeconds(60)).until(() -> node.queue.view().unfinished(message) == 0);
                node.queue.flush();
                assertThat(node.queue.view().countByState(message).get(DeliveryState.DELIVERED)).isEqualTo(n);
                for (int i = 0; i < n; i++) {
                    assertThat(sandbox.stats().timesAccepted("r" + i + "@slow.sandbox.test")).as("r" + i).isEqualTo(1);
                }
                assertThat(sender.settle(c).state()).isEqualTo(CampaignState.SENT);
            }
        }
    }

    private static long delivered(Node node, long message) {
        node.queue.flush();
        Map<DeliveryState, Long> by = node.queue.view().countByState(message);
        return by.getOrDefault(DeliveryState.DELIVERED, 0L);
    }
}
