package dev.homing.sandbox;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a {@link Sandbox} saw, counted as it happens; thread-safe, cheap to update from many sessions.
 * <ul>
 *   <li>sessions: TCP connections accepted, in total and per behaviour (on the simulated MX a session
 *       counts once for each behaviour its recipients chose)</li>
 *   <li>accepted: recipients whose message got the 250 after the dot (late-bounce and blackhole included)</li>
 *   <li>rejected: negative replies (RCPT refusals, the 421 of defer, a 552 for an oversized message)</li>
 *   <li>dropped: accepted recipients that were then silently discarded (blackhole)</li>
 *   <li>hung: sessions a timeout behaviour left without an answer</li>
 *   <li>messages and bytes: messages received completely (up to the dot) and their size on the wire</li>
 *   <li>DSNs: late-bounce DSNs built, delivered to the relay, and failed to deliver</li>
 *   <li>concurrency per recipient domain: a session counts for a domain from its first RCPT for that
 *       domain until it ends (the domain is not known earlier); the maximum seen is kept, including a
 *       session that was just refused with 421 for being one too many</li>
 * </ul>
 */
public final class SandboxStats {

    /** Counters for one behaviour. */
    public record Counts(long sessions, long accepted, long rejected, long dropped, long hung) {
    }

    /** A consistent-enough copy of all counters (each counter is read once; they are not frozen together). */
    public record Snapshot(long sessions, long messages, long bytes, Map<Behaviour, Counts> behaviours,
                           long dsnsGenerated, long dsnsSent, long dsnsFailed, Map<String, Integer> maxConcurrent) {
        public Snapshot {
            behaviours = Collections.unmodifiableMap(new EnumMap<>(behaviours));
            maxConcurrent = Collections.unmodifiableMap(new TreeMap<>(maxConcurrent));
        }

        public Counts counts(Behaviour behaviour) {
            return behaviours.get(behaviour);
        }

        /** Highest number of sessions open at once for the recipient domain; 0 when never seen. */
        public int maxConcurrent(String domain) {
            return maxConcurrent.getOrDefault(Behaviour.normalizeDomain(domain), 0);
        }
    }

    private static final Behaviour[] ALL = Behaviour.values();

    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> perRecipient =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder sessions = new LongAdder();
    private final LongAdder messages = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder dsnsGenerated = new LongAdder();
    private final LongAdder dsnsSent = new LongAdder();
    private final LongAdder dsnsFailed = new LongAdder();
    private final LongAdder[] behaviourSessions = adders();
    private final LongAdder[] accepted = adders();
    private final LongAdder[] rejected = adders();
    private final LongAdder[] dropped = adders();
    private final LongAdder[] hung = adders();
    private final ConcurrentHashMap<String, AtomicInteger> current = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> max = new ConcurrentHashMap<>();
    private final AtomicInteger currentAll = new AtomicInteger();
    private final AtomicInteger maxAll = new AtomicInteger();

    SandboxStats() {
    }

    /** TCP connections accepted on all of the sandbox's ports. */
    public long sessions() {
        return sessions.sum();
    }

    public Counts counts(Behaviour b) {
        int i = b.ordinal();
        return new Counts(behaviourSessions[i].sum(), accepted[i].sum(), rejected[i].sum(), dropped[i].sum(), hung[i].sum());
    }

    public long sessions(Behaviour b) {
        return behaviourSessions[b.ordinal()].sum();
    }

    public long accepted(Behaviour b) {
        return accepted[b.ordinal()].sum();
    }

    public long rejected(Behaviour b) {
        return rejected[b.ordinal()].sum();
    }

    public long dropped(Behaviour b) {
        return dropped[b.ordinal()].sum();
    }

    public long hung(Behaviour b) {
        return hung[b.ordinal()].sum();
    }

    /** How many times a message for this recipient was accepted after the dot (tests of exactly-once). */
    public int timesAccepted(String recipient) {
        var n = perRecipient.get(recipient.toLowerCase(java.util.Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    void onAcceptedFor(String recipient) {
        perRecipient.computeIfAbsent(recipient.toLowerCase(java.util.Locale.ROOT), k -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
    }

    /** Messages received up to the dot (whatever the reply to the dot was). */
    public long messages() {
        return messages.sum();
    }

    /** Bytes of message data received (as on the wire, dot-stuffed, up to and including the final dot). */
    public long bytes() {
        return bytes.sum();
    }

    public long dsnsGenerated() {
        return dsnsGenerated.sum();
    }

    public long dsnsSent() {
        return dsnsSent.sum();
    }

    public long dsnsFailed() {
        return dsnsFailed.sum();
    }

    /** Highest number of sessions open at once for the recipient domain (case-insensitive); 0 when never seen. */
    public int maxConcurrent(String domain) {
        AtomicInteger m = max.get(Behaviour.normalizeDomain(domain));
        return m == null ? 0 : m.get();
    }

    /**
     * Highest number of sessions with a recipient open at once, all domains together: what one receiving
     * service hosting every domain sent here would have seen (a sender's limit for that service).
     */
    public int maxConcurrentSessions() {
        return maxAll.get();
    }

    /** Sessions open right now for the recipient domain. */
    public int concurrent(String domain) {
        AtomicInteger c = current.get(Behaviour.normalizeDomain(domain));
        return c == null ? 0 : c.get();
    }

    public Snapshot snapshot() {
        Map<Behaviour, Counts> counts = new EnumMap<>(Behaviour.class);
        for (Behaviour b : ALL) {
            counts.put(b, counts(b));
        }
        Map<String, Integer> maxima = new TreeMap<>();
        max.forEach((d, m) -> maxima.put(d, m.get()));
        return new Snapshot(sessions(), messages(), bytes(), counts, dsnsGenerated(), dsnsSent(), dsnsFailed(), maxima);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }

    // ---- updates, package-private ----

    void onSession() {
        sessions.increment();
    }

    void onSession(Behaviour b) {
        behaviourSessions[b.ordinal()].increment();
    }

    void onAccepted(Behaviour b) {
        accepted[b.ordinal()].increment();
    }

    void onRejected(Behaviour b) {
        rejected[b.ordinal()].increment();
    }

    void onDropped(Behaviour b) {
        dropped[b.ordinal()].increment();
    }

    void onHung(Behaviour b) {
        hung[b.ordinal()].increment();
    }

    void onMessage(long size) {
        messages.increment();
        bytes.add(size);
    }

    void onDsnGenerated() {
        dsnsGenerated.increment();
    }

    void onDsnSent() {
        dsnsSent.increment();
    }

    void onDsnFailed() {
        dsnsFailed.increment();
    }

    /** A session starts counting for a domain (already normalized); returns how many are open now, this one included. */
    int enter(String domain) {
        int now = current.computeIfAbsent(domain, d -> new AtomicInteger()).incrementAndGet();
        max.computeIfAbsent(domain, d -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        return now;
    }

    /** A session named its first recipient: it counts towards the sessions open at once, whatever the domains. */
    void enterAny() {
        int now = currentAll.incrementAndGet();
        maxAll.accumulateAndGet(now, Math::max);
    }

    void leaveAny() {
        currentAll.decrementAndGet();
    }

    /** A session that counted for the domain ended. */
    void leave(String domain) {
        AtomicInteger c = current.get(domain);
        if (c != null) {
            c.decrementAndGet();
        }
    }

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[ALL.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
