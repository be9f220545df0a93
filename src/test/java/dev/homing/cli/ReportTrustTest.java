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
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only what Homing made can drive a verdict: reports sent to the role mailboxes through the real inbound port (swaks),
 * forged and genuine. A report tied to a delivery by a signed identifier of ours (the X-Homing-Delivery token quoted from
 * the original) acts; one that names an address only, or quotes an unsigned id, is stored and acts on nothing; a
 * feedback loop's complaint acts on the recipient it names only when its DKIM signature (made by dkimpy, keys served by a
 * real DNS server on loopback) verifies for a configured provider's domain.
 */
class ReportTrustTest {
    @TempDir
    Path home;

    @Test
    void forgedReportsActOnNothingAndSignedOnesAct() throws Exception {
        try (FakeDns dns = new FakeDns()) {
            Path key = home.resolve("fbl.pem");
            run("openssl", "genrsa", "-out", key.toString(), "2048");
            String publicKey = run("sh", "-c", "openssl rsa -in " + key + " -pubout -outform DER 2>/dev/null | base64 -w0").strip();
            dns.txt("fbl._domainkey.fbl.provider.example", "v=DKIM1; k=rsa; p=" + publicKey);
            dns.txt("fbl._domainkey.elsewhere.example", "v=DKIM1; k=rsa; p=" + publicKey);
            Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = https://mail.homing.test\n"
                    + "inbound.feedback-loops = fbl.provider.example\ndns.server = 127.0.0.1:" + dns.resolver().getAddress().getPort() + "\n");
            StringBuilder csv = new StringBuilder("email\n");
            for (int i = 0; i < 5; i++) {
                csv.append("ok").append(i).append("@accept.sandbox.test\n");
            }
            Path file = Files.writeString(home.resolve("people.csv"), csv);
            assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
            assertThat(CommandsTest.run("import", "news", file.toString(), "--consent", "fixture", "--home", home.toString()).code()).isZero();
            Path text = Files.writeString(home.resolve("t.txt"), "Hello\n");
            assertThat(CommandsTest.run("campaign", "create", "spring", "--list", "news", "--from", "news@homing.test", "--subject", "Hi",
                    "--text", text.toString(), "--home", home.toString()).code()).isZero();

            try (Node node = Node.open(home, Config.load(home), Routes.none(), false);
                 InboundService inbound = InboundService.start(node, "127.0.0.1", 0);
                 Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
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
                assertThat(node.queue.view().countByState(message)).containsEntry(DeliveryState.DELIVERED, 5L);
                List<DeliveryRow> rows = node.queue.view().deliveries(message);
                long ok1 = id(rows, "ok1@"), ok2 = id(rows, "ok2@");
                int port = inbound.port();

                // 1. a DSN to postmaster@ naming a delivered address, with nothing of ours in it: stored, acts on nothing
                send(port, "postmaster@bounces.homing.test", AfterDeliveryTest.dsn("ok0@accept.sandbox.test"));
                // 2. a complaint about an address we never mailed: never suppresses it
                send(port, "fbl@bounces.homing.test", arf("stranger@example.org", null));
                // 3. a complaint quoting the delivery's bare number as X-Homing-Delivery: anybody can write a number
                send(port, "abuse@bounces.homing.test", arf("ok1@accept.sandbox.test", Long.toString(ok1)));
                // 4. a feedback-loop complaint naming ok3 only, DKIM-signed by a provider we do not trust: acts on nothing
                send(port, "fbl@bounces.homing.test", signed(arf("ok3@accept.sandbox.test", null), key, "elsewhere.example"));
                // 5. the same from the configured provider, altered after signing: the signature fails, acts on nothing
                String tampered = signed(arf("ok3@accept.sandbox.test", null), key, "fbl.provider.example")
                        .replace("Feedback-Type: abuse", "Feedback-Type: abuse ");
                send(port, "fbl@bounces.homing.test", tampered.replace("This is an email abuse report.", "This is an email abuse report!"));
                await().atMost(Duration.ofSeconds(10)).until(() -> new Inbox(node.db).list(Inbox.Status.UNMATCHED, 10).size() == 5);
                assertThat(node.queue.view().countByState(message)).containsEntry(DeliveryState.DELIVERED, 5L);
                assertThat(node.suppressions.list(null)).isEmpty();
                List<InboxEntry> unmatched = new Inbox(node.db).list(Inbox.Status.UNMATCHED, 10);
                assertThat(unmatched).allSatisfy(e -> assertThat(e.detail()).contains("acts on nothing"));

                // 6. a complaint quoting the signed token the copy carried: acts
                send(port, "fbl@bounces.homing.test", arf("ok2@accept.sandbox.test", Node.verp(node.home, node.config).token(ok2)));
                // 7. the configured provider's DKIM-signed complaint naming ok4 only: acts on the latest delivery to it
                send(port, "fbl@bounces.homing.test", signed(arf("ok4@accept.sandbox.test", null), key, "fbl.provider.example"));
                await().atMost(Duration.ofSeconds(10)).until(() -> node.queue.view().countByState(message).getOrDefault(DeliveryState.COMPLAINED, 0L) == 2);
                assertThat(node.suppressions.list(Suppression.ACTIVE)).extracting(Suppression::emailKey)
                        .containsExactlyInAnyOrder("ok2@accept.sandbox.test", "ok4@accept.sandbox.test");
            }
        }
    }

    private static long id(List<DeliveryRow> rows, String prefix) {
        return rows.stream().filter(r -> r.recipient().startsWith(prefix)).findFirst().orElseThrow().id();
    }

    /** An ARF report (RFC 5965) as a provider sends it, quoting the original's headers; {@code delivery} its X-Homing-Delivery. */
    private static String arf(String recipient, String delivery) {
        return "From: feedback@fbl.provider.example\r\nTo: fbl@bounces.homing.test\r\nSubject: complaint\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n"
                + "--b\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: ProviderFBL/1.0\r\nVersion: 1\r\n"
                + "Original-Rcpt-To: <" + recipient + ">\r\nSource-IP: 192.0.2.10\r\n\r\n"
                + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: news@homing.test\r\nTo: " + recipient + "\r\nSubject: Hi\r\n"
                + (delivery == null ? "" : "X-Homing-Delivery: " + delivery + "\r\n") + "\r\n--b--\r\n";
    }

    /** The report signed by dkimpy (Debian's python3-dkim) for the domain, selector "fbl". */
    private String signed(String message, Path key, String domain) throws Exception {
        Path m = Files.writeString(Files.createTempFile(home, "m", ".eml"), message);
        Path script = Files.createTempFile(home, "sign", ".py");
        try (InputStream in = ReportTrustTest.class.getResourceAsStream("/inbound/dkimpy_sign.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return run("/usr/bin/python3", script.toString(), m.toString(), key.toString(), domain, "fbl");
    }

    private void send(int port, String to, String message) throws Exception {
        Path data = Files.writeString(Files.createTempFile(home, "report", ".eml"), message);
        assertThat(AfterDeliveryTest.swaks(port, to, data)).contains("<-  250");
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out;
    }
}
