package dev.homing.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the DSNs of late-bounce messages after the configured delay: one timer thread, one
 * virtual thread per delivery. DSNs still waiting when the sandbox closes are dropped.
 */
final class LateBounces implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(LateBounces.class);

    /**
     * What a late bounce needs to be reported: the envelope sender it goes back to, the
     * recipients that "failed", where and when the message came from, and its header section.
     */
    record Bounce(String returnPath, List<String> recipients, String clientIp, String helo,
                  ZonedDateTime arrival, String queueId, byte[] headers) {
    }

    private final SandboxConfig config;
    private final SandboxStats stats;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sandbox-late-bounce-timer").daemon().factory());
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sandbox-dsn-", 0).factory());

    LateBounces(SandboxConfig config, SandboxStats stats) {
        this.config = config;
        this.stats = stats;
    }

    void schedule(Bounce bounce) {
        if (bounce.returnPath().isEmpty()) {
            log.debug("no DSN for {}: null reverse-path", bounce.queueId());
            return;
        }
        try {
            timer.schedule(() -> {
                try {
                    senders.execute(() -> deliver(bounce));
                } catch (RejectedExecutionException closing) {
                    // the sandbox is closing
                }
            }, config.lateBounceDelay().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the sandbox is closing
        }
    }

    private void deliver(Bounce bounce) {
        byte[] dsn;
        try {
            dsn = DsnMessage.build(config.hostname(), bounce, ZonedDateTime.now());
        } catch (Exception e) {
            stats.onDsnFailed();
            log.warn("cannot build the late-bounce DSN for {}", bounce.queueId(), e);
            return;
        }
        stats.onDsnGenerated();
        InetSocketAddress relay = relayFor(bounce.returnPath());
        if (relay == null) {
            log.debug("late-bounce DSN for {} to <{}> not sent: no DSN relay for that domain", bounce.queueId(), bounce.returnPath());
            return;
        }
        try {
            DsnSender.send(relay, config.hostname(), bounce.returnPath(), dsn);
            stats.onDsnSent();
            log.debug("late-bounce DSN for {} sent to <{}> via {}", bounce.queueId(), bounce.returnPath(), relay);
        } catch (IOException e) {
            stats.onDsnFailed();
            log.warn("late-bounce DSN for {} to <{}> via {} failed: {}", bounce.queueId(), bounce.returnPath(), relay, e.toString());
        }
    }

    private InetSocketAddress relayFor(String returnPath) {
        if (config.dsnRelay() == null) {
            return null;
        }
        int at = returnPath.lastIndexOf('@');
        String domain = at < 0 ? "" : Behaviour.normalizeDomain(returnPath.substring(at + 1));
        try {
            return config.dsnRelay().apply(domain);
        } catch (RuntimeException e) {
            log.warn("the DSN relay function failed for domain {}", domain, e);
            return null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
        try {
            senders.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
