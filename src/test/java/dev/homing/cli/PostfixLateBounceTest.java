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
            theStoredBounceAndTheTranscriptAreReadable(node, late.id());
        }
        // the command line: the timeline, then both sides of the dialogue
        CommandsTest.Run shown = CommandsTest.run("delivery", "--transcript", String.valueOf(lateId), "--home", home.toString());
        assertThat(shown.out()).as(shown.err()).contains("Attempt 1:").contains(" -> RCPT TO:<late@" + Postfix.DOMAIN + ">")
                .containsPattern("(?m)^<-  250 2\\.0\\.0 Ok: queued as \\w+ \\(\\d+ ms\\)$").containsPattern("(?m)^=== message <[^>]+>, \\d+ bytes, Subject: Hi$");
    }

    private long lateId;

    /**
     * The delivery page in Chromium and the API: the attempt's transcript (both sides, the message's Subject and
     * Message-ID), and the bounce Postfix mailed, stored and readable from the delivery (its event links to it).
     */
    private void theStoredBounceAndTheTranscriptAreReadable(Node node, long delivery) throws Exception {
        lateId = delivery;
        String password = "correct horse battery staple";
        new dev.homing.access.Accounts(node.db).firstRun(password);
        String token = new dev.homing.access.ApiKeys(node.db).create("t", java.util.Set.of(dev.homing.access.Scope.REPORTS_READ)).token();
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        try (dev.homing.node.Site site = dev.homing.node.Site.start(node, new dev.homing.node.Site.Options("127.0.0.1", port, null,
                "confirm@homing.test", false, null, null)); Browser browser = new Browser()) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/deliveries/" + delivery))
                    .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            com.fasterxml.jackson.databind.JsonNode timeline = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertThat(timeline.at("/timeline/0/type").asText()).as(r.body()).isEqualTo("attempt");
            assertThat(timeline.at("/timeline/0/transcript").asText()).contains(" -> MAIL FROM:<").contains(" -> RCPT TO:<late@" + Postfix.DOMAIN + ">")
                    .contains("=== connected to ");
            long report = timeline.at("/timeline/1/report_id").asLong();
            assertThat(report).as(r.body()).isPositive();
            java.net.http.HttpResponse<String> raw = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/deliveries/"
                    + delivery + "/reports/" + report)).header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(raw.headers().firstValue("Content-Type")).get().asString().startsWith("message/rfc822");
            assertThat(raw.body()).contains("multipart/report").contains("mailbox closed after acceptance");
            // another delivery's id with this report: not its report, nothing shown
            java.net.http.HttpResponse<String> other = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/deliveries/"
                    + (delivery + 1) + "/reports/" + report)).header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).isEqualTo(404);

            com.microsoft.playwright.Page page = browser.page(false);
            page.navigate(base + "/login?next=%2Fdeliveries%2F" + delivery);
            page.fill("#password", password);
            page.click("button[type=submit]");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#message-facts")).containsText("Subject: Hi");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#attempt-1 pre"))
                    .containsText(" -> RCPT TO:<late@" + Postfix.DOMAIN + ">");
            Browser.accessible(page, "delivery-transcript");
            page.click("text=report by mail: bounce (read it)");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#stored-report")).containsText("mailbox closed after acceptance");
            Browser.accessible(page, "delivery-stored-bounce");
            // the mailroom: what arrived and what became of it; the bounce readable there too, tied to its delivery
            page.navigate(base + "/mailroom?status=processed");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#table-counts")).containsText("processed bounce");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#table-messages")).containsText("#" + delivery);
            page.click("#table-messages a:has-text('read #')");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#received-message"))
                    .containsText("mailbox closed after acceptance");
            Browser.accessible(page, "mailroom-message");
            assertThat(page.navigate(base + "/mailroom?status=lost").status()).isEqualTo(404);
        }
    }
}
