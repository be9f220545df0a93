package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.CampaignState;
import dev.homing.campaign.Launch;
import dev.homing.delivery.Routes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The application layer every face calls (issue 19): where the command line, the web UI and the API once had
 * their own copies of a step, the one workflow now takes the strictest of them, and each face shows it.
 */
class LaunchTest {
    @TempDir
    Path home;

    @BeforeEach
    void campaign() throws Exception {
        Path file = Files.writeString(home.resolve("people.csv"), "email\nann@example.com\nbob@example.com\n");
        assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
        assertThat(CommandsTest.run("import", "news", file.toString(), "--consent", "fixture", "--home", home.toString()).code()).isZero();
        Path text = Files.writeString(home.resolve("t.txt"), "Hello {{email}}\n");
        // no DKIM key, an http public URL: the pre-flight blocks (no signature, no one-click unsubscribe)
        CommandsTest.Run made = CommandsTest.run("campaign", "create", "spring", "--list", "news", "--from", "news@example.com",
                "--subject", "Spring", "--text", text.toString(), "--home", home.toString(), "--no-dns");
        assertThat(made.code()).as(made.err()).isZero();
    }

    private Node node() {
        return Node.open(home, Config.load(home), Routes.none(), false);
    }

    @Test
    void aBlankOverrideDoesNotCountAndAGivenOneIsRecordedWithWhoGaveIt() {
        try (Node node = node()) {
            Launch launch = node.launch(null);
            Campaign c = new Campaigns(node.db).get("spring");
            assertThat(launch.preflight(c).hasBlocking()).as("the fixture must block").isTrue();

            assertThat(launch.send(c, null, "alice")).isInstanceOf(Launch.Sent.Blocked.class);
            assertThat(launch.send(c, "   \t", "alice")).as("a blank reason is no reason").isInstanceOf(Launch.Sent.Blocked.class);
            assertThat(new Campaigns(node.db).get("spring").messageId()).as("nothing queued while blocked").isNull();

            Launch.Sent sent = launch.send(c, "internal list", "alice (web UI)");
            assertThat(sent).isInstanceOf(Launch.Sent.Queued.class);
            Launch.Sent.Queued q = (Launch.Sent.Queued) sent;
            assertThat(q.expansion().queued()).isEqualTo(2);
            assertThat(q.overridden()).isNotNull();
            assertThat(new Campaigns(node.db).get("spring").override()).startsWith("overridden by alice (web UI) at ")
                    .contains(": internal list; blocking: ");
        }
    }

    @Test
    void aPausedCampaignIsRefusedOnEveryPathNotExpandedAgain() {
        try (Node node = node()) {
            Launch launch = node.launch(null);
            Campaign c = new Campaigns(node.db).get("spring");
            assertThat(launch.send(c, "internal list", "alice")).isInstanceOf(Launch.Sent.Queued.class);
            Campaign paused = launch.pause(new Campaigns(node.db).get("spring"));
            assertThat(paused.state()).isEqualTo(CampaignState.PAUSED);
            Launch.Sent again = launch.send(paused, "internal list", "alice");
            assertThat(again).isInstanceOf(Launch.Sent.Refused.class);
            assertThat(((Launch.Sent.Refused) again).why()).contains("is paused").contains("resume");
        }
        // the command line says the same, as an error
        CommandsTest.Run cli = CommandsTest.run("campaign", "send", "spring", "--override", "x", "--no-wait", "--home", home.toString(),
                "--no-dns");
        assertThat(cli.code()).isNotZero();
        assertThat(cli.err()).contains("campaign \"spring\" is paused");
    }

    @Test
    void aProcessThatOnlyChecksNeverSends() {
        try (dev.homing.store.Database db = dev.homing.store.Database.embedded(home)) {
            Launch checking = Node.checking(home, Config.load(home), db, new dev.homing.delivery.MxResolver(null, Routes.none(), 25), false,
                    null);
            Campaign c = new Campaigns(db).get("spring");
            assertThat(checking.preflight(c).items()).isNotEmpty();
            assertThatThrownBy(() -> checking.send(c, "why", "alice")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only checks");
            assertThat(new Campaigns(db).get("spring").messageId()).isNull();
        }
    }

    @Test
    void aHostNameInSendingIpsIsRefusedByThePreflightAsByTheDomainCheck() throws Exception {
        // 'localhost' resolves: the pre-flight and the web UI once looked it up and went on; the domain check refused it
        Files.writeString(home.resolve("homing.properties"), "sending.ips = localhost\n");
        CommandsTest.Run check = CommandsTest.run("check", "domain", "example.com", "--home", home.toString(), "--dns", "127.0.0.1:9");
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err()).contains("sending.ips: \"localhost\" is not an IP address");
        CommandsTest.Run preflight = CommandsTest.run("campaign", "preflight", "spring", "--home", home.toString(), "--dns", "127.0.0.1:9");
        assertThat(preflight.code()).isEqualTo(2);
        assertThat(preflight.err()).contains("sending.ips: \"localhost\" is not an IP address");
        // the web UI and the API are built on the node's one workflow: a node with such a setting does not serve a guess
        try (Node node = node()) {
            assertThatThrownBy(() -> node.launch(null)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sending.ips: \"localhost\" is not an IP address");
        }
    }
}
