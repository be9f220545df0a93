package dev.homing.campaign;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spamc-protocol client against Debian's real spamd, and against broken servers on loopback. */
class SpamdTest {
    /** SpamAssassin's standard test string: always spam, 1000 points. */
    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    static LocalSpamd spamd;

    @BeforeAll
    static void start() throws Exception {
        spamd = LocalSpamd.start();
    }

    @AfterAll
    static void stop() throws IOException {
        spamd.close();
    }

    static byte[] plain(String headers, String body) {
        return ("From: news@example.com\r\nTo: ada@example.org\r\nSubject: Spring list\r\n" + headers + "\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void pingsAndReportsGtubeAsSpamWithRuleDescriptions() throws Exception {
        SpamdClient client = spamd.client(Duration.ofSeconds(30));
        client.ping();
        SpamdResult r = client.report(plain("", "Hello\r\n" + GTUBE + "\r\n"));
        assertThat(r.spam()).isTrue();
        assertThat(r.score()).isGreaterThanOrEqualTo(1000);
        assertThat(r.threshold()).isEqualTo(5.0);
        assertThat(r.address()).isEqualTo("127.0.0.1:" + spamd.port());
        assertThat(r.rules()).anySatisfy(rule -> {
            assertThat(rule.name()).isEqualTo("GTUBE");
            assertThat(rule.points()).isEqualTo(1000);
            assertThat(rule.description()).containsIgnoringCase("test");
        });
    }

    @Test
    void reportsHamWithTheRulesThatHit() throws Exception {
        // no Date and no Message-ID: core rules any SpamAssassin version has
        SpamdResult r = spamd.client(Duration.ofSeconds(30)).report(plain("", "Our spring reading list is out.\r\n"));
        assertThat(r.spam()).isFalse();
        assertThat(r.score()).isLessThan(r.threshold());
        assertThat(r.rules()).anySatisfy(rule -> {
            assertThat(rule.name()).isEqualTo("MISSING_DATE");
            assertThat(rule.points()).isPositive();
            assertThat(rule.description()).isEqualTo("Missing Date: header");
        });
    }

    @Test
    void symbolsGiveNamesOnly() throws Exception {
        SpamdResult r = spamd.client(Duration.ofSeconds(30)).symbols(plain("", GTUBE + "\r\n"));
        assertThat(r.spam()).isTrue();
        assertThat(r.rules()).extracting(SpamdResult.Rule::name).contains("GTUBE", "MISSING_DATE");
        assertThat(r.rules()).allSatisfy(rule -> assertThat(rule.points()).isNaN());
    }

    @Test
    void theContentCheckMergesSpamdsScoreAndHits() {
        ContentCheck check = ContentCheck.standard().withSpamd(spamd.client(Duration.ofSeconds(30)));
        ContentReport r = check.check(ContentMail.clean().body("Reference " + GTUBE).bytes());
        assertThat(r.score()).as("our own score is not inflated by spamd's").isZero();
        assertThat(r.spamd()).hasValueSatisfying(s -> assertThat(s.spam()).isTrue());
        assertThat(r.verdict()).isEqualTo(ContentVerdict.LIKELY_FILTERED);
        assertThat(r.findings()).filteredOn(f -> f.origin() == ContentFinding.Origin.SPAMASSASSIN)
                .extracting(ContentFinding::rule).contains("GTUBE");
        assertThat(r.toText()).contains("SpamAssassin (spamd at 127.0.0.1:" + spamd.port() + "): ").contains(", spam\n")
                .containsPattern("\\+1000\\.0 GTUBE");

        ContentReport clean = check.check(ContentMail.clean().bytes());
        assertThat(clean.spamd()).hasValueSatisfying(s -> assertThat(s.spam()).isFalse());
        assertThat(clean.verdict()).isEqualTo(ContentVerdict.LIKELY_FINE);
    }

    @Test
    void anUnreachableSpamdDoesNotFailTheCheck() throws Exception {
        int port = closedPort();
        ContentReport r = ContentCheck.standard().withSpamd(new SpamdClient("127.0.0.1", port, Duration.ofSeconds(2)))
                .check(ContentMail.clean().bytes());
        assertThat(r.spamd()).isEmpty();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("spamd-unavailable");
            assertThat(f.points()).isZero();
            assertThat(f.explanation()).contains("127.0.0.1:" + port).contains("refused");
        });
        assertThat(r.verdict()).isEqualTo(ContentVerdict.LIKELY_FINE);
    }

    // ---- broken servers ----

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A one-connection server on loopback that does {@code behaviour} with the accepted socket. */
    static ServerSocket fake(Consumer<Socket> behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                behaviour.accept(s);
            } catch (IOException ignored) {
                // the test closed the server
            }
        });
        return server;
    }

    static Consumer<Socket> answering(String answer) {
        return s -> {
            try {
                readRequest(s.getInputStream());
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException ignored) {
                // the client gave up
            }
        };
    }

    /** Reads until the client half-closes, as spamd reads Content-length bytes. */
    static void readRequest(InputStream in) throws IOException {
        in.transferTo(OutputStream.nullOutputStream());
    }

    static String error(ServerSocket server, Duration timeout, byte[] message) {
        SpamdClient client = new SpamdClient("127.0.0.1", server.getLocalPort(), timeout);
        try (server) {
            client.report(message);
            throw new AssertionError("no error");
        } catch (SpamdException e) {
            assertThat(e.getMessage()).contains("spamd at 127.0.0.1:" + server.getLocalPort());
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static final byte[] SMALL = plain("", "hi\r\n");

    @Test
    void refusedConnectionNamesTheAddress() throws Exception {
        int port = closedPort();
        assertThatThrownBy(() -> new SpamdClient("127.0.0.1", port, Duration.ofSeconds(2)).ping())
                .isInstanceOf(SpamdException.class)
                .hasMessage("spamd at 127.0.0.1:" + port + " refused the connection (is spamd running and listening there?)");
    }

    @Test
    void garbageAnswerIsNamed() throws Exception {
        assertThat(error(fake(answering("HTTP/1.1 400 Bad Request\r\n\r\n")), Duration.ofSeconds(5), SMALL))
                .endsWith("answered something that is not the spamd protocol: \"HTTP/1.1 400 Bad Request\"");
        assertThat(error(fake(answering("x".repeat(20000))), Duration.ofSeconds(5), SMALL))
                .contains("not the spamd protocol");
    }

    @Test
    void hangUpWithoutAnswerIsNamed() throws Exception {
        assertThat(error(fake(s -> {
            try {
                readRequest(s.getInputStream());
            } catch (IOException ignored) {
                // the client gave up
            }
        }), Duration.ofSeconds(5), SMALL)).endsWith("closed the connection without answering");
        assertThat(error(fake(answering("SPAMD/1.1 0 EX_OK\r\nContent-length: 500\r\nSpam: False ; 1.0 / 5.0\r\n\r\nshort")),
                Duration.ofSeconds(5), SMALL)).endsWith("closed the connection in the middle of its answer (5 of 500 bytes)");
    }

    @Test
    void spamdErrorsAndMissingScoresAreNamed() throws Exception {
        assertThat(error(fake(answering("SPAMD/1.0 76 Bad header line: (Content-Length contains non-numeric bytes)\r\n")),
                Duration.ofSeconds(5), SMALL)).endsWith("refused the request: error 76 Bad header line: (Content-Length contains non-numeric bytes)");
        assertThat(error(fake(answering("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n")), Duration.ofSeconds(5), SMALL))
                .endsWith("answered without a readable Spam header");
        assertThat(error(fake(answering("SPAMD/1.1 0 EX_OK\r\nSpam: maybe\r\n\r\n")), Duration.ofSeconds(5), SMALL))
                .endsWith("answered without a readable Spam header: \"maybe\"");
    }

    @Test
    void aSilentServerTimesOutInsteadOfHanging() throws Exception {
        long start = System.nanoTime();
        assertThat(error(fake(s -> sleep()), Duration.ofMillis(300), SMALL)).endsWith("did not answer within 300 ms");
        // a server that never reads: writing 8 MB fills the socket buffers, the watchdog still ends it
        assertThat(error(fake(s -> sleep()), Duration.ofMillis(300), new byte[8 << 20])).endsWith("did not answer within 300 ms");
        // one that trickles a byte at a time never finishes either
        assertThat(error(fake(s -> {
            try {
                for (int i = 0; i < 100; i++) {
                    s.getOutputStream().write('S');
                    s.getOutputStream().flush();
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException ignored) {
                // the client hung up
            }
        }), Duration.ofMillis(300), SMALL)).endsWith("did not answer within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    static void sleep() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void parsesAddressesAndReportTables() {
        assertThat(SpamdClient.of("spam.example.net", Duration.ofSeconds(1)).address()).isEqualTo("spam.example.net:783");
        assertThat(SpamdClient.of("10.0.0.5:7830", Duration.ofSeconds(1)).address()).isEqualTo("10.0.0.5:7830");
        assertThat(SpamdClient.of("[::1]:7830", Duration.ofSeconds(1)).address()).isEqualTo("[::1]:7830");
        assertThatThrownBy(() -> SpamdClient.of("host:port", Duration.ofSeconds(1))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SpamdClient.of("host:0", Duration.ofSeconds(1))).hasMessageContaining("not a TCP port");

        String report = """
                Content preview:  Win 100 points with -1.0 offers

                Content analysis details:   (6.1 points, 5.0 required)

                 pts rule name              description
                ---- ---------------------- --------------------------------------------------
                 2.5 URIBL_EXAMPLE          Contains an URL listed in an example blocklist
                                            [URIs: example.net]
                -1.9 BAYES_00               BODY: Bayes spam probability is 0 to 1%
                                            [score: 0.0000]
                 0.0 HTML_MESSAGE           BODY: HTML included in message
                 5.5 A_VERY_LONG_RULE_NAME_THAT_OVERFLOWS Something

                """;
        assertThat(SpamdClient.reportRules(report)).containsExactly(
                new SpamdResult.Rule("URIBL_EXAMPLE", 2.5, "Contains an URL listed in an example blocklist [URIs: example.net]"),
                new SpamdResult.Rule("BAYES_00", -1.9, "BODY: Bayes spam probability is 0 to 1% [score: 0.0000]"),
                new SpamdResult.Rule("HTML_MESSAGE", 0.0, "BODY: HTML included in message"),
                new SpamdResult.Rule("A_VERY_LONG_RULE_NAME_THAT_OVERFLOWS", 5.5, "Something"));
    }
}
