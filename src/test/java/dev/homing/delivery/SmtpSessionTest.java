package dev.homing.delivery;

import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Stage;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against scripted servers for the cases no real server produces on demand. */
class SmtpSessionTest {
    static final ClientSettings CLIENT = ClientSettings.defaults("client.homing.test").withTimeouts(Timeouts.all(Duration.ofSeconds(3)));

    /** A one-connection-at-a-time server that answers each command line with what the script says. */
    static ServerSocket scripted(String banner, Function<String, String> reply, AtomicInteger connections) throws Exception {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    OutputStream out = s.getOutputStream();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    out.write((banner + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    boolean data = false;
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (data) {
                            if (line.equals(".")) {
                                data = false;
                                out.write("250 2.0.0 Ok\r\n".getBytes(StandardCharsets.US_ASCII));
                            }
                        } else {
                            String r = reply.apply(line);
                            if (r == null) {
                                break;
                            }
                            out.write((r + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            data = line.equals("DATA") && r.startsWith("354");
                        }
                        out.flush();
                    }
                } catch (Exception e) {
                    if (server.isClosed()) {
                        return;
                    }
                }
            }
        });
        return server;
    }

    static final Payload MESSAGE = new Payload("Subject: t\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII), false);

    @Test
    void failedTlsHandshakeIs164() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (ServerSocket server = scripted("220 tls.test ESMTP", line -> switch (line.split(" ")[0]) {
            case "EHLO" -> "250-tls.test\r\n250 STARTTLS";
            case "STARTTLS" -> "220 2.0.0 Ready to start TLS\r\nTHIS IS NOT A TLS HANDSHAKE";
            default -> "250 ok";
        }, n)) {
            SessionFailure f = catchThrowableOfType(SessionFailure.class, () -> SmtpSession.open(
                    (InetSocketAddress) server.getLocalSocketAddress(), "tls.test", CLIENT, TlsPolicy.OPPORTUNISTIC, Tls.unverified()));
            assertThat(f.stage()).isEqualTo(Stage.STARTTLS);
            assertThat(f.reply().code()).isEqualTo(InternalCode.TLS_FAILED.code());
        }
    }

    @Test
    void ehloTemporaryRefusalFailsTheSessionSoTheNextMxIsTried() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (ServerSocket server = scripted("220 busy.test ESMTP", line -> line.startsWith("EHLO")
                ? "421-4.7.0 busy.test Too many connections\r\n421 4.7.0 try again later" : "250 ok", n)) {
            SessionFailure f = catchThrowableOfType(SessionFailure.class, () -> SmtpSession.open(
                    (InetSocketAddress) server.getLocalSocketAddress(), "busy.test", CLIENT, TlsPolicy.OPPORTUNISTIC, Tls.unverified()));
            assertThat(f.stage()).isEqualTo(Stage.EHLO);
            assertThat(f.reply().code()).isEqualTo(421);
            assertThat(f.reply().lines()).hasSize(2);
            assertThat(f.steps()).extracting(Step::stage).containsExactly(Stage.BANNER, Stage.EHLO);
        }
    }

    @Test
    void aJournalThatCannotRecordTheDotStopsTheMessageBeforeTheDot() throws Exception {
        try (dev.homing.sandbox.Sandbox sandbox = dev.homing.sandbox.Sandbox.start(dev.homing.sandbox.SandboxConfig.defaults())) {
            SmtpSession s = SmtpSession.open(sandbox.smtpAddress(), "mx.sandbox.test", CLIENT, TlsPolicy.NONE, Tls.unverified());
            Transaction t = s.send("a@homing.test", "ann@accept.sandbox.test", MESSAGE, () -> {
                throw new java.io.IOException("disk full");
            });
            assertThat(t.reply().code()).isEqualTo(InternalCode.LOCAL_ERROR.code());
            assertThat(t.reply().text()).contains("disk full");
            assertThat(t.reusable()).isFalse();
            Thread.sleep(200);
            assertThat(sandbox.stats().timesAccepted("ann@accept.sandbox.test")).as("no dot, no message").isZero();
        }
    }

    @Test
    void connectionIsReplacedAfterTheMaximumMessages() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (ServerSocket server = scripted("220 max.test ESMTP", line -> switch (line.split(" ")[0]) {
            case "EHLO" -> "250-max.test\r\n250 PIPELINING";
            case "DATA" -> "354 go ahead";
            case "QUIT" -> "221 bye";
            default -> "250 2.1.0 ok";
        }, n)) {
            ClientSettings two = new ClientSettings("client.homing.test", Timeouts.all(Duration.ofSeconds(3)), 2, Duration.ofSeconds(1));
            SmtpSession s = SmtpSession.open((InetSocketAddress) server.getLocalSocketAddress(), "max.test", two, TlsPolicy.NONE, Tls.unverified());
            assertThat(s.send("a@x.test", "b@max.test", MESSAGE, () -> { }).reply().code()).isEqualTo(250);
            assertThat(s.usable()).isTrue();
            assertThat(s.send("a@x.test", "c@max.test", MESSAGE, () -> { }).reply().code()).isEqualTo(250);
            assertThat(s.usable()).as("two messages is the maximum for this connection").isFalse();
            s.quitQuietly();
            assertThat(n).hasValue(1);
            assertThat(List.of(s.transactions())).containsExactly(2);
        }
    }

    /** Sends one message with every time limit at {@code limit}; returns the transaction and how long it took. */
    private static Transaction sendWithin(ServerSocket server, Duration limit, Payload message) throws Exception {
        ClientSettings c = ClientSettings.defaults("client.homing.test").withTimeouts(Timeouts.all(limit));
        SmtpSession s = SmtpSession.open((InetSocketAddress) server.getLocalSocketAddress(), "slow.test", c, TlsPolicy.NONE, Tls.unverified());
        try {
            return s.send("a@x.test", "b@slow.test", message, () -> { });
        } finally {
            s.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // without the watch: for ever
    void aServerSilentAfterMailTimesOutAtMailWithinItsLimitAndAPeriodOfTheWatch() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (ServerSocket server = scripted("220 slow.test ESMTP", line -> switch (line.split(" ")[0]) {
            case "EHLO" -> "250 slow.test";
            case "MAIL" -> {
                sleep(30_000); // never answers in time
                yield "250 late";
            }
            default -> "250 ok";
        }, n)) {
            long start = System.nanoTime();
            Transaction t = sendWithin(server, Duration.ofMillis(800), MESSAGE);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(t.stage()).isEqualTo(Stage.MAIL);
            assertThat(t.reply().code()).isEqualTo(InternalCode.DIALOG_TIMEOUT.code());
            assertThat(t.reusable()).isFalse();
            assertThat(ms).as("the limit, plus at most a period of the watch and some slack").isBetween(800L, 800L + 700L);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // without the watch: for ever
    void repliesEachWithinTheLimitAreNeverCutEvenWhenTheirSumIsLonger() throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (ServerSocket server = scripted("220 slow.test ESMTP", line -> {
            if (line.startsWith("EHLO")) {
                return "250 slow.test"; // no PIPELINING: MAIL, RCPT, DATA each wait for their reply
            }
            sleep(500);
            return line.equals("DATA") ? "354 go ahead" : "250 ok";
        }, n)) {
            Transaction t = sendWithin(server, Duration.ofMillis(900), MESSAGE);
            assertThat(t.stage()).isEqualTo(Stage.DOT);
            assertThat(t.reply().code()).isEqualTo(250);
            assertThat(t.steps()).extracting(Step::stage).containsExactly(Stage.MAIL, Stage.RCPT, Stage.DATA, Stage.DOT);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // without the watch: for ever
    void aServerThatStopsReadingTheMessageEndsTheTransferBeforeTheDotSafeToRetry() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept()) {
                    OutputStream out = s.getOutputStream();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                    out.write("220 stall.test ESMTP\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    String line;
                    while ((line = in.readLine()) != null) {
                        String r = line.startsWith("EHLO") ? "250 stall.test" : line.equals("DATA") ? "354 go ahead" : "250 ok";
                        out.write((r + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (line.equals("DATA")) {
                            release.await(); // reads no more: the client's socket buffers fill and its write blocks
                        }
                    }
                } catch (Exception ignored) {
                    // the client closed the connection
                }
            });
            byte[] big = new byte[32 * 1024 * 1024];
            java.util.Arrays.fill(big, (byte) 'x');
            for (int i = 998; i < big.length; i += 1000) {
                big[i] = '\r';
                big[i + 1] = '\n';
            }
            long start = System.nanoTime();
            Transaction t = sendWithin(server, Duration.ofMillis(800), new Payload(big, false));
            long ms = (System.nanoTime() - start) / 1_000_000;
            release.countDown();
            assertThat(t.stage()).isEqualTo(Stage.DATA);
            assertThat(t.reply().code()).isEqualTo(InternalCode.DIALOG_TIMEOUT.code());
            assertThat(t.reply().text()).contains("stopped reading the message");
            assertThat(t.steps()).extracting(Step::stage).doesNotContain(Stage.DOT);
            assertThat(ms).isLessThan(800L + 1_500L);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // without the watch: for ever
    void afterStartTlsASilentServerStillTimesOut() throws Exception {
        // the watch closes the plain socket under the TLS layer: the read through TLS fails with it
        try (dev.homing.sandbox.Sandbox sandbox = dev.homing.sandbox.Sandbox.start(dev.homing.sandbox.SandboxConfig.defaults())) {
            ClientSettings c = ClientSettings.defaults("client.homing.test").withTimeouts(Timeouts.all(Duration.ofMillis(800)));
            SmtpSession s = SmtpSession.open(sandbox.smtpAddress(), "mx.sandbox.test", c, TlsPolicy.REQUIRED, Tls.unverified());
            assertThat(s.tls()).isTrue();
            long start = System.nanoTime();
            Transaction t = s.send("a@homing.test", "x@dialog-timeout.sandbox.test", MESSAGE, () -> { });
            long ms = (System.nanoTime() - start) / 1_000_000;
            s.close();
            assertThat(t.reply().code()).isEqualTo(InternalCode.DIALOG_TIMEOUT.code());
            assertThat(t.stage()).isEqualTo(Stage.RCPT);
            assertThat(ms).isBetween(800L, 800L + 700L);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
