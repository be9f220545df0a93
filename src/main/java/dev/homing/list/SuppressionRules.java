package dev.homing.list;

import dev.homing.outcome.Judge;
import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.outcome.Verdict;
import dev.homing.queue.DeliveryRow;
import dev.homing.smtp.EnhancedStatus;
import dev.homing.smtp.Reply;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.Queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a finished message's outcomes into suppressions, once per message. Hard bounces (the reason's
 * own fact, {@link Reason#hard()}: userunknown, hostunknown, hasmoved, notaccept) suppress, except that
 * a "user unknown" for an address that accepted mail within {@code recentDelivery}, or that comes with
 * many like it at the same domain in the same campaign, or a hard bounce whose reason rests on weak
 * evidence (the server gave no words, only refused at RCPT: {@link dev.homing.outcome.Evidence#firm()}),
 * is only <em>suspected</em>: it stays mailable, is listed for review, and is suppressed if it happens
 * again. This is where the caution about filters that answer "user unknown" lives; the reason itself is
 * never relabelled. Soft bounces the recipient owns (mailbox full, suspended) suppress after
 * {@code softBounces} of them within {@code softWindow} without a delivery between; a delivery resets
 * the count.
 */
public final class SuppressionRules {
    private static final int BATCH = 1000;
    /** Asked again about a stored reply only for what decided its reason (the verdict records it, the queue stores the reason). */
    private static final Judge JUDGE = new Judge();

    /**
     * A failure that says the address itself will never work ({@link Reason#hard()}), as far as the suppression list
     * is concerned: an address refused as invalid syntax never reached a server and is kept out of the list.
     */
    static boolean hard(String label) {
        Reason r = reason(label);
        return r != null && r.hard() && r != Reason.INVALIDADDRESS;
    }

    /** A failure the recipient's mailbox owns but may recover from (full, suspended): counted toward the soft limit. */
    static boolean soft(String label) {
        Reason r = reason(label);
        return r != null && !r.hard() && r.responsibility() == Responsibility.RECIPIENT && r != Reason.FEEDBACK;
    }

    private static Reason reason(String label) {
        if (label == null) {
            return null;
        }
        try {
            return Reason.fromLabel(label);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * True when only the command or the class decided the reason (a wordless "550" at RCPT): weak evidence, so the
     * address is kept until it happens again, like any suspected filtering.
     */
    static boolean weak(DeliveryRow r) {
        if (r.code() == null) {
            return false;
        }
        EnhancedStatus e = r.enhanced() == null ? null : EnhancedStatus.parse(r.enhanced()).orElse(null);
        Reply reply = new Reply(r.code(), e, List.of(r.detail() == null ? "" : r.detail()));
        Verdict v = JUDGE.recorded(reason(r.reason()), r.stage(), reply, false);
        return v != null && !v.evidence().firm();
    }

    /**
     * @param softBounces        soft bounces without a delivery between that suppress
     * @param softWindow         ... counted within this time from the first of them
     * @param recentDelivery     a mailbox that accepted mail this recently is not believed dead on one "user unknown"
     * @param patternMin         this many "user unknown" at one domain in one campaign ...
     * @param patternShare       ... being at least this share of that domain's deliveries look like a filter, not dead addresses
     */
    public record Settings(int softBounces, Duration softWindow, Duration recentDelivery, int patternMin, double patternShare) {
        public static Settings defaults() {
            return new Settings(3, Duration.ofDays(30), Duration.ofDays(90), 5, 0.3);
        }
    }

    /** What one message's outcomes did to the suppression list. */
    public record Judgement(long suppressed, long suspected, long confirmedRepeats, long softSuppressed) {
    }

    private final Suppressions suppressions;
    private final Settings settings;

    public SuppressionRules(Suppressions suppressions, Settings settings) {
        this.suppressions = suppressions;
        this.settings = settings;
    }

    /**
     * A late bounce for a delivery of a message judged already (an unjudged message is judged whole
     * later, and sees the new state then; complaints suppress at once, whatever the judgement, in the
     * inbound mailroom). A late hard bounce suppresses, or is only suspected when the address accepted a later
     * delivery since (it is alive), or was suspected before and now repeats (then it suppresses).
     * Soft reasons count toward the soft-bounce limit as usual.
     *
     * @return the suppression status written, or null when nothing was written
     */
    public String late(Queue queue, dev.homing.queue.Rejudged r, String reason, boolean firm, String why) {
        if (!r.changed() || !queue.view().judged(r.messageId())) {
            return null;
        }
        String key = r.recipient();
        Instant now = Instant.now();
        Suppressions.History h = suppressions.history(List.of(key)).get(key);
        if (hard(reason)) {
            boolean wasSuspected = suppressions.find(List.of(key), 0).getOrDefault(key, List.of()).stream()
                    .anyMatch(s -> s.listId() == 0 && Suppression.SUSPECTED.equals(s.status()));
            boolean aliveSince = h != null && h.lastDelivered() != null && h.lastDelivered().isAfter(r.settledAt().plusSeconds(60));
            boolean suspicious = "userunknown".equals(reason) && aliveSince || !firm;
            String status = suspicious && !wasSuspected ? Suppression.SUSPECTED : Suppression.ACTIVE;
            String hint = aliveSince ? "suspected filtering (accepted mail on " + h.lastDelivered() + "); "
                    : "weak evidence (the report names no reason, only where it was refused); ";
            suppressions.put(key, 0, reason, status, (status.equals(Suppression.SUSPECTED) ? hint : wasSuspected ? "repeated; " : "") + why);
            return status;
        }
        if (soft(reason)) {
            boolean fresh = h == null || h.firstSoft() == null || h.firstSoft().isBefore(now.minus(settings.softWindow()));
            int count = fresh ? 1 : h.softBounces() + 1;
            Instant first = fresh ? now : h.firstSoft();
            suppressions.saveHistory(List.of(new Suppressions.History(key, h == null ? null : h.lastDelivered(), count, first)),
                    h == null ? List.of() : List.of(key));
            if (count >= settings.softBounces()) {
                suppressions.put(key, 0, "softbounce", Suppression.ACTIVE, count + " soft bounces since " + first + "; last " + why);
                return Suppression.ACTIVE;
            }
        }
        return null;
    }

    /**
     * Judges every finished message not judged yet, on durable outcomes: the settlements still batched in memory are
     * committed first (else the last outcomes of a run would read as still deferred, and its message as unfinished).
     */
    public Judgement judgeFinished(Queue queue) {
        queue.flush();
        long[] t = new long[4];
        for (long id : queue.unjudgedMessages()) {
            Judgement j = judge(queue, id);
            t[0] += j.suppressed();
            t[1] += j.suspected();
            t[2] += j.confirmedRepeats();
            t[3] += j.softSuppressed();
        }
        return new Judgement(t[0], t[1], t[2], t[3]);
    }

    public Judgement judge(Queue queue, long messageId) {
        Map<String, int[]> perDomain = new HashMap<>(); // {deliveries tried, user unknown}
        queue.view().forEachDelivery(messageId, r -> {
            if (r.state() == DeliveryState.SUPPRESSED || "invalidaddress".equals(r.reason())) {
                return;
            }
            int[] c = perDomain.computeIfAbsent(domain(r.recipient()), k -> new int[2]);
            c[0]++;
            if ("userunknown".equals(r.reason()) && r.state() == DeliveryState.BOUNCED) {
                c[1]++;
            }
        });
        Set<String> patterned = new HashSet<>();
        perDomain.forEach((d, c) -> {
            if (c[1] >= settings.patternMin() && c[1] >= settings.patternShare() * c[0]) {
                patterned.add(d);
            }
        });
        long[] n = new long[4];
        List<DeliveryRow> batch = new ArrayList<>(BATCH);
        queue.view().forEachDelivery(messageId, r -> {
            batch.add(r);
            if (batch.size() == BATCH) {
                apply(batch, messageId, patterned, n);
                batch.clear();
            }
        });
        apply(batch, messageId, patterned, n);
        queue.markJudged(messageId);
        return new Judgement(n[0], n[1], n[2], n[3]);
    }

    private void apply(List<DeliveryRow> batch, long messageId, Set<String> patterned, long[] n) {
        List<String> keys = new ArrayList<>(batch.size());
        for (DeliveryRow r : batch) {
            keys.add(r.recipient());
        }
        Map<String, Suppressions.History> history = suppressions.history(keys);
        Map<String, List<Suppression>> existing = suppressions.find(keys, 0);
        Map<String, Suppressions.History> changed = new HashMap<>();
        Instant now = Instant.now();
        for (DeliveryRow r : batch) {
            String key = r.recipient();
            Suppressions.History h = changed.getOrDefault(key, history.get(key));
            String why = "message " + messageId + ": " + (r.code() == null ? "" : r.code() + " ") + (r.detail() == null ? "" : r.detail());
            if (r.state() == DeliveryState.DELIVERED) {
                changed.put(key, new Suppressions.History(key, now, 0, null));
            } else if (r.state() == DeliveryState.BOUNCED && hard(r.reason())) {
                boolean recent = h != null && h.lastDelivered() != null
                        && h.lastDelivered().isAfter(now.minus(settings.recentDelivery()));
                boolean weak = weak(r);
                boolean suspicious = "userunknown".equals(r.reason()) && (recent || patterned.contains(domain(key))) || weak;
                boolean wasSuspected = existing.getOrDefault(key, List.of()).stream()
                        .anyMatch(s -> s.listId() == 0 && Suppression.SUSPECTED.equals(s.status()));
                if (!suspicious || wasSuspected) {
                    suppressions.put(key, 0, r.reason(), Suppression.ACTIVE, wasSuspected ? "repeated; " + why : why);
                    n[wasSuspected ? 2 : 0]++;
                } else {
                    String hint = recent ? "accepted mail on " + h.lastDelivered()
                            : patterned.contains(domain(key)) ? "many 'user unknown' at " + domain(key) + " in this campaign"
                            : "weak evidence: the server gave no reason, only refused the recipient";
                    suppressions.put(key, 0, r.reason(), Suppression.SUSPECTED, "suspected filtering (" + hint + "); " + why);
                    n[1]++;
                }
            } else if ((r.state() == DeliveryState.BOUNCED || r.state() == DeliveryState.EXPIRED) && soft(r.reason())) {
                boolean fresh = h == null || h.firstSoft() == null || h.firstSoft().isBefore(now.minus(settings.softWindow()));
                int count = fresh ? 1 : h.softBounces() + 1;
                Instant first = fresh ? now : h.firstSoft();
                changed.put(key, new Suppressions.History(key, h == null ? null : h.lastDelivered(), count, first));
                if (count >= settings.softBounces()) {
                    suppressions.put(key, 0, "softbounce", Suppression.ACTIVE, count + " soft bounces since " + first + "; last " + why);
                    n[3]++;
                }
            }
        }
        suppressions.saveHistory(changed.values(), history.keySet());
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
