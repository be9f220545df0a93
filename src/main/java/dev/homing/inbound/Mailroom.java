package dev.homing.inbound;

import dev.homing.campaign.Verp;
import dev.homing.list.SuppressionRules;
import dev.homing.list.Suppressions;
import dev.homing.list.Suppression;
import dev.homing.queue.LateEvent;
import dev.homing.queue.Queue;
import dev.homing.queue.Rejudged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Reads what the inbound server stored and records what it says: a bounce re-judges its
 * delivery (a 250 can still become bounced), a complaint marks it complained and suppresses the
 * subscriber, a delay or success notice is recorded, an auto-reply is recognised and never counted
 * as a bounce. A message it cannot read is marked unparsed, one it cannot tie to a delivery
 * unmatched, both with the reason and kept for the operator.
 */
public final class Mailroom implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Mailroom.class);
    private static final int BATCH = 100;

    private final Inbox inbox;
    private final Queue queue;
    private final Verp verp;
    private final SuppressionRules rules;
    private final Suppressions suppressions;
    private final Object signal = new Object();
    private volatile boolean running;
    private Thread worker;
    /** Told of every late event recorded on a delivery (webhooks). */
    private volatile java.util.function.BiConsumer<Rejudged, LateEvent> lateListener = (r, e) -> {
    };

    private final FeedbackLoops feedbackLoops;
    private final Retention retention;
    private volatile java.time.Instant lastPurge = java.time.Instant.EPOCH;

    /**
     * How long read messages are kept, and how much of them at most: what outsiders send must not fill the disk.
     * Messages not read yet are never purged.
     */
    public record Retention(java.time.Duration keep, long maxBytes) {
        public static Retention defaults() {
            return new Retention(java.time.Duration.ofDays(30), 1024L * 1024 * 1024);
        }
    }

    public Mailroom(Inbox inbox, Queue queue, Verp verp, SuppressionRules rules, Suppressions suppressions) {
        this(inbox, queue, verp, rules, suppressions, FeedbackLoops.none(), Retention.defaults());
    }

    /**
     * @param feedbackLoops the providers whose DKIM-signed complaints may act without a signed identifier of ours
     * @param retention     how long and how much of the read messages is kept
     */
    public Mailroom(Inbox inbox, Queue queue, Verp verp, SuppressionRules rules, Suppressions suppressions, FeedbackLoops feedbackLoops,
                    Retention retention) {
        this.inbox = inbox;
        this.queue = queue;
        this.verp = verp;
        this.rules = rules;
        this.suppressions = suppressions;
        this.feedbackLoops = feedbackLoops;
        this.retention = retention;
    }

    /** Deletes read messages past the retention period and the size cap, now; returns how many. */
    public int purge() {
        lastPurge = java.time.Instant.now();
        return inbox.purge(lastPurge.minus(retention.keep()), retention.maxBytes());
    }

    /** Sets the listener told of every late bounce, delay or complaint recorded on a delivery (default none). */
    public void onLate(java.util.function.BiConsumer<Rejudged, LateEvent> listener) {
        this.lateListener = listener;
    }

    /** Totals of one pass. */
    public record Pass(int read, int bounces, int complaints, int rejudged, int unmatched, int unparsed) {
    }

    /** Reads every stored message not read yet, now, on this thread: one message in memory at a time. */
    /**
     * The bytes of a stored message the mailroom reads. A report's own parts (the human text, delivery-status,
     * feedback-report) come first and are small; what can be large is the returned original at the end, which a
     * reporting MTA may cut too. Reading a prefix keeps the node's memory bounded whatever size was accepted.
     */
    static final int READ_LIMIT = 4 << 20;

    public synchronized Pass drain() {
        int[] n = new int[6];
        while (true) {
            List<Long> batch = inbox.pending(BATCH);
            if (batch.isEmpty()) {
                return new Pass(n[0], n[1], n[2], n[3], n[4], n[5]);
            }
            for (long id : batch) {
                java.util.Optional<Received> one = inbox.received(id, READ_LIMIT);
                if (one.isEmpty()) {
                    continue;
                }
                Received m = one.get();
                n[0]++;
                try {
                    read(m, n);
                } catch (RuntimeException e) {
                    // one bad message never stops the others; it stays with the reason
                    log.warn("received message {} could not be processed: {}", m.id(), e.toString());
                    inbox.mark(m.id(), Inbox.Status.UNPARSED, null, null, "processing failed: " + e);
                    n[5]++;
                }
            }
        }
    }

    /** Reads in the background: woken by {@link #wake()} after each stored message, and every few seconds. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().daemon(true).name("homing-mailroom").start(() -> {
            while (running) {
                try {
                    if (java.time.Instant.now().isAfter(lastPurge.plus(java.time.Duration.ofHours(1)))) {
                        int purged = purge();
                        if (purged > 0) {
                            log.info("purged {} received messages past the retention period or the size cap", purged);
                        }
                    }
                    Pass p = drain();
                    if (p.read() > 0) {
                        log.debug("read {} received messages: {} bounce reports, {} complaints, {} deliveries re-judged, {} unmatched, {} unparsed",
                                p.read(), p.bounces(), p.complaints(), p.rejudged(), p.unmatched(), p.unparsed());
                    }
                } catch (RuntimeException e) {
                    log.warn("reading received messages failed, trying again shortly: {}", e.toString());
                }
                synchronized (signal) {
                    try {
                        signal.wait(5_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    /** Something was stored: read it soon. */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    private void read(Received m, int[] n) {
        Analysis a = Classifier.classify(m.raw());
        switch (a) {
            case Unparsed u -> {
                inbox.mark(m.id(), Inbox.Status.UNPARSED, null, null, u.reason());
                n[5]++;
            }
            case NotBounce x -> inbox.mark(m.id(), Inbox.Status.IGNORED, "other", null, "not a report, a complaint or an auto-reply");
            case AutoReply r -> {
                Long d = find(m, List.of(), r.original(), false).stream().boxed().findFirst().orElse(null);
                inbox.mark(m.id(), Inbox.Status.PROCESSED, "autoreply", d, "automatic reply" + (r.from() == null ? "" : " from " + r.from())
                        + (r.subject() == null ? "" : ": " + r.subject()) + "; not a bounce");
            }
            case Bounce b -> bounce(m, b, n);
            case Complaint c -> complaint(m, c, n);
        }
    }

    private void bounce(Received m, Bounce b, int[] n) {
        n[1]++;
        Long first = null;
        String kind = null;
        List<String> unmatched = new ArrayList<>();
        for (BouncedRecipient r : b.recipients()) {
            OptionalLong d = find(m, r.names(), b.original(), false);
            LateEvent.Kind k = switch (r.action()) {
                case FAILED -> LateEvent.Kind.BOUNCE;
                case DELAYED -> LateEvent.Kind.DELAY;
                case DELIVERED, RELAYED, EXPANDED -> LateEvent.Kind.SUCCESS;
            };
            kind = kind == null || k == LateEvent.Kind.BOUNCE ? k.label() : kind;
            if (d.isEmpty()) {
                unmatched.add(r.address());
                continue;
            }
            String detail = (r.diagnostic().isEmpty() ? r.action().label() : r.diagnostic())
                    + (r.remoteMta() == null ? "" : " (remote MTA " + r.remoteMta() + ")");
            LateEvent e = new LateEvent(k, r.status(), r.replyCode() == 0 ? null : r.replyCode(), r.reason().label(), detail, m.id());
            java.util.Optional<Rejudged> done = queue.recordLate(d.getAsLong(), e);
            if (done.isEmpty()) {
                unmatched.add(r.address());
                continue;
            }
            first = first == null ? d.getAsLong() : first;
            lateListener.accept(done.get(), e);
            if (done.get().changed()) {
                n[3]++;
                rules.late(queue, done.get(), r.reason().label(), r.evidence().firm(), "late bounce (received message " + m.id() + "): "
                        + (r.status() == null ? "" : r.status() + " ") + detail);
            }
        }
        if (first == null) {
            n[4]++;
            inbox.mark(m.id(), Inbox.Status.UNMATCHED, kind, null, "no delivery of ours matches " + String.join(", ", unmatched)
                    + " by a signed identifier (VERP address, X-Homing-Delivery token, Message-ID); acts on nothing " + clues(m, b.original()));
        } else {
            inbox.mark(m.id(), Inbox.Status.PROCESSED, kind, first, b.recipients().size() + " recipient(s)"
                    + (unmatched.isEmpty() ? "" : "; not ours: " + String.join(", ", unmatched)));
        }
    }

    private void complaint(Received m, Complaint c, int[] n) {
        n[2]++;
        List<String> named = c.recipients().isEmpty() ? java.util.Collections.singletonList(null) : c.recipients();
        Long first = null;
        // a configured feedback loop's report, its DKIM signature verified, may name the recipient alone
        boolean fromLoop = feedbackLoops.authenticated(m.raw()).isPresent();
        for (String rcpt : named) {
            OptionalLong d = find(m, rcpt, c.original(), fromLoop);
            String why = "complaint (" + c.feedbackType().label() + ")" + (c.userAgent() == null ? "" : " reported by " + c.userAgent())
                    + ", received message " + m.id();
            if (d.isPresent()) {
                LateEvent complained = new LateEvent(LateEvent.Kind.COMPLAINT, null, null, dev.homing.outcome.Reason.FEEDBACK.label(), why, m.id());
                java.util.Optional<Rejudged> done = queue.recordLate(d.getAsLong(), complained);
                if (done.isPresent()) {
                    lateListener.accept(done.get(), complained);
                    first = first == null ? d.getAsLong() : first;
                    n[3] += done.get().changed() ? 1 : 0;
                    // a complaint stops mail to the address whatever the message's state of judgement
                    suppressions.put(done.get().recipient(), 0, "complaint", Suppression.ACTIVE, why);
                    continue;
                }
            }
            // not tied to a delivery of ours: stored and shown, and acts on nothing (a complaint about an address we never
            // mailed, or one anybody could have written, must not suppress it)
        }
        if (first == null) {
            n[4]++;
            inbox.mark(m.id(), Inbox.Status.UNMATCHED, "complaint", null, "complaint (" + c.feedbackType().label() + ") for "
                    + (c.recipients().isEmpty() ? "an unnamed recipient" : String.join(", ", c.recipients()))
                    + ": not tied to a delivery by a signed identifier of ours, nor from a trusted feedback loop; acts on nothing "
                    + clues(m, c.original()));
        } else {
            inbox.mark(m.id(), Inbox.Status.PROCESSED, "complaint", first, "complaint (" + c.feedbackType().label() + ")");
        }
    }

    /**
     * The delivery a report is about, only by something this installation made and signed: the VERP address it came
     * to, else our {@code X-Homing-Delivery} token, our VERP address as the original's envelope sender, or our
     * Message-ID, quoted from the original (each carries a MAC under the install secret). Each must agree with the
     * recipient the report names, when it names one. Without any of them a report acts on nothing, unless it is a
     * complaint from a trusted feedback loop ({@link FeedbackLoops}), which may name the recipient alone: then the
     * latest accepted delivery to it.
     */
    OptionalLong find(Received m, String recipient, Original o, boolean trustedLoop) {
        return find(m, recipient == null ? List.of() : List.of(recipient), o, trustedLoop);
    }

    /**
     * @param names the addresses the report names for one recipient (the final one, and the original one of an alias or a
     *              forward, RFC 3464 2.3.1): the delivery must be to one of them; none: any
     */
    OptionalLong find(Received m, List<String> names, Original o, boolean trustedLoop) {
        for (String to : m.rcptTo()) {
            OptionalLong v = verp.delivery(to);
            if (v.isPresent() && agrees(v.getAsLong(), names)) {
                return v;
            }
        }
        if (o != null) {
            for (OptionalLong c : List.of(verp.fromToken(o.delivery()), o.envelopeSender() == null ? OptionalLong.empty() : verp.delivery(o.envelopeSender()),
                    verp.fromMessageId(o.messageId()))) {
                if (c.isPresent() && agrees(c.getAsLong(), names)) {
                    return c;
                }
            }
        }
        return trustedLoop && !names.isEmpty() ? queue.view().latestAcceptedTo(names.get(0).strip()) : OptionalLong.empty();
    }

    private boolean agrees(long deliveryId, List<String> names) {
        java.util.Optional<dev.homing.queue.QueueView.DeliveryRef> d = queue.view().delivery(deliveryId);
        return d.isPresent() && (names.isEmpty() || names.stream().anyMatch(n -> d.get().recipient().equalsIgnoreCase(n.strip())));
    }

    private static String clues(Received m, Original o) {
        return "(sent to " + String.join(", ", m.rcptTo()) + "; quoted Message-ID " + (o == null || o.messageId() == null ? "none" : o.messageId())
                + ", X-Homing-Delivery " + (o == null || o.delivery() == null ? "none" : o.delivery()) + ")";
    }

    @Override
    public void close() {
        running = false;
        wake();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
