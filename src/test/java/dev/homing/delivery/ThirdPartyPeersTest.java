package dev.homing.delivery;

import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Stage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Our SMTP client against servers we did not write: Postfix's smtp-sink and Python's aiosmtpd. */
class ThirdPartyPeersTest {
    static final ClientSettings CLIENT = ClientSettings.defaults("client.homing.test").withTimeouts(Timeouts.all(Duration.ofSeconds(5)));
    static final Payload MESSAGE = new Payload("Subject: test\r\nFrom: a@homing.test\r\n\r\nhello\r\n..dot-stuffed line\r\n"
            .getBytes(StandardCharsets.US_ASCII), false);

    static SmtpSession open(Peer peer, TlsPolicy tls) throws SessionFailure {
        return SmtpSession.open(peer.address, "peer.test", CLIENT, tls, Tls.unverified());
    }

    @Test
    void smtpSinkPipelinedTransactionsOverOneConnection() throws Exception {
        try (Peer sink = Peer.smtpSink(); SmtpSession s = open(sink, TlsPolicy.OPPORTUNISTIC)) {
            assertThat(s.offers("PIPELINING")).isTrue();
            assertThat(s.offers("ENHANCEDSTATUSCODES")).isTrue();
            AtomicInteger gates = new AtomicInteger();
            for (int i = 0; i < 5; i++) {
                Transaction t = s.send("from@homing.test", "to" + i + "@sink.test", MESSAGE, gates::incrementAndGet);
                assertThat(t.stage()).isEqualTo(Stage.DOT);
                assertThat(t.reply().code()).isEqualTo(250);
                assertThat(t.reusable()).isTrue();
                assertThat(t.steps()).extracting(Step::stage).containsExactly(Stage.MAIL, Stage.RCPT, Stage.DATA, Stage.DOT);
            }
            assertThat(gates).as("the dot gate ran once per message, before each dot").hasValue(5);
            assertThat(s.transactions()).isEqualTo(5);
        }
    }

    @Test
    void smtpSinkHardRejectAtRcptKeepsTheConnectionUsable() throws Exception {
        try (Peer sink = Peer.smtpSink("-f", "RCPT", "-B", "550 5.1.1 Recipient address rejected: User unknown");
             SmtpSession s = open(sink, TlsPolicy.OPPORTUNISTIC)) {
            Transaction t = s.send("from@homing.test", "nobody@sink.test", MESSAGE, () -> { throw new AssertionError("no dot"); });
            assertThat(t.stage()).isEqualTo(Stage.RCPT);
            assertThat(t.reply().code()).isEqualTo(550);
            assertThat(t.reply().enhanced()).hasToString("5.1.1");
            assertThat(t.reply().text()).contains("User unknown");
            assertThat(t.reusable()).as("RSET after the failed transaction").isTrue();
            assertThat(s.send("from@homing.test", "other@sink.test", MESSAGE, () -> { }).stage()).isEqualTo(Stage.RCPT);
        }
    }

    @Test
    void smtpSinkSoftRejectAtRcpt() throws Exception {
        try (Peer sink = Peer.smtpSink("-r", "RCPT", "-b", "452 4.2.2 Mailbox full"); SmtpSession s = open(sink, TlsPolicy.OPPORTUNISTIC)) {
            Transaction t = s.send("from@homing.test", "full@sink.test", MESSAGE, () -> { });
            assertThat(t.stage()).isEqualTo(Stage.RCPT);
            assertThat(t.reply().code()).isEqualTo(452);
        }
    }

    @Test
    void smtpSinkWithoutEsmtpGetsHeloAndNoPipelining() throws Exception {
        try (Peer sink = Peer.smtpSink("-e"); SmtpSession s = open(sink, TlsPolicy.OPPORTUNISTIC)) {
            assertThat(s.offers("PIPELINING")).isFalse();
            Transaction t = s.send("from@homing.test", "to@sink.test", MESSAGE, () -> { });
            assertThat(t.reply().code()).isEqualTo(250);
            assertThat(t.steps()).extracting(Step::stage).containsExactly(Stage.MAIL, Stage.RCPT, Stage.DATA, Stage.DOT);
        }
    }

    @Test
    void smtpSink421AtRcptClosesTheConnection() throws Exception {
        try (Peer sink = Peer.smtpSink("-Q", "RCPT"); SmtpSession s = open(sink, TlsPolicy.OPPORTUNISTIC)) {
            Transaction t = s.send("from@homing.test", "to@sink.test", MESSAGE, () -> { });
            assertThat(t.stage()).isEqualTo(Stage.RCPT);
            assertThat(t.reply().code()).isEqualTo(421);
            assertThat(t.reusable()).isFalse();
        }
    }

    @Test
    void smtpSinkHangingUpAfterTheDotIsUncertain() throws Exception {
        try (Peer sink = Peer.smtpSink("-q", "."); SmtpSession s = open(sink, TlsPolicy.OPPORTUNISTIC)) {
            Transaction t = s.send("from@homing.test", "to@sink.test", MESSAGE, () -> { });
            assertThat(t.stage()).isEqualTo(Stage.DOT);
            assertThat(t.reply().code()).isEqualTo(InternalCode.DOT_CONNECTION_LOST.code());
            assertThat(t.reusable()).isFalse();
        }
    }

    @Test
    void smtpSinkSilentAfterTheDotIs147() throws Exception {
        ClientSettings quick = CLIENT.withTimeouts(Timeouts.all(Duration.ofSeconds(5)).withDot(Duration.ofMillis(700)));
        try (Peer sink = Peer.smtpSink("-W", ".:3");
             SmtpSession s = SmtpSession.open(sink.address, "peer.test", quick, TlsPolicy.NONE, Tls.unverified())) {
            Transaction t = s.send("from@homing.test", "to@sink.test", MESSAGE, () -> { });
            assertThat(t.stage()).isEqualTo(Stage.DOT);
            assertThat(t.reply().code()).isEqualTo(147);
        }
    }

    @Test
    void aiosmtpdWithoutPipeliningWithSmtputf8() throws Exception {
        try (Peer aio = Peer.aiosmtpd("-u"); SmtpSession s = open(aio, TlsPolicy.OPPORTUNISTIC)) {
            assertThat(s.offers("PIPELINING")).isFalse();
            assertThat(s.offers("SMTPUTF8")).isTrue();
            Transaction t = s.send("from@homing.test", "josé@aio.test", MESSAGE, () -> { });
            assertThat(t.reply().code()).as(t.transcript()).isEqualTo(250);
            Transaction big = s.send("from@homing.test", "x@aio.test", new Payload("Subject: é\r\n\r\nbody é\r\n"
                    .getBytes(StandardCharsets.UTF_8), true), () -> { });
            assertThat(big.reply().code()).as(big.transcript()).isEqualTo(250);
        }
    }

    @Test
    void utf8AddressWithoutSmtputf8IsRefusedLocally() throws Exception {
        try (Peer aio = Peer.aiosmtpd(); SmtpSession s = open(aio, TlsPolicy.OPPORTUNISTIC)) {
            Transaction t = s.send("from@homing.test", "josé@aio.test", MESSAGE, () -> { });
            assertThat(t.reply().code()).isEqualTo(InternalCode.EXTENSION_MISSING.code());
            assertThat(t.steps()).as("nothing was sent").isEmpty();
        }
    }

    @Test
    void aiosmtpdSizeLimitIsCheckedBeforeSending() throws Exception {
        try (Peer aio = Peer.aiosmtpd("-s", "100"); SmtpSession s = open(aio, TlsPolicy.OPPORTUNISTIC)) {
            byte[] big = ("Subject: big\r\n\r\n" + "x".repeat(500) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            Transaction t = s.send("from@homing.test", "x@aio.test", new Payload(big, false), () -> { });
            assertThat(t.reply().code()).isEqualTo(InternalCode.MESSAGE_TOO_BIG.code());
        }
    }

    @Test
    void aiosmtpdStartTlsOpportunisticAndRequired() throws Exception {
        Path dir = Files.createTempDirectory("tls");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=aio.test",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        try (Peer aio = Peer.aiosmtpd("--tlscert", dir.resolve("cert.pem").toString(), "--tlskey", dir.resolve("key.pem").toString(),
                "--no-requiretls")) {
            try (SmtpSession s = open(aio, TlsPolicy.REQUIRED)) {
                assertThat(s.tls()).isTrue();
                assertThat(s.send("from@homing.test", "x@aio.test", MESSAGE, () -> { }).reply().code()).isEqualTo(250);
            }
            try (SmtpSession s = open(aio, TlsPolicy.NONE)) {
                assertThat(s.tls()).isFalse();
            }
        }
        try (Peer plain = Peer.aiosmtpd()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SessionFailure.class, () -> open(plain, TlsPolicy.REQUIRED)))
                    .satisfies(f -> {
                        assertThat(f.stage()).isEqualTo(Stage.STARTTLS);
                        assertThat(f.reply().code()).isEqualTo(InternalCode.TLS_REQUIRED.code());
                    });
        }
    }

    @Test
    void refusedConnectionAndSilentBanner() throws Exception {
        int port = Peer.freePort();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SessionFailure.class, () ->
                SmtpSession.open(new java.net.InetSocketAddress("127.0.0.1", port), "none.test", CLIENT, TlsPolicy.NONE, Tls.unverified())))
                .satisfies(f -> assertThat(f.reply().code()).isEqualTo(InternalCode.CONNECTION_REFUSED.code()));
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            ClientSettings quick = CLIENT.withTimeouts(Timeouts.all(Duration.ofMillis(500)));
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(SessionFailure.class, () ->
                    SmtpSession.open(new java.net.InetSocketAddress("127.0.0.1", silent.getLocalPort()), "silent.test", quick,
                            TlsPolicy.NONE, Tls.unverified())))
                    .satisfies(f -> {
                        assertThat(f.stage()).isEqualTo(Stage.BANNER);
                        assertThat(f.reply().code()).isEqualTo(160);
                    });
        }
    }
}
