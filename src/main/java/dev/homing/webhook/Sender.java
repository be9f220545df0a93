package dev.homing.webhook;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.list.InstallSecret;
import dev.homing.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts due webhook events. One platform thread finds due rows and claims them; each post runs on
 * its own virtual thread, so a receiver that hangs holds one virtual thread for the timeout and
 * nobody else. Every attempt is logged; a 2xx answer delivers the event, anything else schedules
 * the next try after the backoff, and after the last one the event is failed.
 */
public final class Sender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sender.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * @param timeout     for connecting and for the whole exchange
     * @param backoff     the wait after each failed attempt; one attempt more than its size, then failed
     * @param poll        how often to look for due events when not woken
     * @param concurrency posts in flight at most
     * @param allowPrivate whether targets on loopback, private and link-local addresses are allowed ({@link Egress})
     */
    public record Settings(Duration timeout, List<Duration> backoff, Duration poll, int concurrency, boolean allowPrivate) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(10), List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
                    Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(6)), Duration.ofSeconds(1), 64, false);
        }

        public Settings allowingPrivateTargets(boolean allow) {
            return new Settings(timeout, backoff, poll, concurrency, allow);
        }
    }

    private record Due(long id, String kind, String payload, int attempts, String url, String secret) {
    }

    private final Database db;
    private final Webhooks webhooks;
    private final Settings settings;
    private final HttpClient http;
    private final ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final Object signal = new Object();
    private volatile boolean running;
    private Thread finder;

    public Sender(Database db, InstallSecret key) {
        this(db, key, Settings.defaults());
    }

    /** @param key the install secret the webhook secrets are sealed under */
    public Sender(Database db, InstallSecret key, Settings settings) {
        this.db = db;
        this.webhooks = new Webhooks(db, key);
        this.settings = settings;
        this.slots = new Semaphore(settings.concurrency());
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(posts).build();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        finder = Thread.ofPlatform().daemon(true).name("homing-webhook-sender").start(() -> {
            while (running) {
                int started = 0;
                try {
                    started = pass();
                } catch (RuntimeException e) {
                    log.warn("finding due webhook events failed, trying again shortly: {}", e.toString());
                }
                if (started == 0) {
                    synchronized (signal) {
                        try {
                            signal.wait(settings.poll().toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }
        });
    }

    /** New events were written: look now. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /** Claims due events, as many as there are free slots, and starts posting them; returns how many. */
    private int pass() {
        int free = slots.availablePermits();
        if (free == 0) {
            return 0;
        }
        int started = 0;
        for (Due d : due(free)) {
            if (!claim(d.id())) {
                continue; // another node took it
            }
            slots.acquireUninterruptibly();
            started++;
            posts.submit(() -> {
                try {
                    post(d);
                } catch (RuntimeException e) {
                    log.warn("webhook event {}: {}", d.id(), e.toString());
                } finally {
                    slots.release();
                }
            });
        }
        return started;
    }

    private List<Due> due(int limit) {
        List<Due> out = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(WebhookSql.DUE_EVENTS)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), webhooks.secret(rs.getString(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new dev.homing.store.StoreException("cannot read due webhook events: " + e.getMessage(), e);
        }
    }

    /**
     * Moves the event's next attempt past the time a post can take: a lease. Another node (or this
     * one's next pass) sees it as not due; if this process dies mid-post, the event is due again after it.
     */
    private boolean claim(long id) {
        Instant now = Instant.now();
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(WebhookSql.CLAIM_EVENT)) {
            ps.setTimestamp(1, Timestamp.from(now.plus(settings.timeout().multipliedBy(2)).plusSeconds(30)));
            ps.setLong(2, id);
            ps.setTimestamp(3, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new dev.homing.store.StoreException("cannot claim webhook event " + id + ": " + e.getMessage(), e);
        }
    }

    private void post(Due d) {
        String refused = Egress.refusal(URI.create(d.url()), settings.allowPrivate());
        if (refused != null) {
            // no connection at all, and no retry: the event fails now and the log says why
            settle(new Due(d.id(), d.kind(), d.payload(), settings.backoff().size(), d.url(), d.secret()), Instant.now(), null, refused, 0);
            return;
        }
        String body = body(d);
        long t = Instant.now().getEpochSecond();
        HttpRequest req = HttpRequest.newBuilder(URI.create(d.url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Homing-Webhooks/1")
                .header("Homing-Event", d.kind())
                .header("Homing-Delivery-Id", Long.toString(d.id()))
                .header("Homing-Timestamp", Long.toString(t))
                .header("Homing-Signature", Signature.header(d.secret(), t, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Instant at = Instant.now();
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        CompletableFuture<HttpResponse<Void>> f = http.sendAsync(req, HttpResponse.BodyHandlers.discarding());
        try {
            // the request timeout covers the response headers only; this bounds the body too
            status = f.get(settings.timeout().toMillis() + 1_000, TimeUnit.MILLISECONDS).statusCode();
            if (status / 100 != 2) {
                error = "HTTP " + status;
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            error = "no answer within " + settings.timeout().toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            error = cause instanceof java.net.http.HttpTimeoutException ? "no answer within " + settings.timeout().toSeconds() + " s"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            error = "interrupted (shutting down)";
        }
        int ms = (int) ((System.nanoTime() - started) / 1_000_000);
        settle(d, at, status, error, ms);
    }

    /** The body: event and id first (the id is the row's, so it is only known here), then the recorded fields. */
    private static String body(Due d) {
        try {
            Map<String, Object> stored = JSON.readValue(d.payload(), MAP);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("event", stored.getOrDefault("event", d.kind()));
            out.put("id", d.id());
            out.putAll(stored);
            return JSON.writeValueAsString(out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored webhook payload of event " + d.id() + " is not JSON: " + e.getMessage(), e);
        }
    }

    private void settle(Due d, Instant at, Integer status, String error, int ms) {
        int attempts = d.attempts() + 1;
        boolean ok = error == null;
        boolean last = attempts > settings.backoff().size();
        String state = ok ? "delivered" : last ? "failed" : "pending";
        Instant next = ok || last ? at : Instant.now().plus(jittered(settings.backoff().get(attempts - 1)));
        String why = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(WebhookSql.INSERT_ATTEMPT)) {
                ps.setLong(1, d.id());
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setObject(3, status, java.sql.Types.INTEGER);
                ps.setString(4, why);
                ps.setInt(5, ms);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(WebhookSql.SETTLE_EVENT)) {
                ps.setInt(1, attempts);
                ps.setString(2, state);
                ps.setTimestamp(3, Timestamp.from(next));
                ps.setObject(4, status, java.sql.Types.INTEGER);
                ps.setString(5, why);
                ps.setLong(6, d.id());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            // the lease runs out and the event is posted again: at least once
            throw new dev.homing.store.StoreException("cannot record webhook attempt of event " + d.id() + ": " + e.getMessage(), e);
        }
        if (!ok) {
            log.atInfo().addKeyValue("webhook_event", d.id()).addKeyValue("url", Egress.shown(d.url())).addKeyValue("error", error)
                    .addKeyValue("attempts", attempts).addKeyValue("failed", last)
                    .log("webhook event {} to {}: {}; {}", d.id(), Egress.shown(d.url()), error, last ? "failed after " + attempts + " attempts" : "retry at " + next);
        }
    }

    /** Give or take a fifth, so the retries of a burst do not all arrive at the same second. */
    private static Duration jittered(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    /** Stops finding events and waits for posts in flight, up to the timeout. */
    @Override
    public void close() {
        running = false;
        wake();
        if (finder != null) {
            try {
                finder.join(10_000);
                if (slots.tryAcquire(settings.concurrency(), settings.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
                    slots.release(settings.concurrency());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.shutdownNow();
        posts.shutdownNow();
    }
}
