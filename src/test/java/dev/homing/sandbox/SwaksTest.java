package dev.homing.sandbox;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox as seen by a client we did not write: swaks, from Debian. */
class SwaksTest {
    static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static String swaks(String to, String... extra) throws Exception {
        var cmd = new java.util.ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port",
                String.valueOf(sandbox.smtpAddress().getPort()), "--from", "rehearsal@homing.test", "--to", to, "--timeout", "10"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void acceptsWithPipeliningAndTls() throws Exception {
        String out = swaks("ann@accept.sandbox.test", "--pipeline", "--tls");
        assertThat(out).contains("250-PIPELINING").contains("=== TLS started").contains("<~  250 2.0.0 Ok: queued as");
        assertThat(sandbox.stats().timesAccepted("ann@accept.sandbox.test")).isEqualTo(1);
    }

    @Test
    void refusesUnknownUsersAndBlockedClientsWithEnhancedCodes() throws Exception {
        assertThat(swaks("bob@user-unknown.sandbox.test")).contains("<** 550 5.1.1 <bob@user-unknown.sandbox.test>: Recipient address rejected");
        assertThat(swaks("cy@blocked.sandbox.test")).contains("<** 550-5.7.1 Service unavailable");
        assertThat(swaks("mailbox-full+1@accept.sandbox.test")).contains("<** 452-4.2.2");
    }
}
