package dev.homing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.homing.smtp.Reply;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated MX's idle limit, kept by its sweep instead of socket timeouts: a client that says nothing
 * for longer is answered 421 and disconnected, wherever it stopped; a slow but steady client is never cut;
 * the timeout behaviours keep their own, longer, hang.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SandboxIdleTest {
    private static final Duration LIMIT = Duration.ofMillis(400);
    /** The sweep looks a quarter of the limit apart; beyond that, scheduling slack on a loaded 2-core box. */
    private static final Duration LATE = Duration.ofMillis(100 + 1_500);
    /** The client starts its clock a little after the sandbox starts waiting (the reply before must reach it first). */
    private static final Duration EARLIEST = LIMIT.minusMillis(100);
    private static final String TIMED_OUT = "Timeout waiting for data from client.";

    private Sandbox sandbox;

    private Sandbox start(SandboxConfig config) throws IOException {
        sandbox = Sandbox.start(config.withIdleTimeout(LIMIT));
        return sandbox;
    }

    /** Reads the next reply: a 421, no earlier than the idle limit and not much later. */
    private static Reply cutForIdleness(SmtpDialog d) throws IOException {
        long start = System.nanoTime();
        Reply reply = d.reply();
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reply.code()).isEqualTo(421);
        assertThat(waited).isGreaterThanOrEqualTo(EARLIEST).isLessThan(LIMIT.plus(LATE));
        return reply;
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void aClientSilentAfterTheBannerGetsA421AndIsDisconnected() throws IOException {
        start(SandboxConfig.defaults().withStartTls(false));
        try (SmtpDialog d = SmtpDialog.open(sandbox.smtpAddress(), 10_000)) {
            SmtpDialog.expect(d.reply(), 220);
            Reply reply = cutForIdleness(d);
            assertThat(reply.text()).isEqualTo(TIMED_OUT);
            assertThat(d.read()).isEqualTo(-1);
        }
    }

    @Test
    void aClientThatStopsInTheMiddleOfTheMessageGetsA421() throws IOException {
        start(SandboxConfig.defaults().withStartTls(false));
        long accepted;
        try (SmtpDialog d = SmtpDialog.open(sandbox.smtpAddress(), 10_000)) {
            SmtpDialog.expect(d.upToRcpt("a@bounces.example", "b@accept.sandbox.test"), 250);
            SmtpDialog.expect(d.command("DATA"), 354);
            d.send("Subject: half a message\r\n\r\n" + "x".repeat(20_000) + "\r\n");
            cutForIdleness(d);
            assertThat(d.read()).isEqualTo(-1);
            accepted = sandbox.stats().accepted(Behaviour.ACCEPT);
        }
        assertThat(accepted).as("a message cut short is not accepted").isZero();
    }

    @Test
    void aSlowButSteadyClientIsNeverCut() throws IOException, InterruptedException {
        start(SandboxConfig.defaults().withStartTls(false));
        try (SmtpDialog d = SmtpDialog.open(sandbox.smtpAddress(), 10_000)) {
            SmtpDialog.expect(d.reply(), 220);
            SmtpDialog.expect(d.command("EHLO client.example"), 250);
            // each pause below the limit, together five times it
            for (int i = 0; i < 8; i++) {
                Thread.sleep(LIMIT.toMillis() / 4);
                SmtpDialog.expect(d.command("NOOP"), 250);
            }
            SmtpDialog.expect(d.command("MAIL FROM:<a@bounces.example>"), 250);
            Thread.sleep(LIMIT.toMillis() / 4);
            SmtpDialog.expect(d.command("RCPT TO:<b@accept.sandbox.test>"), 250);
            SmtpDialog.expect(d.command("DATA"), 354);
            for (int i = 0; i < 8; i++) {
                Thread.sleep(LIMIT.toMillis() / 4);
                d.send("line " + i + " of a message sent slowly\r\n");
            }
            d.send(".\r\n");
            SmtpDialog.expect(d.reply(), 250);
            SmtpDialog.expect(d.command("QUIT"), 221);
        }
    }

    @Test
    void aHangKeepsItsOwnLimitLongerThanTheIdleOne() throws IOException {
        Duration hang = LIMIT.multipliedBy(4);
        start(SandboxConfig.defaults().withStartTls(false).withHangDuration(hang));
        try (SmtpDialog d = SmtpDialog.open(sandbox.smtpAddress(), 10_000)) {
            long start = System.nanoTime();
            Reply reply = d.upToRcpt("a@bounces.example", "x@dialog-timeout.sandbox.test");
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(reply.code()).isEqualTo(421);
            assertThat(reply.text()).isEqualTo("4.4.2 mx.sandbox.test Error: timeout exceeded");
            assertThat(waited).isGreaterThanOrEqualTo(hang);
        }
    }

    @Test
    void aHungSessionStillSeesItsClientLeaveAfterTheIdleLimitHasPassed() throws Exception {
        start(SandboxConfig.defaults().withStartTls(false).withHangDuration(Duration.ofSeconds(15)));
        String domain = "dialog-timeout.sandbox.test";
        try (SmtpDialog d = SmtpDialog.open(sandbox.smtpAddress(), 10_000)) {
            SmtpDialog.expect(d.reply(), 220);
            SmtpDialog.expect(d.command("EHLO client.example"), 250);
            SmtpDialog.expect(d.command("MAIL FROM:<a@bounces.example>"), 250);
            d.send("RCPT TO:<x@" + domain + ">\r\n");
            await().atMost(Duration.ofSeconds(3)).until(() -> sandbox.stats().concurrent(domain) == 1);
            Thread.sleep(LIMIT.multipliedBy(3).toMillis()); // well past the idle limit: the hang is still on
            assertThat(sandbox.stats().concurrent(domain)).isEqualTo(1);
        }
        // the client has gone: the hang notices at once, not when its 15 s are up
        await().atMost(Duration.ofSeconds(3)).until(() -> sandbox.stats().concurrent(domain) == 0);
    }

    @Test
    void aClientSilentAfterStartTlsIsDisconnected() throws Exception {
        start(SandboxConfig.defaults());
        try (SmtpDialog d = SmtpDialog.open(sandbox.smtpAddress(), 10_000)) {
            SmtpDialog.expect(d.reply(), 220);
            SmtpDialog.expect(d.command("EHLO client.example"), 250);
            d.startTls();
            SmtpDialog.expect(d.command("EHLO client.example"), 250);
            Reply reply = cutForIdleness(d);
            assertThat(reply.text()).isEqualTo(TIMED_OUT);
            int next;
            try {
                next = d.read();
            } catch (SocketException e) {
                next = -1; // the TLS layer may see the close as a reset
            }
            assertThat(next).isEqualTo(-1);
        }
    }
}
