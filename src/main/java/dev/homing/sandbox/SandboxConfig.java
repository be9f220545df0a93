package dev.homing.sandbox;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a {@link Sandbox} runs.
 *
 * @param smtpPort          port of the simulated MX on 127.0.0.1; 0 picks a free port
 * @param hostname          the sandbox's host name: in the banner, EHLO reply, Received and DSNs
 *                          (DSNs come from {@code MAILER-DAEMON@hostname})
 * @param greylistDelay     how long a (client IP, sender, recipient) triplet is greylisted after its first attempt
 * @param lateBounceDelay   how long after the 250 a late-bounce DSN is sent
 * @param deferSessionLimit the "under load" limit: a defer domain answers 421 at RCPT when more than this
 *                          many sessions for it are open at once
 * @param dsnRelay          where DSNs are delivered, by the domain of the envelope sender they go to
 *                          (the function may return null for "nowhere"); null: DSNs are only counted and logged
 * @param hangDuration      how long the timeout behaviours stay silent before giving up (they also end when the
 *                          client disconnects or the sandbox closes)
 * @param startTls          whether the simulated MX offers STARTTLS (with a self-signed certificate made at start)
 * @param slowReply         how long the slow behaviour waits after the dot before its 250
 * @param idleTimeout       how long the simulated MX waits for a client's next command or data before it answers
 *                          {@code 421} and closes (RFC 5321 4.5.3.2.7 says at least 5 minutes)
 */
public record SandboxConfig(
        int smtpPort,
        String hostname,
        Duration greylistDelay,
        Duration lateBounceDelay,
        int deferSessionLimit,
        Function<String, InetSocketAddress> dsnRelay,
        Duration hangDuration,
        boolean startTls,
        Duration slowReply,
        Duration idleTimeout) {

    public SandboxConfig {
        if (smtpPort < 0 || smtpPort > 65535) {
            throw new IllegalArgumentException("smtp port out of range: " + smtpPort);
        }
        Objects.requireNonNull(hostname, "hostname");
        if (hostname.isBlank() || hostname.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("hostname must be a plain host name: \"" + hostname + "\"");
        }
        requireNotNegative(greylistDelay, "greylistDelay");
        requireNotNegative(lateBounceDelay, "lateBounceDelay");
        requireNotNegative(hangDuration, "hangDuration");
        requireNotNegative(slowReply, "slowReply");
        requireNotNegative(idleTimeout, "idleTimeout");
        if (hangDuration.isZero()) {
            throw new IllegalArgumentException("hangDuration must be positive");
        }
        if (idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        if (deferSessionLimit < 1) {
            throw new IllegalArgumentException("deferSessionLimit must be at least 1: " + deferSessionLimit);
        }
    }

    /**
     * Free port, host {@code mx.sandbox.test}, greylisting for 2 s, late bounces after 5 s, defer above
     * 2 concurrent sessions per domain, no DSN relay, timeouts hang for 10 minutes, STARTTLS offered,
     * idle clients cut after 5 minutes.
     */
    public static SandboxConfig defaults() {
        return new SandboxConfig(0, "mx." + Behaviour.DOMAIN, Duration.ofSeconds(2), Duration.ofSeconds(5), 2,
                null, Duration.ofMinutes(10), true, Duration.ofMillis(300), Duration.ofMinutes(5));
    }

    public SandboxConfig withSmtpPort(int port) {
        return new SandboxConfig(port, hostname, greylistDelay, lateBounceDelay, deferSessionLimit, dsnRelay, hangDuration, startTls, slowReply, idleTimeout);
    }

    public SandboxConfig withHostname(String name) {
        return new SandboxConfig(smtpPort, name, greylistDelay, lateBounceDelay, deferSessionLimit, dsnRelay, hangDuration, startTls, slowReply, idleTimeout);
    }

    public SandboxConfig withGreylistDelay(Duration delay) {
        return new SandboxConfig(smtpPort, hostname, delay, lateBounceDelay, deferSessionLimit, dsnRelay, hangDuration, startTls, slowReply, idleTimeout);
    }

    public SandboxConfig withLateBounceDelay(Duration delay) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, delay, deferSessionLimit, dsnRelay, hangDuration, startTls, slowReply, idleTimeout);
    }

    public SandboxConfig withDeferSessionLimit(int limit) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, lateBounceDelay, limit, dsnRelay, hangDuration, startTls, slowReply, idleTimeout);
    }

    /** DSNs go where the function says for the envelope sender's domain; null turns relaying off. */
    public SandboxConfig withDsnRelay(Function<String, InetSocketAddress> relay) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, lateBounceDelay, deferSessionLimit, relay, hangDuration, startTls, slowReply, idleTimeout);
    }

    /** Every DSN goes to this one SMTP server, whatever the envelope sender's domain; null turns relaying off. */
    public SandboxConfig withDsnRelayTo(InetSocketAddress relay) {
        return withDsnRelay(relay == null ? null : domain -> relay);
    }

    public SandboxConfig withSlowReply(Duration delay) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, lateBounceDelay, deferSessionLimit, dsnRelay, hangDuration, startTls, delay, idleTimeout);
    }

    public SandboxConfig withHangDuration(Duration hang) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, lateBounceDelay, deferSessionLimit, dsnRelay, hang, startTls, slowReply, idleTimeout);
    }

    public SandboxConfig withStartTls(boolean offer) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, lateBounceDelay, deferSessionLimit, dsnRelay, hangDuration, offer, slowReply, idleTimeout);
    }

    public SandboxConfig withIdleTimeout(Duration limit) {
        return new SandboxConfig(smtpPort, hostname, greylistDelay, lateBounceDelay, deferSessionLimit, dsnRelay, hangDuration, startTls, slowReply, limit);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
