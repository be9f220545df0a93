package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import com.fasterxml.jackson.databind.JsonNode;
import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.campaign.PythonCheck;
import dev.homing.campaign.Verp;
import dev.homing.list.InstallSecret;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import static dev.homing.cli.CommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Campaigns from the command line to real receivers: Python's aiosmtpd captures what arrives (an
 * SMTP server that is not ours), Python's email package parses it and dkimpy verifies it.
 */
class CampaignCommandTest {
    static Sandbox sandbox;
    static Process capture;
    static Path inbox;
    static int capturePort;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults());
        inbox = Files.createTempDirectory("inbox");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            capturePort = s.getLocalPort();
        }
        Path script = Files.createTempFile("capture", ".py");
        try (InputStream in = CampaignCommandTest.class.getResourceAsStream("/campaign/smtp_capture.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        capture = new ProcessBuilder("/usr/bin/python3", script.toString(), inbox.toString(), String.valueOf(capturePort))
                .redirectErrorStream(true).redirectOutput(inbox.resolveSibling(inbox.getFileName() + ".log").toFile()).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", capturePort)) {
                break;
            } catch (IOException e) {
                if (!capture.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("aiosmtpd did not start (.ci/run installs python3-aiosmtpd)", e);
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        capture.destroy();
    }

    private String[] routes() {
        return new String[]{"--route", "capture.test=127.0.0.1:" + capturePort, "--route",
                "sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort(), "--no-dns"};
    }

    private String[] args(String... a) {
        return Stream.concat(Stream.of(a), Stream.of("--home", home.toString())).toArray(String[]::new);
    }

    private void setUp(String listCsv) throws Exception {
        Files.writeString(home.resolve("homing.properties"), """
                bounce.domain = bounces.homing.test
                public.url = https://mail.homing.test/
                dkim.selector = rsa1, ed1
                """);
        assertThat(run(args("dkim", "keygen", "news.homing.test", "rsa1")).code()).isZero();
        assertThat(run(args("dkim", "keygen", "news.homing.test", "ed1", "--algorithm", "ed25519")).code()).isZero();
        assertThat(run(args("list", "create", "news")).code()).isZero();
        Path csv = Files.writeString(home.resolve("people.csv"), listCsv);
        CommandsTest.Run imported = run(args("import", "news", csv.toString(), "--consent", "signed up at the fair"));
        assertThat(imported.code()).as(imported.err()).isZero();
    }

    private List<String> records() throws IOException {
        return List.of("rsa1._domainkey.news.homing.test=" + DkimKey.load(home, "news.homing.test", "rsa1", DkimAlgorithm.RSA_SHA256).txtValue(),
                "ed1._domainkey.news.homing.test=" + DkimKey.load(home, "news.homing.test", "ed1", DkimAlgorithm.ED25519_SHA256).txtValue());
    }

    @Test
    void createPreviewSendAndNeverTwice() throws Exception {
        setUp("""
                email,first_name,city
                ann@capture.test,Ann,Lyon
                bob@capture.test,,Köln
                cy@capture.test,Çy <script>,
                dan@user-unknown.sandbox.test,Dan,
                eve@capture.test,Eve,
                """);
        assertThat(run(args("suppress", "add", "eve@capture.test")).code()).isZero();
        Path html = Files.writeString(home.resolve("spring.html"), """
                <p>Hello {{first_name|friend}} from {{city|your town}}!</p>
                <p><a href="https://news.homing.test/spring">Spring offers</a></p>
                <p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>
                <p>News Homing Ltd, 12 Rue de la Paix, 75002 Paris, France</p>
                """);
        CommandsTest.Run created = run(args("campaign", "create", "spring", "--list", "news", "--from", "news@news.homing.test",
                "--from-name", "Zoë at News", "--subject", "Frühling für {{first_name|you}}", "--html", html.toString()));
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("campaign \"spring\" created");

        CommandsTest.Run preview = run(args("campaign", "preview", "spring", "--to", "bob@capture.test"));
        assertThat(preview.code()).as(preview.err()).isZero();
        byte[] previewed = preview.out().getBytes(StandardCharsets.UTF_8);
        JsonNode p = PythonCheck.mime(previewed);
        assertThat(p.get("subject").asText()).isEqualTo("Frühling für you");
        assertThat(p.get("from_name").asText()).isEqualTo("Zoë at News");
        assertThat(p.get("parts").get(1).get("text").asText()).contains("Hello friend from Köln!")
                .contains("Spring offers (https://news.homing.test/spring)")
                .contains("Unsubscribe (https://mail.homing.test/unsubscribe?t=");
        assertThat(p.get("list_unsubscribe").asText()).matches("<https://mail\\.homing\\.test/unsubscribe\\?t=[^>]+>, "
                + "<mailto:unsubscribe-[a-z2-7]{26}@bounces\\.homing\\.test\\?subject=unsubscribe>");
        assertThat(PythonCheck.dkim(previewed, records())).isEqualTo("ok\nok\n");

        CommandsTest.Run sent = run(args(Stream.concat(Stream.of("campaign", "send", "spring"), Stream.of(routes())).toArray(String[]::new)));
        assertThat(sent.code()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("campaign \"spring\": 4 deliveries queued, 1 suppressed members recorded as suppressed, 0 already there")
                .containsPattern("3\\s+delivered").containsPattern("1\\s+bounced\\s+userunknown");
        List<Path> arrived;
        try (Stream<Path> s = Files.list(inbox)) {
            arrived = s.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(arrived).hasSize(3);
        Verp verp = new Verp(InstallSecret.load(home), "bounces.homing.test");
        for (Path eml : arrived) {
            byte[] m = Files.readAllBytes(eml);
            List<String> envelope = Files.readAllLines(Path.of(eml.toString().replace(".eml", ".env")));
            String delivery = new String(m, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("X-Homing-Delivery: "))
                    .findFirst().orElseThrow().substring(19);
            // the return path is the signed VERP address of exactly this delivery
            // and X-Homing-Delivery carries the same delivery, signed
            assertThat(verp.delivery(envelope.get(0))).isEqualTo(verp.fromToken(delivery));
            assertThat(verp.fromToken(delivery)).isPresent();
            assertThat(PythonCheck.dkim(m, records())).as(eml.toString()).isEqualTo("ok\nok\n");
            JsonNode j = PythonCheck.mime(m);
            assertThat(j.get("defects")).isEmpty();
            assertThat(j.get("to").asText()).isEqualTo(envelope.get(1));
            if (envelope.get(1).equals("bob@capture.test")) {
                // the mailto: unsubscribe address is the member's, the same in the preview and in the sent copy
                String mailto = j.get("list_unsubscribe").asText().replaceAll(".*<mailto:([^?]+)\\?.*", "$1");
                assertThat(p.get("list_unsubscribe").asText()).contains("<mailto:" + mailto + "?");
            }
            if (envelope.get(1).equals("cy@capture.test")) {
                assertThat(j.get("parts").get(2).get("text").asText()).contains("Hello Çy &lt;script&gt; from your town!");
            }
        }
        CommandsTest.Run show = run(args("campaign", "show", "spring"));
        assertThat(show.out()).contains("campaign:  spring (sent)").contains("3 delivered").contains("1 bounced").contains("1 suppressed");
        CommandsTest.Run again = run(args(Stream.concat(Stream.of("campaign", "send", "spring"), Stream.of(routes())).toArray(String[]::new)));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("was sent already; nothing is sent twice");
        try (Stream<Path> s = Files.list(inbox)) {
            assertThat(s.filter(f -> f.toString().endsWith(".eml")).count()).isEqualTo(3);
        }
    }

    @Test
    void aTemplateErrorIsReportedWithLineAndColumnAndNothingIsKept() throws Exception {
        setUp("email,first_name\nann@capture.test,Ann\n");
        Path html = Files.writeString(home.resolve("bad.html"), "<p>Hello</p>\n<p>Dear {{frist_name}},</p>\n");
        CommandsTest.Run r = run(args("campaign", "create", "bad", "--list", "news", "--from", "news@news.homing.test",
                "--subject", "Hi", "--html", html.toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("html line 2, column 9: unknown merge field {{frist_name}}").contains("first_name");
        assertThat(run(args("campaign", "ls")).out()).doesNotContain("bad");
        CommandsTest.Run badFrom = run(args("campaign", "create", "bad", "--list", "news", "--from", "not an address",
                "--subject", "Hi", "--html", html.toString()));
        assertThat(badFrom.code()).isEqualTo(2);
        assertThat(badFrom.err()).contains("--from \"not an address\"");
    }

    static final String TEXT = """
            Hello {{email}},

            our spring news are out.

            Unsubscribe: {{unsubscribe_url}}
            News Homing Ltd, 12 Rue de la Paix, 75002 Paris, France
            """;

    @Test
    void blockingPreflightFindingsRefuseTheSendUnlessOverriddenAndTheOverrideIsRecorded() throws Exception {
        setUp("email\na@capture.test\nb@capture.test\n");
        // no unsubscribe link, no postal address: blocking content findings
        Path text = Files.writeString(home.resolve("t.txt"), "Hello {{email}}, our spring news are out.\n");
        assertThat(run(args("campaign", "create", "bare", "--list", "news", "--from", "news@news.homing.test", "--subject", "Spring",
                "--text", text.toString())).code()).isZero();
        CommandsTest.Run pre = run(args("campaign", "preflight", "bare", "--no-dns"));
        assertThat(pre.code()).isEqualTo(CheckCommand.BLOCKED);
        assertThat(pre.out()).contains("Pre-flight report for campaign \"bare\"")
                .containsPattern("\\[fail\\] BLOCKING missing-postal-address")
                .contains("[warn] sender domain: not checked: DNS is off")
                .containsPattern("\\[pass\\] recipients: 2 confirmed members, 0 of them suppressed: 2 will be sent to")
                .containsPattern("\\[warn\\] double opt-in: 0% of confirmed members confirmed by double opt-in")
                .containsPattern("\\[pass\\] one-click unsubscribe")
                .containsPattern("\\[pass\\] TLS");
        CommandsTest.Run refused = run(args(Stream.concat(Stream.of("campaign", "send", "bare"), Stream.of(routes())).toArray(String[]::new)));
        assertThat(refused.code()).isEqualTo(CheckCommand.BLOCKED);
        assertThat(refused.err()).contains("not sent").contains("blocking pre-flight finding");
        assertThat(run(args("campaign", "show", "bare")).out()).contains("(draft)").doesNotContain("deliveries:");
        CommandsTest.Run forced = run(args(Stream.concat(Stream.of("campaign", "send", "bare", "--override", "internal test list, no postal address needed"),
                Stream.of(routes())).toArray(String[]::new)));
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.err()).contains("overridden (recorded): internal test list");
        assertThat(forced.out()).containsPattern("2\\s+delivered");
        assertThat(run(args("campaign", "show", "bare")).out()).containsPattern("override:  overridden by .+ at .+: internal test list, no postal"
                + " address needed; blocking: missing-postal-address");
    }

    @Test
    void preflightWithPublishedRecordsPassesTheBulkSenderChecklistAndAMissingKeyBlocks() throws Exception {
        setUp("email\na@capture.test\n");
        Files.writeString(home.resolve("homing.properties"), """
                bounce.domain = bounces.homing.test
                public.url = https://mail.homing.test/
                dkim.selector = rsa1, ed1
                sending.ips = 192.0.2.10
                helo = mta.homing.test
                inbound.host = mx.homing.test
                """);
        Path text = Files.writeString(home.resolve("t.txt"), TEXT);
        assertThat(run(args("campaign", "create", "good", "--list", "news", "--from", "news@news.homing.test", "--subject", "Spring news",
                "--text", text.toString())).code()).isZero();
        assertThat(run(args("campaign", "create", "unsigned", "--list", "news", "--from", "news@other.homing.test", "--subject", "Spring news",
                "--text", text.toString())).code()).isZero();
        try (dev.homing.testing.FakeDns dns = new dev.homing.testing.FakeDns()) {
            dns.txt("bounces.homing.test", "v=spf1 ip4:192.0.2.10 -all");
            dns.add("bounces.homing.test. 300 IN MX 10 mx.homing.test.");
            dns.txt("news.homing.test", "v=spf1 ip4:192.0.2.10 -all");
            dns.txt("rsa1._domainkey.news.homing.test", DkimKey.load(home, "news.homing.test", "rsa1", DkimAlgorithm.RSA_SHA256).txtValue());
            dns.txt("ed1._domainkey.news.homing.test", DkimKey.load(home, "news.homing.test", "ed1", DkimAlgorithm.ED25519_SHA256).txtValue());
            dns.txt("_dmarc.homing.test", "v=DMARC1; p=quarantine; rua=mailto:dmarc@homing.test");
            dns.add("10.2.0.192.in-addr.arpa. 300 IN PTR mta.homing.test.");
            dns.add("mta.homing.test. 300 IN A 192.0.2.10");
            String server = "127.0.0.1:" + dns.resolver().getAddress().getPort();
            CommandsTest.Run good = run(args("campaign", "preflight", "good", "--dns", server, "--no-dns"));
            assertThat(good.code()).as(good.out()).isZero();
            assertThat(good.out()).containsPattern("\\[pass\\] SPF published and passing")
                    .containsPattern("\\[pass\\] DKIM signature with a published key")
                    .containsPattern("\\[pass\\] DMARC record present")
                    .containsPattern("\\[pass\\] From aligned with SPF or DKIM")
                    .containsPattern("\\[pass\\] forward-confirmed reverse DNS")
                    .containsPattern("\\[pass\\] one-click unsubscribe")
                    .contains("Nothing blocks sending.");
            CommandsTest.Run unsigned = run(args("campaign", "preflight", "unsigned", "--dns", server, "--no-dns"));
            assertThat(unsigned.code()).isEqualTo(CheckCommand.BLOCKED);
            assertThat(unsigned.out()).containsPattern("\\[fail\\] BLOCKING DKIM: .*other\\.homing\\.test")
                    .containsPattern("\\[fail\\] BLOCKING one-click unsubscribe \\(RFC 8058\\): missing: a DKIM signature covering them");
        }
    }

    @Test
    void checkContentScoresTheCopyTheFirstSubscriberWouldGet() throws Exception {
        setUp("email\na@capture.test\n");
        Path html = Files.writeString(home.resolve("loud.html"), "<p>ACT NOW!!! <a href=\"https://bit.ly/x\">https://www.paypal.com/login</a></p>"
                + "<p><a href=\"{{unsubscribe_url}}\">Unsubscribe</a> News Homing Ltd, 12 Rue de la Paix, 75002 Paris, France</p>");
        assertThat(run(args("campaign", "create", "loud", "--list", "news", "--from", "news@news.homing.test", "--subject",
                "FREE MONEY!!! GUARANTEED", "--html", html.toString())).code()).isZero();
        CommandsTest.Run r = run(args("check", "content", "loud"));
        assertThat(r.out()).contains("Content check:").contains("subject-all-caps").contains("subject-punctuation")
                .contains("link-shortener").contains("link-text-mismatch").doesNotContain("missing-unsubscribe");
        Path calm = Files.writeString(home.resolve("calm.txt"), TEXT);
        assertThat(run(args("campaign", "create", "calm", "--list", "news", "--from", "news@news.homing.test", "--subject",
                "Spring news", "--text", calm.toString())).code()).isZero();
        CommandsTest.Run quiet = run(args("check", "content", "calm"));
        assertThat(quiet.code()).as(quiet.out()).isZero();
        assertThat(quiet.out()).contains("likely fine");
    }

    @Test
    void aScheduledCampaignWaitsForItsSendTime() throws Exception {
        setUp("email\na@capture.test\n");
        Path text = Files.writeString(home.resolve("t.txt"), TEXT);
        java.time.Instant at = java.time.Instant.now().plus(java.time.Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(run(args("campaign", "create", "later", "--list", "news", "--from", "news@news.homing.test", "--subject", "Hi",
                "--text", text.toString(), "--send-at", at.toString())).code()).isZero();
        assertThat(run(args("campaign", "show", "later")).out()).contains("send at:   " + at);
        assertThat(run(args("campaign", "send", "later", "--no-wait", "--no-dns")).out()).contains("1 deliveries queued");
        try (Node node = Node.open(home, Config.load(home), dev.homing.delivery.Routes.none(), false)) {
            assertThat(node.queue.view().nextDue()).hasValue(at);
        }
        CommandsTest.Run bad = run(args("campaign", "create", "bad", "--list", "news", "--from", "news@news.homing.test", "--subject", "Hi",
                "--text", text.toString(), "--send-at", "tomorrow"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--send-at tomorrow: not an ISO-8601 time");
    }

    @Test
    void queuedTwiceStillOneDeliveryPerSubscriber() throws Exception {
        setUp("email\na@capture.test\nb@capture.test\n");
        Path text = Files.writeString(home.resolve("t.txt"), TEXT);
        assertThat(run(args("campaign", "create", "twice", "--list", "news", "--from", "news@news.homing.test", "--subject", "Hi",
                "--text", text.toString())).code()).isZero();
        CommandsTest.Run first = run(args("campaign", "send", "twice", "--no-wait", "--no-dns"));
        assertThat(first.out()).contains("2 deliveries queued");
        CommandsTest.Run second = run(args("campaign", "send", "twice", "--no-wait", "--no-dns"));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("0 deliveries queued, 0 suppressed members recorded as suppressed, 2 already there");
        assertThat(run(args("campaign", "show", "twice")).out()).contains("deliveries: 2 queued");
    }
}
