package dev.homing.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.outcome.Disposition;
import dev.homing.outcome.Judge;
import dev.homing.outcome.Verdict;
import dev.homing.queue.Attempt;
import dev.homing.queue.Delivery;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;
import dev.homing.queue.Settled;
import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery engine: a dispatcher thread claims due deliveries from the queue into per-destination
 * in-memory queues and opens sessions (one virtual thread per connection) within each destination's
 * throttle and the global connection limit. A session resolves the MX hosts, tries them in order
 * until one takes a connection, then sends message after message over it; each attempt is judged
 * and settled in the queue.
 *
 * <p>A session that cannot be opened (refused, a 421 at the greeting or EHLO, a TLS failure) is charged to that
 * session only while other sessions to the same receiver are open or opening: its delivery goes back to the
 * destination untried, no attempt is recorded, and the {@link Throttle} learns the ceiling. Only when no other session
 * is left is the destination out of reach: the delivery the session was opened for records the attempt, and the others
 * waiting are put back, untried, until that delivery's retry (Postfix's "delivery temporarily suspended"), so a dead
 * destination costs one timeout, not one per recipient. A permanent answer for the whole domain (no such domain, a 5xx
 * greeting) is every waiting delivery's answer.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final Queue queue;
    private final MxResolver resolver;
    private final Judge judge;
    private final EngineSettings settings;
    private final SSLSocketFactory tls;
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    /** Throttles by receiving service: every domain Google hosts shares Google's ({@link dev.homing.queue.Rollup}). */
    private final Map<String, Pool> pools = new ConcurrentHashMap<>();
    private final Map<Long, Composer.Composed> messages = new ConcurrentHashMap<>();
    private final AtomicInteger inMemory = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong attempts = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicLongArray byState =
            new java.util.concurrent.atomic.AtomicLongArray(DeliveryState.values().length);
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong slowDowns = new AtomicLong();
    /** Set when a destination with a backlog could not get a session because all connections are open. */
    private volatile boolean starved;
    private volatile boolean running;
    private Thread dispatcher;

    private final Composer composer;
    /** Final and retry verdicts by reason since start, for /metrics. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> byReason = new ConcurrentHashMap<>();
    /** Messages on hold (paused campaigns), refreshed by the dispatcher about once a second. */
    private volatile java.util.Set<Long> held = java.util.Set.of();
    /** Told of every settled attempt (webhooks); must not block: it runs on the session's thread. */
    private volatile java.util.function.Consumer<Settled> settledListener;

    /** @param composer the compose stage's renderer of stored messages ({@code campaign.CampaignComposer} on a node) */
    public Engine(Queue queue, MxResolver resolver, Judge judge, EngineSettings settings, Composer composer) {
        this.queue = queue;
        this.resolver = resolver;
        this.judge = judge;
        this.settings = settings;
        this.composer = composer;
        this.tls = Tls.unverified();
    }

    /** Where what the throttles learned is written at every checkpoint (default nowhere). */
    private volatile ThrottleRecord throttleRecord;

    public void recordThrottles(ThrottleRecord record) {
        this.throttleRecord = record;
    }

    /** Sets the listener told of every settled attempt (default none). */
    public void onSettled(java.util.function.Consumer<Settled> listener) {
        this.settledListener = listener;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dispatcher = Thread.ofPlatform().name("homing-dispatcher").daemon(true).start(this::dispatch);
    }

    /** What the throttles of the receiving services met so far learned (those that ever slowed down), slowest first. */
    public List<Learned> throttles() {
        List<Learned> out = new ArrayList<>();
        pools.forEach((k, p) -> {
            if (p.throttle().slowDowns() > 0) {
                out.add(p.throttle().learned(k));
            }
        });
        out.sort(java.util.Comparator.comparingDouble((Learned l) -> (double) l.connections() / l.configuredConnections())
                .thenComparing(Learned::service));
        return out;
    }

    public EngineStats stats() {
        return new EngineStats(attempts.get(), count(DeliveryState.DELIVERED), count(DeliveryState.BOUNCED),
                count(DeliveryState.DEFERRED), count(DeliveryState.EXPIRED), count(DeliveryState.UNCERTAIN),
                connections.get(), open.get(), slowDowns.get());
    }

    private long count(DeliveryState s) {
        return byState.get(s.ordinal());
    }

    /** True when nothing is in memory and no connection is open. */
    public boolean idle() {
        return inMemory.get() == 0 && open.get() == 0;
    }

    private void dispatch() {
        long lastCheckpoint = System.nanoTime();
        long backoffNanos = 0;
        long heldChecked = 0;
        long shardsChecked = 0;
        long staleChecked = 0;
        java.util.Set<Integer> claimable = queue.claimable();
        ClaimSize claimSize = new ClaimSize();
        while (running) {
            try {
                if (System.nanoTime() - heldChecked > 1_000_000_000L) {
                    held = queue.heldMessages();
                    heldChecked = System.nanoTime();
                }
                int room = settings.inMemory() - inMemory.get();
                int claimed = 0;
                if (room >= settings.inMemory() / 4 && System.nanoTime() >= backoffNanos) {
                    List<Delivery> batch = queue.claim(Math.min(room, claimSize.next()), saturated(), held);
                    claimed = batch.size();
                    claimSize.claimed(claimed);
                    for (Delivery d : batch) {
                        inMemory.incrementAndGet();
                        destination(d.domain()).add(d);
                    }
                    if (claimed == 0) {
                        backoffNanos = System.nanoTime() + 200_000_000L; // nothing due: look again shortly
                    }
                }
                boolean full = false;
                for (Destination d : destinations.values()) {
                    if (d.pending() == 0) {
                        continue; // most destinations most of the time: no lock taken
                    }
                    if (!queue.holds(d.shard())) {
                        continue; // a clustered node whose lease lapsed: nothing is sent until it is renewed
                    }
                    while (true) {
                        if (open.get() >= settings.maxConnections()) {
                            full |= d.pending() > 0 && d.sessions() == 0;
                            break;
                        }
                        Pool slot = d.tryOpenSession();
                        if (slot == null) {
                            break;
                        }
                        open.incrementAndGet();
                        Thread.ofVirtual().name("smtp-" + d.domain()).start(() -> session(d, slot));
                    }
                }
                if (full && !starved) {
                    // idle sessions elsewhere wait without polling: wake them to give their connections up
                    destinations.values().forEach(Destination::wakeIdle);
                }
                starved = full;
                if (System.nanoTime() - shardsChecked > 100_000_000L) {
                    java.util.Set<Integer> now = queue.claimable();
                    if (!now.equals(claimable) || System.nanoTime() - staleChecked > 1_000_000_000L) {
                        // shards being handed back or lost: their idle sessions close now, before another node opens its own
                        claimable = now;
                        destinations.values().forEach(Destination::wakeIdle);
                        dropStale();
                        staleChecked = System.nanoTime();
                    }
                    shardsChecked = System.nanoTime();
                }
                if (System.nanoTime() - lastCheckpoint > settings.checkpoint().toNanos()) {
                    queue.checkpoint();
                    ThrottleRecord record = throttleRecord;
                    if (record != null) {
                        record.write(throttles()); // for status pages; a failure here is the dispatcher's logged error, nothing lost
                    }
                    forgetIdleDestinations();
                    lastCheckpoint = System.nanoTime();
                }
                if (claimed == 0) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("dispatcher: {}", e.getMessage(), e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Drops destinations with nothing waiting, no session and no slow-down in force, so a list
     * with millions of domains does not keep one object per domain forever. Only the dispatcher
     * adds work or sessions, and this runs on it, so nothing can arrive while one is dropped.
     */
    private void forgetIdleDestinations() {
        destinations.values().removeIf(d -> d.pending() == 0 && d.sessions() == 0);
        Set<Pool> used = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        destinations.values().forEach(d -> used.add(d.pool()));
        // a slowed pool is kept: its slow-down outlives a quiet moment
        pools.values().removeIf(p -> !used.contains(p) && p.sessions() == 0 && !p.throttle().slowed());
    }

    /**
     * Drops the deliveries in memory that were claimed in a tenure of their shard that ended (a clustered node
     * lost the shard): the shard's next holder put them back on the work list, and they must not be sent from here.
     */
    private void dropStale() {
        for (Destination d : destinations.values()) {
            if (d.pending() > 0 && !queue.holds(d.shard())) {
                for (Delivery stale : d.remove(x -> !queue.current(x))) {
                    queue.forget(stale);
                    inMemory.decrementAndGet();
                }
            }
        }
    }

    /** Destinations with a large backlog in memory: claim for others first. */
    private Set<String> saturated() {
        Set<String> s = new java.util.HashSet<>();
        int cap = Math.max(100, settings.inMemory() / 10);
        for (Destination d : destinations.values()) {
            if (d.pending() >= cap && s.size() < 500) {
                s.add(d.domain());
            }
        }
        return s;
    }

    /** A new destination starts in the pool its name gives (no DNS on the dispatcher); its first session finds the real one. */
    private Destination destination(String domain) {
        return destinations.computeIfAbsent(domain,
                k -> new Destination(k, pool(byName(k)), settings.tlsFor(k)));
    }

    private Pool pool(String key) {
        return pools.computeIfAbsent(key, k -> new Pool(k, settings.limitsFor(k)));
    }

    /** The pool of the service receiving the domain's mail; the queue's rollup may ask DNS (cached), so never on the dispatcher. */
    private Pool poolOf(String domain) {
        String key;
        try {
            key = queue.rollup().keyOf(domain);
        } catch (RuntimeException e) {
            key = null; // a grouping that failed: the domain's own pool, the mail still goes
        }
        return pool(key == null || key.isEmpty() ? byName(domain) : key);
    }

    private static String byName(String domain) {
        return dev.homing.queue.Rollup.byName().keyOf(domain);
    }

    private void session(Destination dest, Pool taken) {
        SmtpSession smtp = null;
        Pool slot = taken;
        int shard = -1;
        try {
            Delivery first = dest.next(0);
            if (first == null) {
                return;
            }
            shard = first.shard();
            queue.sessionOpened(shard);
            Pool service = poolOf(dest.domain());
            if (service != slot) {
                // the domain is hosted by a service with a pool of its own (a company's domain at Google): count there
                dest.moveTo(service);
                if (!service.tryTake()) {
                    dest.putBack(first);
                    return;
                }
                slot.release();
                slot = service;
            }
            Instant started = Instant.now();
            Resolution r = resolver.resolve(dest.domain());
            if (r instanceof Resolution.Failure f) {
                Reply reply = f.code().asReply(f.detail());
                failAll(dest, slot, first, new Attempt(started, null, null, Stage.RESOLVE, reply, -1, 0, "resolve " + reply));
                return;
            }
            SessionFailure last = null;
            String lastHost = null;
            String lastIp = null;
            int lastPort = 0;
            outer:
            for (MxHost host : ((Resolution.Hosts) r).hosts()) {
                for (InetSocketAddress addr : host.addresses()) {
                    try {
                        smtp = SmtpSession.open(addr, host.name(), settings.client(), dest.tls(), tls);
                        connections.incrementAndGet();
                        break outer;
                    } catch (SessionFailure f) {
                        last = f;
                        lastHost = host.name();
                        lastIp = addr.getAddress() == null ? addr.getHostString() : addr.getAddress().getHostAddress();
                        lastPort = addr.getPort();
                        // RFC 5321 5.1: on a connection failure or a temporary refusal try the next MX;
                        // a permanent refusal at the greeting is the destination's answer
                        if (f.reply().isPermanent() && !InternalCode.isInternal(f.reply().code())) {
                            break outer;
                        }
                    }
                }
            }
            if (smtp == null) {
                if (last == null) {
                    Reply reply = InternalCode.DNS_NO_HOST.asReply("no MX host of " + dest.domain() + " has an address");
                    failAll(dest, slot, first, new Attempt(started, null, null, Stage.RESOLVE, reply, -1, 0, "resolve " + reply));
                    return;
                }
                SessionFailure f = last;
                String transcript = Transcript.of("connecting to " + lastHost + " [" + lastIp + "]:" + lastPort, f.steps());
                int ms = (int) java.time.Duration.between(started, Instant.now()).toMillis();
                Attempt attempt = new Attempt(started, lastHost, lastIp, f.stage(), f.reply(), ms, ms, transcript);
                if (!f.reply().isPermanent() && slot.sessions() > 1) {
                    // others to this receiver are open or opening: the refusal is this session's, not the destination's
                    dest.putBack(first);
                    slot.throttle().refused(slot.working());
                    slowDowns.incrementAndGet();
                    log.atInfo().addKeyValue("destination", dest.domain()).addKeyValue("service", slot.key())
                            .addKeyValue("reply", f.reply()).addKeyValue("connections", slot.throttle().connections())
                            .log("{} refused a session while {} others were open ({}): at most {} connections now, nothing retried",
                                    dest.domain(), slot.sessions() - 1, f.reply(), slot.throttle().connections());
                    return;
                }
                if (f.reply().isPermanent() && !InternalCode.isInternal(f.reply().code())) {
                    failAll(dest, slot, first, attempt);
                } else {
                    suspend(dest, slot, first, attempt);
                }
                return;
            }
            slot.working(true); // undone in finally: a session with a connection is a working one
            int connectMs = (int) smtp.connectMs();
            Delivery d = first;
            while (d != null) {
                sendOne(dest, slot, smtp, d, connectMs);
                connectMs = -1;
                if (!smtp.usable() || !running || !queue.holds(shard)) {
                    break; // a lapsed lease: the connection closes before another node may take the shard
                }
                d = nextOrLeave(dest, shard);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("session for {}: {}", dest.domain(), e.getMessage(), e);
        } finally {
            if (smtp != null) {
                smtp.quitQuietly();
                slot.working(false);
            }
            if (shard >= 0) {
                queue.sessionClosed(shard); // after QUIT: the shard may be handed back now
            }
            dest.sessionClosed();
            slot.release();
            open.decrementAndGet();
        }
    }

    /**
     * Waits for the destination's next delivery up to the idle time, but gives the connection up
     * at once when the connection limit keeps another destination with work from getting one, or
     * when this node may no longer claim the shard's work (it is being handed back to the cluster).
     */
    private Delivery nextOrLeave(Destination dest, int shard) throws InterruptedException {
        // no polling: a thousand idle sessions waking every few milliseconds cost a tenth of a core
        return dest.next(settings.client().idle().toMillis(), () -> starved || !running || !queue.claims(shard));
    }

    private void sendOne(Destination dest, Pool slot, SmtpSession smtp, Delivery d, int connectMs) throws InterruptedException {
        if (!queue.current(d)) {
            // claimed before this node lost the shard: its next holder sends it
            queue.forget(d);
            inMemory.decrementAndGet();
            return;
        }
        if (held.contains(d.messageId())) {
            // paused while waiting in memory: back on the work list untried; claims skip it until resumed
            queue.release(List.of(d));
            inMemory.decrementAndGet();
            return;
        }
        long wait = slot.throttle().reserve();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        Instant started = Instant.now();
        Transaction tx;
        dev.homing.smtp.MessageHead head = null;
        try {
            Composer.Composed m = compiled(d.messageId());
            Map<String, Object> vars = d.vars() == null ? Map.of() : JSON.readValue(d.vars(), MAP);
            Copy copy = m.render(d.id(), d.recipient(), vars, settings.client().helo());
            head = dev.homing.smtp.MessageHead.of(copy.wire());
            SmtpSession s = smtp;
            tx = smtp.send(copy.envelopeFrom(), d.recipient(), new Payload(copy.wire(), copy.eightBit()),
                    () -> queue.beforeDot(d, s.mxName(), s.mxIp()));
        } catch (Exception e) {
            tx = new Transaction(Stage.LOCAL, InternalCode.LOCAL_ERROR.asReply(e.getMessage()), List.of(), 0, smtp.usable());
        }
        if (queue.notOurs(d.id())) {
            // a clustered node that lost the shard (or could not confirm it) before the dot: not an attempt
            try {
                queue.giveBack(d);
            } catch (RuntimeException e) {
                log.warn("delivery {} is left to its shard's next holder: {}", d.id(), e.getMessage());
            }
            inMemory.decrementAndGet();
            return;
        }
        Attempt a = new Attempt(started, smtp.mxName(), smtp.mxIp(), tx.stage(), tx.reply(), connectMs,
                (int) tx.durationMs(), Transcript.of(smtp.opening(), smtp.transactions(), head, tx));
        settle(dest, slot, d, a);
    }

    /**
     * The destination is out of reach for now: the delivery the session was opened for records the attempt, and the
     * others waiting go back untried until its retry (no attempt they did not have), unless their lifetime ends before
     * then: those expire with this attempt as their last word.
     */
    private void suspend(Destination dest, Pool slot, Delivery first, Attempt attempt) {
        Instant retry = settle(dest, slot, first, attempt).nextAttempt();
        List<Delivery> later = new ArrayList<>();
        for (Delivery d : dest.drain()) {
            if (queue.schedule().expiredAt(d.createdAt(), retry)) {
                settle(dest, slot, d, attempt);
            } else {
                later.add(d);
            }
        }
        if (!later.isEmpty()) {
            queue.release(later, retry);
            inMemory.addAndGet(-later.size());
            log.atInfo().addKeyValue("destination", dest.domain()).addKeyValue("reply", attempt.reply()).addKeyValue("until", retry)
                    .log("delivery to {} temporarily suspended until {} ({}): {} waiting, not tried", dest.domain(), retry,
                            attempt.reply(), later.size());
        }
    }

    private void failAll(Destination dest, Pool slot, Delivery first, Attempt attempt) {
        List<Delivery> all = new ArrayList<>();
        all.add(first);
        all.addAll(dest.drain());
        for (Delivery d : all) {
            settle(dest, slot, d, attempt);
        }
    }

    private dev.homing.queue.Settlement settle(Destination dest, Pool slot, Delivery d, Attempt a) {
        Verdict v = judge.judge(a.stage(), a.reply());
        byReason.computeIfAbsent(v.reason().label(), k -> new java.util.concurrent.atomic.LongAdder()).increment();
        dev.homing.queue.Settlement settled = queue.settle(d, a, v);
        DeliveryState state = settled.state();
        inMemory.decrementAndGet();
        attempts.incrementAndGet();
        byState.incrementAndGet(state.ordinal());
        if (v.disposition() == Disposition.DELIVERED) {
            slot.countAccepted();
            slot.throttle().accepted();
        }
        if (v.slowDown()) {
            slowDowns.incrementAndGet();
            Throttle t = slot.throttle();
            t.slowDown(v.reason() != dev.homing.outcome.Reason.TOOMANYCONN, slot.observedRate());
            String who = slot.key().equals(dest.domain()) ? dest.domain() : dest.domain() + " (" + slot.key() + ")";
            log.atInfo().addKeyValue("destination", dest.domain()).addKeyValue("service", slot.key()).addKeyValue("reply", a.reply())
                    .addKeyValue("connections", t.connections()).addKeyValue("rate", t.perSecond())
                    .log("{} asked us to slow down ({}): now {} connections, {} msg/s", who, a.reply(),
                            t.connections(), String.format("%.1f", t.perSecond()));
        }
        if (v.disposition() == Disposition.UNCERTAIN) {
            log.atInfo().addKeyValue("delivery", d.id()).addKeyValue("recipient", d.recipient()).addKeyValue("reply", a.reply())
                    .log("delivery {} to {} is uncertain: {}", d.id(), d.recipient(), a.reply());
        }
        java.util.function.Consumer<Settled> l = settledListener;
        if (l != null) {
            try {
                l.accept(new Settled(d.id(), d.recipient(), d.messageId(), state, v.reason().label(), a.reply().code(),
                        a.reply().enhancedStatus().map(Object::toString).orElse(null), a.reply().text()));
            } catch (RuntimeException e) {
                log.warn("settled listener failed for delivery {}: {}", d.id(), e.toString()); // never stops delivery
            }
        }
        return settled;
    }

    private Composer.Composed compiled(long messageId) {
        return messages.computeIfAbsent(messageId, id -> {
            String[] m = queue.message(id).orElseThrow(() -> new IllegalStateException("message " + id + " is missing"));
            return composer.compose(id, m[0], m[1]);
        });
    }

    /** Attempts judged since start, by reason (delivered, userunknown, greylisting ...). */
    public Map<String, Long> outcomesByReason() {
        Map<String, Long> out = new java.util.TreeMap<>();
        byReason.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Stops claiming, lets sessions finish the message in hand, and brings the database up to date. */
    @Override
    public void close() {
        running = false;
        if (dispatcher != null) {
            // no interrupt: the dispatcher may be mid-checkpoint; it sees running == false within ~10 ms
            try {
                dispatcher.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        destinations.values().forEach(Destination::wakeIdle); // idle sessions see running == false and quit
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (open.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Delivery> untried = new ArrayList<>();
        for (Destination d : destinations.values()) {
            untried.addAll(d.drain());
        }
        queue.release(untried);
        inMemory.addAndGet(-untried.size());
        queue.checkpoint();
        ThrottleRecord record = throttleRecord;
        if (record != null) {
            try {
                record.write(throttles());
            } catch (RuntimeException e) {
                log.warn("{}", e.getMessage());
            }
        }
    }
}
