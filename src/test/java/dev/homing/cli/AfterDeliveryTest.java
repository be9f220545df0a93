package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.InboundService;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Campaigns;
import dev.homing.delivery.Routes;
import dev.homing.inbound.Inbox;
import dev.homing.inbound.InboxEntry;
import dev.homing.list.Suppression;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.TimelineEvent;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After the 250, end to end: a campaign to the sandbox, whose accept-then-bounce domain sends real
 * DSNs to our inbound server, whose mailroom re-judges the deliveries; a complaint (ARF) by SMTP; a
 * relay attempt by swaks; reports we cannot tie to a delivery or cannot read, kept with the reason.
 */
class AfterDeliveryTest {
    @TempDir
    Path home;

    @Test
    void lateBouncesAndComplaintsRejudgeDeliveredMail() throws Exception {
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = https://mail.homing.test\n");
        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 4; i++) {
            csv.append("late").append(i).append("@late-bounce.sandbox.test,L").append(i).append('\n');
            csv.append("ok").append(i).append("@accept.sandbox.test,A").append(i).append('\n');
        }
        Path file = Files.writeString(home.resolve("people.csv"), csv);
        assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
        assertThat(CommandsTest.run("import", "news", file.toString(), "--consent", "fixture", "--home", home.toString()).code()).isZero();
        Path text = Files.writeString(home.resolve("t.txt"), "Hello {{name}}\n");
        assertThat(CommandsTest.run("campaign", "create", "spring", "--list", "news", "--from", "news@homing.test", "--subject", "Hi",
                "--text", text.toString(), "--home", home.toString()).code()).isZero();

        try (Node node = Node.open(home, Config.load(home), Routes.none(), false);
             InboundService inbound = InboundService.start(node, "127.0.0.1", 0);
             Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withLateBounceDelay(Duration.ofMillis(300))
                     .withDsnRelayTo(new InetSocketAddress("127.0.0.1", inbound.port())))) {
            node.resolver.routes().add("sandbox.test", sandbox.smtpAddress());
            CampaignSender sender = node.sender();
            Campaign c = sender.send(new Campaigns(node.db).get("spring")).campaign();
            long message = c.messageId();
            node.engine.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                node.queue.flush();
                return node.queue.view().unfinished(message) == 0;
            });
            node.judgeFinished(System.out);
            // the DSNs arrive after the 250: the deliveries to the late-bounce domain become bounced
            await().atMost(Duration.ofSeconds(20)).until(() -> node.queue.view().countByState(message).getOrDefault(DeliveryState.BOUNCED, 0L) == 4);
            Map<DeliveryState, Long> by = node.queue.view().countByState(message);
            assertThat(by.get(DeliveryState.DELIVERED)).isEqualTo(4);
            DeliveryRow late = node.queue.view().deliveries(message).stream().filter(r -> r.recipient().startsWith("late0@")).findFirst().orElseThrow();
            assertThat(late.reason()).isEqualTo("userunknown");
            assertThat(late.enhanced()).isEqualTo("5.1.1");
            // the timeline keeps the 250 and the bounce after it
            List<TimelineEvent> events = node.queue.view().events(late.id());
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo("bounce");
                assertThat(e.before()).isEqualTo("delivered");
                assertThat(e.after()).isEqualTo("bounced");
                assertThat(e.inboundId()).isNotNull();
            });
            assertThat(late.attempts()).isEqualTo(1);
            // the message was judged before the bounces came: the late rule suppressed the dead addresses
            assertThat(node.suppressions.list(Suppression.ACTIVE)).extracting(Suppression::emailKey)
                    .contains("late0@late-bounce.sandbox.test");
            assertThat(new Inbox(node.db).counts()).containsEntry("processed bounce", 4L);

            // a complaint about ok0's copy, as a mailbox provider sends it (ARF, RFC 5965), to fbl@
            DeliveryRow ok = node.queue.view().deliveries(message).stream().filter(r -> r.recipient().startsWith("ok0@")).findFirst().orElseThrow();
            // the provider quotes the original's headers, among them the signed token our copy carried
            String arf = arf("ok0@accept.sandbox.test", Node.verp(node.home, node.config).token(ok.id()));
            Path report = Files.writeString(home.resolve("arf.eml"), arf);
            String out = swaks(inbound.port(), "fbl@bounces.homing.test", report);
            assertThat(out).contains("<-  250");
            await().atMost(Duration.ofSeconds(10)).until(() -> node.queue.view().countByState(message).getOrDefault(DeliveryState.COMPLAINED, 0L) == 1);
            assertThat(node.queue.view().events(ok.id())).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo("complaint"));
            assertThat(node.suppressions.list(Suppression.ACTIVE)).filteredOn(s -> s.emailKey().equals("ok0@accept.sandbox.test"))
                    .singleElement().satisfies(s -> assertThat(s.reason()).isEqualTo("complaint"));
            java.io.ByteArrayOutputStream shown = new java.io.ByteArrayOutputStream();
            java.io.PrintStream was = System.out;
            System.setOut(new java.io.PrintStream(shown, true, StandardCharsets.UTF_8));
            try {
                CampaignCommand.complaints(node, message);
            } finally {
                System.setOut(was);
            }
            // 1 complaint among the 4 copies that reached a mailbox (the late-bounced ones did not)
            assertThat(shown.toString(StandardCharsets.UTF_8)).contains("complaints: 1 of 4 delivered copies (25.00%), above the 0.3% line")
                    .containsPattern("other\\s+1 of 4 \\(25.00%\\)  above 0.3%");
            assertThat(node.queue.view().complaintsByDomain(message)).anySatisfy(row -> {
                assertThat(row.domain()).isEqualTo("accept.sandbox.test");
                assertThat(row.complained()).isEqualTo(1L);
            });

            // STARTTLS is offered (a self-signed certificate unless one is configured): swaks upgrades and delivers
            String tls = swaks(inbound.port(), "postmaster@bounces.homing.test", foreignReport(), "--tls");
            assertThat(tls).contains("TLS started").contains("<~  250");
            // never an open relay
            assertThat(swaks(inbound.port(), "someone@gmail.com", null)).contains("<** 550 5.7.1 <someone@gmail.com>: relay not permitted");
            // a report for a delivery we never made, and one we cannot read: kept, with why
            Path broken = Files.writeString(home.resolve("broken.eml"), "Content-Type: multipart/report; report-type=delivery-status;"
                    + " boundary=\"x\"\r\nSubject: Undelivered\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; x\r\n");
            assertThat(swaks(inbound.port(), "postmaster@bounces.homing.test", broken)).contains("<-  250");
            await().atMost(Duration.ofSeconds(10)).until(() -> !new Inbox(node.db).list(Inbox.Status.UNMATCHED, 10).isEmpty());
            List<InboxEntry> unmatched = new Inbox(node.db).list(Inbox.Status.UNMATCHED, 10);
            assertThat(unmatched).singleElement().satisfies(e -> {
                assertThat(e.detail()).contains("stranger@example.org");
                assertThat(e.rcptTo()).isEqualTo("postmaster@bounces.homing.test");
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> new Inbox(node.db).counts().keySet().stream()
                    .anyMatch(k -> k.startsWith("unparsed") || k.startsWith("ignored")));
            assertThat(new Inbox(node.db).counts().values().stream().mapToLong(Long::longValue).sum()).as("every message kept").isEqualTo(7);
        }
    }

    static String arf(String recipient, String deliveryToken) {
        return "From: feedback@provider.example\r\nTo: fbl@bounces.homing.test\r\nSubject: complaint\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
                + "--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: ProviderFBL/1.0\r\nVersion: 1\r\n"
                + "Original-Rcpt-To: <" + recipient + ">\r\nSource-IP: 192.0.2.10\r\n\r\n"
                + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: news@homing.test\r\nTo: " + recipient + "\r\nSubject: Hi\r\n"
                + "X-Homing-Delivery: " + deliveryToken + "\r\n\r\n--b--\r\n";
    }

    static String dsn(String recipient) {
        return "From: MAILER-DAEMON@mx.example.org\r\nTo: postmaster@bounces.homing.test\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"d\"\r\n\r\n"
                + "--d\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--d\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown\r\n\r\n"
                + "--d\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: someone@elsewhere.example\r\nTo: " + recipient + "\r\n"
                + "Message-ID: <abc@elsewhere.example>\r\n\r\n--d--\r\n";
    }

    private Path foreignReport() throws java.io.IOException {
        return Files.writeString(home.resolve("foreign.eml"), dsn("stranger@example.org"));
    }

    static String swaks(int port, String to, Path data, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port", String.valueOf(port), "--from", "reports@provider.example",
                "--to", to, "--timeout", "10"));
        cmd.addAll(List.of(extra));
        if (data != null) {
            cmd.addAll(List.of("--data", data.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
