package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.InboundService;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Campaigns;
import dev.homing.delivery.Postfix;
import dev.homing.delivery.Routes;
import dev.homing.inbound.Inbox;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accept, then bounce, by a real Postfix: it takes both copies with 250, fails one after acceptance (an alias whose
 * target's transport is error(8)), and its bounce(8) daemon mails the DSN to our VERP return path through its own SMTP client to our inbound
 * server, whose mailroom re-judges that delivery: delivered, then bounced, 5.1.1, with the 250 kept on its timeline.
 */
class PostfixLateBounceTest {
    @TempDir
    Path home;

    @Test
    void postfixsOwnDsnRejudgesTheDelivery() throws Exception {
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = https://mail.homing.test\n");
        Path file = Files.writeString(home.resolve("people.csv"), "email\nlate@" + Postfix.DOMAIN + "\nok@" + Postfix.DOMAIN + "\n");
        assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
        assertThat(CommandsTest.run("import", "news", file.toString(), "--consent", "fixture", "--home", home.toString()).code()).isZero();
        Path text = Files.writeString(home.resolve("t.txt"), "Hello\n");
        assertThat(CommandsTest.run("campaign", "create", "spring", "--list", "news", "--from", "news@homing.test", "--subject", "Hi",
                "--text", text.toString(), "--home", home.toString()).code()).isZero();

        try (Node node = Node.open(home, Config.load(home), Routes.none(), false);
             InboundService inbound = InboundService.start(node, "127.0.0.1", 0);
             // late@ is an alias (accepted at RCPT) for an address whose transport is error(8): it fails after the 250
             Postfix mx = Postfix.start(List.of("ok"), Map.of("smtp_tls_security_level", "none",
                     "virtual_alias_maps", "inline:{ late@" + Postfix.DOMAIN + "=late@gone.test }"), Map.of(
                     "gone.test", "error:5.1.1 mailbox closed after acceptance",
                     "bounces.homing.test", "smtp:[127.0.0.1]:" + inbound.port()))) {
            node.resolver.routes().add(Postfix.DOMAIN, mx.address);
            CampaignSender sender = node.sender();
            Campaign c = sender.send(new Campaigns(node.db).get("spring")).campaign();
            long message = c.messageId();
            node.engine.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                node.queue.flush();
                if (node.queue.view().countByState(message).getOrDefault(DeliveryState.BOUNCED, 0L) == 1) {
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(node.queue.view().countByState(message)).as("postfix said:\n%s\ninbox: %s %s", mx.log(), new Inbox(node.db).counts(), new Inbox(node.db).list(Inbox.Status.UNMATCHED, 5))
                    .containsEntry(DeliveryState.BOUNCED, 1L);
            DeliveryRow late = node.queue.view().deliveries(message).stream().filter(r -> r.recipient().startsWith("late@")).findFirst().orElseThrow();
            assertThat(late.state()).as("postfix said:\n%s", mx.log()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(late.enhanced()).isEqualTo("5.1.1");
            assertThat(late.detail()).contains("mailbox closed after acceptance");
            assertThat(late.attempts()).as("one SMTP attempt: the 250").isEqualTo(1);
            assertThat(node.queue.view().events(late.id())).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo("bounce");
                assertThat(e.before()).isEqualTo("delivered");
                assertThat(e.after()).isEqualTo("bounced");
            });
            DeliveryRow ok = node.queue.view().deliveries(message).stream().filter(r -> r.recipient().startsWith("ok@")).findFirst().orElseThrow();
            assertThat(ok.state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(mx.copies("ok")).isEqualTo(1);
            assertThat(mx.copies("late")).isZero();
            assertThat(mx.log()).contains("sender non-delivery notification");
            assertThat(new Inbox(node.db).counts()).containsEntry("processed bounce", 1L);
        }
    }
}
