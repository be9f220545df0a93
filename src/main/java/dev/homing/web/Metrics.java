package dev.homing.web;

import dev.homing.delivery.Engine;
import dev.homing.inbound.Inbox;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus view of a node ({@code GET /metrics}): attempts and outcomes by reason since start,
 * deliveries by state and waiting per destination, open connections, received messages by status
 * and kind. Database figures are read at most every ten seconds, whatever the scrape rate.
 */
public final class Metrics {
    private static final long REFRESH_NANOS = 10_000_000_000L;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Queue queue;
    private final Engine engine;
    private final Inbox inbox;
    private final Set<String> reasons = ConcurrentHashMap.newKeySet();
    private final Set<String> domains = ConcurrentHashMap.newKeySet();
    private final Set<String> inboundKeys = ConcurrentHashMap.newKeySet();
    private volatile Map<DeliveryState, Long> byState = Map.of();
    private volatile Map<String, Long> waiting = Map.of();
    private volatile Map<String, Long> received = Map.of();
    private long refreshedAt;

    public Metrics(Queue queue, Engine engine, Inbox inbox) {
        this.queue = queue;
        this.engine = engine;
        this.inbox = inbox;
        FunctionCounter.builder("homing.attempts", engine, e -> e.stats().attempts())
                .description("SMTP attempts judged since start").register(registry);
        Gauge.builder("homing.connections.open", engine, e -> e.stats().open())
                .description("SMTP connections open now").register(registry);
        for (DeliveryState s : DeliveryState.values()) {
            Gauge.builder("homing.deliveries", this, m -> m.byState.getOrDefault(s, 0L))
                    .tag("state", s.label()).description("Deliveries by state").register(registry);
        }
    }

    /** The registry's text, after bringing the figures up to date. */
    public synchronized String scrape() {
        long now = System.nanoTime();
        if (refreshedAt == 0 || now - refreshedAt > REFRESH_NANOS) {
            refresh();
            refreshedAt = now;
        }
        engine.outcomesByReason().keySet().forEach(reason -> {
            if (reasons.add(reason)) {
                FunctionCounter.builder("homing.outcomes", engine, e -> e.outcomesByReason().getOrDefault(reason, 0L))
                        .tag("reason", reason).description("Attempts judged since start, by reason").register(registry);
            }
        });
        return registry.scrape();
    }

    private void refresh() {
        byState = queue.view().countByState();
        Map<String, Long> w = queue.view().waitingByDomain();
        waiting = w;
        for (String d : w.keySet()) {
            if (domains.add(d)) {
                Gauge.builder("homing.destination.waiting", this, m -> m.waiting.getOrDefault(d, 0L))
                        .tag("destination", d).description("Deliveries waiting for an attempt, per destination domain").register(registry);
            }
        }
        received = inbox.counts();
        for (String k : received.keySet()) {
            if (inboundKeys.add(k)) {
                String[] sk = k.split(" ", 2);
                Gauge.builder("homing.inbound.messages", this, m -> m.received.getOrDefault(k, 0L))
                        .tag("status", sk[0]).tag("kind", sk.length > 1 ? sk[1] : "-")
                        .description("Messages received by the inbound server, by status and kind").register(registry);
            }
        }
    }

    /** The route of {@code GET /metrics}, for the scraper that holds the token; nothing without a token. */
    public static java.util.function.Consumer<io.javalin.config.JavalinConfig> route(java.util.function.Supplier<String> metrics,
                                                                                       String metricsToken) {
        return config -> {
            if (metrics == null || metricsToken == null) {
                return;
            }
            // what the node sends, to whom and how much: for the scraper that holds the token, not for anyone on the port
            byte[] expected = ("Bearer " + metricsToken).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            config.routes.get("/metrics", ctx -> {
                String given = ctx.header("Authorization");
                if (given == null || !java.security.MessageDigest.isEqual(given.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8), expected)) {
                    ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"homing metrics\"").result("send metrics.token as a bearer token");
                    return;
                }
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.get());
            });
        };
    }
}
