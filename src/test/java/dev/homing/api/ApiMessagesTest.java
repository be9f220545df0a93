package dev.homing.api;

import dev.homing.access.Scope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.dns.Dns;
import dev.homing.campaign.PythonCheck;
import dev.homing.delivery.Routes;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.homing.api.ApiNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transactional mail and the domain check over the API. What the engine delivers is captured by Python's
 * aiosmtpd (an SMTP server that is not ours), parsed by Python's email package and verified by dkimpy.
 */
class ApiMessagesTest {
    static Process capture;
    static Path inbox;
    static int capturePort;

    @TempDir
    Path home;
    FakeDns dns;
    ApiNode node;

    @BeforeAll
    static void startCapture() throws Exception {
        inbox = Files.createTempDirectory("inbox");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            capturePort = s.getLocalPort();
        }
        Path script = Files.createTempFile("capture", ".py");
        try (InputStream in = ApiMessagesTest.class.getResourceAsStream("/campaign/smtp_capture.py")) {
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
    static void stopCapture() {
        capture.destroy();
    }

    @BeforeEach
    void start() throws IOException {
        dns = new FakeDns();
        node = new ApiNode(home, Routes.none().add("capture.test=127.0.0.1:" + capturePort), Dns.using(dns.resolver()),
                "https://mail.homing.test");
    }

    @AfterEach
    void stop() {
        node.close();
        dns.close();
    }

    /** The captured message whose envelope names this recipient, once it has arrived. */
    static byte[] arrived(String recipient) throws Exception {
        Path[] found = {null};
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found[0] = capturedFor(recipient).orElse(null);
            return found[0] != null;
        });
        return Files.readAllBytes(found[0]);
    }

    static Optional<Path> capturedFor(String recipient) throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path env : files.filter(p -> p.toString().endsWith(".env")).toList()) {
                Path eml = env.resolveSibling(env.getFileName().toString().replace(".env", ".eml"));
                if (Files.readAllLines(env).contains(recipient) && Files.exists(eml)) {
                    return Optional.of(eml);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void oneMessageIsQueuedSignedAndDelivered() throws Exception {
        DkimKey rsa = DkimKey.generate("shop.homing.test", ApiNode.SELECTOR, DkimAlgorithm.RSA_SHA256, 2048);
        rsa.save(home);
        String k = node.key(Scope.MESSAGES_SEND, Scope.REPORTS_READ);
        String text = "Your order {{number}} has shipped.\n.\n.. a line of dots\nThanks, Zoë";
        HttpResponse<String> r = node.post("/api/v1/messages", k, "{\"to\": \"ann@capture.test\", \"from\": \"orders@shop.homing.test\","
                + " \"subject\": \"Order {{42}} shipped – ✓\", \"text\": " + ApiNode.JSON.writeValueAsString(text)
                + ", \"html\": \"<p>Your order has <b>shipped</b>.</p>\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode accepted = json(r);
        long id = accepted.get("id").asLong();
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/deliveries/" + id);
        assertThat(accepted.get("signed").asBoolean()).isTrue();
        assertThat(accepted.get("to").asText()).isEqualTo("ann@capture.test");

        node.engine.start();
        byte[] eml = arrived("ann@capture.test");
        JsonNode mime = PythonCheck.mime(eml);
        assertThat(mime.get("defects")).isEmpty();
        assertThat(mime.get("subject").asText()).isEqualTo("Order {{42}} shipped – ✓");
        assertThat(mime.get("from").asText()).isEqualTo("orders@shop.homing.test");
        assertThat(mime.get("to").asText()).isEqualTo("ann@capture.test");
        assertThat(mime.get("message_id").asText()).endsWith("@shop.homing.test>");
        assertThat(mime.at("/parts/0/type").asText()).isEqualTo("multipart/alternative");
        assertThat(mime.at("/parts/1/text").asText()).isEqualTo(text);
        assertThat(mime.at("/parts/2/type").asText()).isEqualTo("text/html");
        assertThat(mime.at("/parts/2/text").asText()).contains("<b>shipped</b>");
        assertThat(PythonCheck.dkim(eml, List.of(ApiNode.SELECTOR + "._domainkey.shop.homing.test=" + rsa.txtValue()))).isEqualTo("ok\n");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            node.queue.flush();
            return json(node.get("/api/v1/deliveries/" + id, k)).get("state").asText().equals("delivered");
        });
        JsonNode timeline = json(node.get("/api/v1/deliveries/" + id, k));
        assertThat(timeline.get("recipient").asText()).isEqualTo("ann@capture.test");
        assertThat(timeline.at("/timeline/0/code").asInt()).isEqualTo(250);
        // issue 20: a final delivery has no next attempt, and every time is written the same way, at most to the millisecond
        assertThat(timeline.path("next_attempt_at").isNull() || timeline.path("next_attempt_at").isMissingNode()).as(timeline.toString()).isTrue();
        for (String time : List.of(timeline.get("created_at").asText(), timeline.get("updated_at").asText(), timeline.at("/timeline/0/at").asText())) {
            assertThat(time).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?Z");
        }
    }

    @Test
    void unsignedSuppressedAndBadMessages() throws Exception {
        String k = node.key(Scope.MESSAGES_SEND, Scope.SUPPRESSION_WRITE);
        HttpResponse<String> plain = node.post("/api/v1/messages", k,
                "{\"to\": \"bob@capture.test\", \"from\": \"hello@nokey.homing.test\", \"subject\": \"Hi\", \"text\": \"Hello\"}");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(202);
        assertThat(json(plain).get("signed").asBoolean()).isFalse();

        assertThat(node.post("/api/v1/suppressions", k, "{\"email\": \"gone@capture.test\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> suppressed = node.post("/api/v1/messages", k,
                "{\"to\": \"gone@capture.test\", \"from\": \"hello@nokey.homing.test\", \"subject\": \"Hi\", \"html\": \"<p>Hello</p>\"}");
        assertThat(suppressed.statusCode()).isEqualTo(202);
        assertThat(json(suppressed).get("state").asText()).isEqualTo("suppressed");

        HttpResponse<String> badTo = node.post("/api/v1/messages", k,
                "{\"to\": \"bob@\", \"from\": \"hello@nokey.homing.test\", \"subject\": \"Hi\", \"text\": \"x\"}");
        assertThat(badTo.statusCode()).isEqualTo(422);
        assertThat(json(badTo).get("field").asText()).isEqualTo("to");
        assertThat(json(node.post("/api/v1/messages", k, "{\"to\": \"bob@capture.test\", \"from\": \"hello@nokey.homing.test\","
                + " \"subject\": \"Hi\"}")).get("detail").asText()).isEqualTo("text: give text, html or both");
        assertThat(json(node.post("/api/v1/messages", k, "{\"to\": \"{{x}}@capture.test\", \"from\": \"a@nokey.homing.test\","
                + " \"subject\": \"Hi\", \"text\": \"x\"}")).get("field").asText()).isEqualTo("to");
        assertThat(json(node.post("/api/v1/messages", k, "{\"to\": [\"bob@capture.test\"]}")).get("detail").asText())
                .isEqualTo("to: must be a string");
        assertThat(json(node.post("/api/v1/messages", k, "{\"to\": \"bob@capture.test\", \"cc\": \"x@capture.test\"}")).get("field").asText())
                .isEqualTo("cc");

        node.engine.start();
        JsonNode mime = PythonCheck.mime(arrived("bob@capture.test"));
        assertThat(mime.at("/parts/0/type").asText()).isEqualTo("text/plain");
        assertThat(mime.at("/parts/0/text").asText()).isEqualTo("Hello");
        assertThat(new String(Files.readAllBytes(capturedFor("bob@capture.test").orElseThrow()))).doesNotContain("DKIM-Signature");
        Thread.sleep(500);
        assertThat(capturedFor("gone@capture.test")).as("a suppressed address gets nothing").isEmpty();
    }

    @Test
    void domainCheckAsksDnsWithThisNodesSettings() throws Exception {
        DkimKey ed = DkimKey.generate("shop.homing.test", ApiNode.SELECTOR, DkimAlgorithm.ED25519_SHA256, 0);
        ed.save(home);
        dns.txt("shop.homing.test", "v=spf1 include:bounces.homing.test -all");
        dns.txt("bounces.homing.test", "v=spf1 ip4:127.0.0.1 -all");
        dns.txt(ApiNode.SELECTOR + "._domainkey.shop.homing.test", ed.txtValue());
        dns.txt("_dmarc.shop.homing.test", "v=DMARC1; p=quarantine; rua=mailto:dmarc@shop.homing.test");
        dns.add("bounces.homing.test. 300 IN MX 10 mx.bounces.homing.test.");
        dns.add("1.0.0.127.in-addr.arpa. 300 IN PTR mail.shop.homing.test.");
        dns.add("mail.shop.homing.test. 300 IN A 127.0.0.1");
        String k = node.key(Scope.DOMAINS_READ);

        HttpResponse<String> r = node.get("/api/v1/domains/Shop.Homing.Test./check", k);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode ok = json(r);
        assertThat(ok.get("domain").asText()).isEqualTo("shop.homing.test");
        assertThat(ok.get("bounce_domain").asText()).isEqualTo("bounces.homing.test");
        assertThat(ok.get("sendable").asBoolean()).as(ok.get("text").asText()).isTrue();
        assertThat(ok.get("findings")).anySatisfy(f -> {
            assertThat(f.get("topic").asText()).isEqualTo("DKIM");
            assertThat(f.get("status").asText()).isEqualTo("pass");
        });
        assertThat(ok.get("checklist")).hasSize(6);

        // a domain with nothing published: blocked, each finding with its fix
        JsonNode bare = json(node.get("/api/v1/domains/other.homing.test/check", k));
        assertThat(bare.get("sendable").asBoolean()).isFalse();
        assertThat(bare.get("findings")).anySatisfy(f -> {
            assertThat(f.get("topic").asText()).isEqualTo("DKIM");
            assertThat(f.get("blocking").asBoolean()).isTrue();
            assertThat(f.get("fix").asText()).contains("homing dkim keygen");
        });

        assertThat(json(node.get("/api/v1/domains/b%C3%BCcher.example/check", k)).get("domain").asText()).isEqualTo("xn--bcher-kva.example");
        HttpResponse<String> badName = node.get("/api/v1/domains/-bad-.example/check", k);
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(json(badName).get("field").asText()).isEqualTo("domain");
        assertThat(node.get("/api/v1/domains/shop.homing.test/check", node.key(Scope.LISTS_READ)).statusCode()).isEqualTo(403);
    }
}
