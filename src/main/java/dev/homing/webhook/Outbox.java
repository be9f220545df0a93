package dev.homing.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Takes events from the stages and writes them as {@code webhook_event} rows, one per active
 * webhook subscribed to the kind. {@link #record} only appends to memory (the engine calls it for
 * every attempt, from many threads); a writer thread inserts in JDBC batches a few times a second.
 * An event that has no subscriber costs one set lookup. What is still in memory when the process
 * dies is lost: webhooks report, the queue and the delivery log stay the record of truth.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Beyond this many unwritten events (database down for long) new ones are dropped, not queued in memory without end. */
    private static final int CAPACITY = 200_000;
    private static final int BATCH = 1_000;
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private record Pending(EventKind kind, Map<String, Object> payload) {
    }

    private final Database db;
    private final Webhooks webhooks;
    private final Duration interval;
    private final ConcurrentLinkedQueue<Pending> buffer = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final dev.homing.campaign.Campaigns campaignTable;
    private final dev.homing.list.Lists listTable;
    private final Map<Long, Optional<String>> campaigns = new ConcurrentHashMap<>();
    private final Map<Long, Optional<String>> lists = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private volatile List<Webhook> hooks;
    private volatile long hooksReadAt;
    private volatile Runnable written = () -> {
    };
    private volatile boolean running;
    private Thread writer;

    public Outbox(Database db) {
        this(db, Duration.ofMillis(200));
    }

    /** @param interval how long an event may wait in memory before it is written */
    public Outbox(Database db, Duration interval) {
        this.db = db;
        this.campaignTable = new dev.homing.campaign.Campaigns(db);
        this.listTable = new dev.homing.list.Lists(db);
        this.webhooks = Webhooks.routing(db);
        this.interval = interval;
    }

    /** Called after each write that added rows (the sender posts them at once instead of at its next poll). */
    public void onWritten(Runnable r) {
        this.written = r;
    }

    /**
     * Queues an event for every webhook subscribed to its kind; never blocks. The payload is the
     * body's fields after {@code event} and {@code id}; {@code at} is added when absent, and
     * {@code campaign} / {@code list} names when it carries a {@code message} / {@code list_id}.
     */
    public void record(EventKind kind, Map<String, Object> payload) {
        if (!subscribed(kind)) {
            return;
        }
        if (size.incrementAndGet() > CAPACITY) {
            size.decrementAndGet();
            if (dropped.incrementAndGet() % 10_000 == 1) {
                log.warn("webhook outbox full ({} events not written yet): dropped {} events so far", CAPACITY, dropped.get());
            }
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("event", kind.label());
        p.put("at", Instant.now().toString());
        payload.forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        buffer.add(new Pending(kind, p));
    }

    private boolean subscribed(EventKind kind) {
        List<Webhook> h = hooks;
        if (h == null) {
            h = refresh(); // first event before the writer ran: read once
        }
        for (Webhook w : h) {
            if (w.events().contains(kind)) {
                return true;
            }
        }
        return false;
    }

    /** Re-reads the active webhooks now (the writer does so every few seconds, so webhooks added by another process are seen). */
    public List<Webhook> refresh() {
        List<Webhook> h = webhooks.active();
        hooks = h;
        hooksReadAt = System.nanoTime();
        return h;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        writer = Thread.ofPlatform().daemon(true).name("homing-webhook-outbox").start(() -> {
            while (running) {
                try {
                    if (hooks == null || System.nanoTime() - hooksReadAt > REFRESH.toNanos()) {
                        refresh();
                    }
                    flush();
                } catch (RuntimeException e) {
                    log.warn("writing webhook events failed, trying again shortly: {}", e.toString());
                }
                synchronized (signal) {
                    try {
                        signal.wait(interval.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    /** Writes every queued event now; returns the rows added. */
    public synchronized int flush() {
        int rows = 0;
        while (true) {
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < BATCH && (p = buffer.poll()) != null) {
                batch.add(p);
            }
            if (batch.isEmpty()) {
                break;
            }
            try {
                rows += write(batch);
            } catch (SQLException | RuntimeException e) {
                buffer.addAll(batch); // kept, and counted in size still: tried again on the next flush
                throw new dev.homing.store.StoreException("cannot write webhook events: " + e.getMessage(), e);
            }
            size.addAndGet(-batch.size());
        }
        if (rows > 0) {
            written.run();
        }
        return rows;
    }

    private int write(List<Pending> batch) throws SQLException {
        List<Webhook> h = hooks == null ? refresh() : hooks;
        int rows = 0;
        Timestamp now = Timestamp.from(Instant.now());
        // names are read (through their owners) before the transaction opens: no second connection is held meanwhile
        Map<Pending, String> payloads = new java.util.IdentityHashMap<>();
        for (Pending p : batch) {
            if (h.stream().anyMatch(w -> w.events().contains(p.kind()))) {
                payloads.put(p, json(p.payload()));
            }
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(WebhookSql.INSERT_EVENT)) {
                for (Pending p : batch) {
                    String json = payloads.get(p);
                    for (Webhook w : h) {
                        if (!w.events().contains(p.kind())) {
                            continue;
                        }
                        ps.setLong(1, w.id());
                        ps.setString(2, p.kind().label());
                        ps.setString(3, json);
                        ps.setTimestamp(4, now);
                        ps.setTimestamp(5, now);
                        ps.addBatch();
                        rows++;
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        }
        return rows;
    }

    private String json(Map<String, Object> payload) {
        Map<String, Object> p = new LinkedHashMap<>(payload);
        if (p.get("message") instanceof Long m && !p.containsKey("campaign")) {
            name(campaigns, m, id -> campaignTable.byMessage(id).map(dev.homing.campaign.Campaign::name)).ifPresent(n -> p.put("campaign", n));
        }
        if (p.get("list_id") instanceof Long l && !p.containsKey("list")) {
            name(lists, l, id -> listTable.find(id).map(dev.homing.list.MailingList::name)).ifPresent(n -> p.put("list", n));
        }
        try {
            return JSON.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook payload is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * A campaign's or list's name, read through the package that owns its table and remembered: a burst of thousands
     * of events names a handful of them.
     */
    private static Optional<String> name(Map<Long, Optional<String>> cache, long id, java.util.function.LongFunction<Optional<String>> read) {
        Optional<String> known = cache.get(id);
        if (known != null) {
            return known;
        }
        Optional<String> found = read.apply(id);
        if (cache.size() > 10_000) {
            cache.clear(); // transactional mail makes one message per send: keep the memory bounded
        }
        cache.put(id, found);
        return found;
    }

    /** Events queued in memory, not written yet. */
    public int unwritten() {
        return size.get();
    }

    /** Stops the writer after writing what is queued. */
    @Override
    public void close() {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        if (writer != null) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("{} webhook events could not be written at shutdown: {}", size.get(), e.toString());
        }
    }
}
