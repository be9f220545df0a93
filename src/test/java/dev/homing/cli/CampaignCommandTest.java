package dev.homing.cli;

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
            assertThat(verp.delivery(envelope.get(0))).hasValue(Long.parseLong(delivery));
            assertThat(PythonCheck.dkim(m, records())).as(eml.toString()).isEqualTo("ok\nok\n");
            JsonNode j = PythonCheck.mime(m);
            assertThat(j.get("defects")).isEmpty();
            assertThat(j.get("to").asText()).isEqualTo(envelope.get(1));
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

    @Test
    void queuedTwiceStillOneDeliveryPerSubscriber() throws Exception {
        setUp("email\na@capture.test\nb@capture.test\n");
        Path text = Files.writeString(home.resolve("t.txt"), "Hello {{email}}\n");
        assertThat(run(args("campaign", "create", "twice", "--list", "news", "--from", "news@news.homing.test", "--subject", "Hi",
                "--text", text.toString())).code()).isZero();
        CommandsTest.Run first = run(args("campaign", "send", "twice", "--no-wait"));
        assertThat(first.out()).contains("2 deliveries queued");
        CommandsTest.Run second = run(args("campaign", "send", "twice", "--no-wait"));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).contains("0 deliveries queued, 0 suppressed members recorded as suppressed, 2 already there");
        assertThat(run(args("campaign", "show", "twice")).out()).contains("deliveries: 2 queued");
    }
}
