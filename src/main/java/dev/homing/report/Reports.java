package dev.homing.report;

import dev.homing.outcome.Judge;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.DeliveryState;
import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The report stage's public face: one delivery's timeline and diagnosis, a campaign's diagnosis, and
 * its per-recipient table. Reads the database only, so it works beside a delivering process and
 * without one. Thread-safe.
 */
public final class Reports {
    private static final int FETCH = 1000;

    private final Database db;
    private final Diagnoses diagnoses;
    private final ProviderDetector detector;

    /** @param detector finds mailbox providers from MX; {@link ProviderDetector#offline()} makes every provider "other" */
    public Reports(Database db, ProviderDetector detector) {
        this.db = db;
        this.detector = detector;
        this.diagnoses = new Diagnoses(new Judge());
    }

    /**
     * The temporary answers a message met on the way (421, 450, 451: greylisting, rate limits, busy servers), most
     * deliveries first, each with how the deliveries it touched ended.
     */
    public List<TemporaryAnswer> temporaryAnswers(long messageId) {
        record Key(int code, String enhanced, String reason) {
        }
        Map<Key, long[]> counts = new java.util.LinkedHashMap<>(); // deliveries, attempts, delivered, expired, failed, waiting
        Map<Key, String> examples = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ReportSql.TEMPORARY_ANSWERS)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key k = new Key(rs.getInt(1), rs.getString(2), rs.getString(3));
                    long[] n = counts.computeIfAbsent(k, x -> new long[6]);
                    long deliveries = rs.getLong(5);
                    n[0] += deliveries;
                    n[1] += rs.getLong(6);
                    switch (DeliveryState.fromLabel(rs.getString(4))) {
                        case DELIVERED, COMPLAINED -> n[2] += deliveries;
                        case EXPIRED -> n[3] += deliveries;
                        case QUEUED, SENDING, DEFERRED -> n[5] += deliveries;
                        default -> n[4] += deliveries;
                    }
                    examples.merge(k, rs.getString(7) == null ? "" : rs.getString(7), (a, b) -> a.isEmpty() ? b : a);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the temporary answers of message " + messageId + ": " + e.getMessage(), e);
        }
        List<TemporaryAnswer> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            dev.homing.outcome.Reason reason = k.reason() == null ? dev.homing.outcome.Reason.UNDEFINED
                    : dev.homing.outcome.Reason.fromLabel(k.reason());
            // the retry promise only while some of them still wait for it
            out.add(new TemporaryAnswer(k.code(), k.enhanced(), reason, n[0], n[1], n[2], n[3], n[4], n[5],
                    n[5] > 0 ? reason.deferredSentence() : reason.sentence(),
                    Diagnoses.excerpt(dev.homing.smtp.Reply.wordsAfterCodes(examples.get(k)), 160)));
        });
        out.sort(Comparator.comparingLong(TemporaryAnswer::deliveries).reversed().thenComparingInt(TemporaryAnswer::code));
        return out;
    }

    /** A delivery's attempts and late events in time order, with its diagnosis; empty when there is no such delivery. */
    public Optional<Timeline> timeline(long deliveryId) {
        try (Connection c = db.connection()) {
            Optional<DeliveryFacts> found = one(c, deliveryId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            DeliveryFacts f = found.get();
            List<Timeline.Step> steps = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ReportSql.ATTEMPTS)) {
                ps.setLong(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        steps.add(new Timeline.AttemptStep(instant(rs, 2), rs.getInt(1), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getInt(6), rs.getString(7), Diagnoses.excerpt(rs.getString(8), 200), integer(rs, 11), rs.getInt(12),
                                rs.getString(9), rs.getString(10), rs.getString(13) == null ? "" : rs.getString(13)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(ReportSql.EVENTS)) {
                ps.setLong(1, deliveryId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        steps.add(new Timeline.EventStep(instant(rs, 1), rs.getString(2), rs.getString(3), integer(rs, 4), rs.getString(5),
                                Diagnoses.excerpt(rs.getString(6), 200), rs.getString(7), rs.getString(8),
                                rs.getObject(9) == null ? null : rs.getLong(9)));
                    }
                }
            }
            // a stable sort: attempts keep their order, and an event never comes before the attempt it follows
            steps.sort(Comparator.comparing(Timeline.Step::at));
            Instant accepted = steps.stream().filter(s -> s instanceof Timeline.AttemptStep a && "delivered".equals(a.disposition()))
                    .map(Timeline.Step::at).reduce((a, b) -> b).orElse(null);
            Diagnosis d = diagnoses.of(f, new Providers(detector).of(f.domain()), context(c, f.messageId(), List.of()), accepted);
            return Optional.of(new Timeline(f, steps, d));
        } catch (SQLException e) {
            throw new StoreException("cannot read delivery " + deliveryId + ": " + e.getMessage(), e);
        }
    }

    /**
     * A stored report (a bounce, a complaint) that changed this delivery, as received, at most {@code maxBytes} of it: empty
     * when it is not one of this delivery's or is no longer kept (inbound.retention).
     */
    public Optional<dev.homing.inbound.Received> storedReport(long deliveryId, long inboundId, int maxBytes) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ReportSql.REPORT_OF_DELIVERY)) {
            ps.setLong(1, deliveryId);
            ps.setLong(2, inboundId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the reports of delivery " + deliveryId + ": " + e.getMessage(), e);
        }
        return new dev.homing.inbound.Inbox(db).received(inboundId, maxBytes);
    }

    /** The diagnosis of one delivery alone. */
    public Optional<Diagnosis> diagnose(long deliveryId) {
        return timeline(deliveryId).map(Timeline::diagnosis);
    }

    /**
     * The deliveries to an address, newest first; in one campaign when {@code campaign} is not null.
     * The address is matched as stored, else ignoring case.
     */
    public List<Long> deliveriesTo(String address, String campaign) {
        String a = address.strip();
        try (Connection c = db.connection()) {
            if (campaign != null) {
                return ids(c, ReportSql.DELIVERIES_TO_IN_CAMPAIGN, a, campaign);
            }
            List<Long> exact = ids(c, ReportSql.DELIVERIES_TO, a);
            return exact.isEmpty() ? ids(c, ReportSql.DELIVERIES_TO_ANY_CASE, a) : exact;
        } catch (SQLException e) {
            throw new StoreException("cannot look up deliveries to " + a + ": " + e.getMessage(), e);
        }
    }

    /**
     * A campaign's diagnosis.
     *
     * @throws IllegalArgumentException when there is no campaign of that name
     */
    public CampaignDiagnosis campaign(String name) {
        return campaign(name, List.of());
    }

    /** @param contentRules content-check rules the campaign is known to hit, named in the advice for content refusals */
    public CampaignDiagnosis campaign(String name, List<String> contentRules) {
        Tally tally = new Tally();
        Sent sent = sent(name);
        each(sent, contentRules, tally::add);
        return tally.result(name, sent.from(), diagnoses, sent.messageId() == null ? List.of() : temporaryAnswers(sent.messageId()));
    }

    /**
     * The deliveries to {@code address} as stored, newest first, before the id {@code before}: each id with its campaign's
     * name, or null for a transactional message (a keyset page: the ids never change).
     */
    public Map<Long, String> deliveriesTo(String address, long before, int limit) {
        Map<Long, String> out = new java.util.LinkedHashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ReportSql.DELIVERIES_TO_PAGE)) {
            ps.setString(1, address);
            ps.setLong(2, before);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the deliveries to " + address + ": " + e.getMessage(), e);
        }
    }

    /** Every recipient of a campaign, in the order they were queued, as the per-recipient table shows them. */
    public void forEachRecipient(String campaign, Consumer<RecipientLine> each) {
        each(sent(campaign), List.of(), (f, d) -> each.accept(line(f, d)));
    }

    /**
     * The per-recipient lines of the given deliveries, in the order given, diagnosed as {@link #forEachRecipient} does;
     * an id with no delivery is left out. For a page of a table whose ids the caller chose (the API's keyset pages).
     */
    public List<RecipientLine> lines(List<Long> deliveryIds) {
        try (Connection c = db.connection()) {
            List<DeliveryFacts> found = new ArrayList<>(deliveryIds.size());
            try (PreparedStatement ps = c.prepareStatement(ReportSql.DELIVERY)) {
                for (long id : deliveryIds) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.add(facts(rs));
                        }
                    }
                }
            }
            Providers providers = new Providers(detector);
            providers.prefetch(found.stream().map(DeliveryFacts::domain).distinct().toList());
            // a page mixes messages only when it lists one address's deliveries: one sender lookup per message
            Map<Long, Context> contexts = new HashMap<>();
            List<RecipientLine> out = new ArrayList<>(found.size());
            for (DeliveryFacts f : found) {
                Context ctx = contexts.get(f.messageId());
                if (ctx == null) {
                    ctx = context(c, f.messageId(), List.of());
                    contexts.put(f.messageId(), ctx);
                }
                out.add(line(f, diagnoses.of(f, providers.of(f.domain()), ctx, null)));
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read " + deliveryIds.size() + " deliveries for their lines: " + e.getMessage(), e);
        }
    }

    private record Sent(String name, String from, Long messageId) {
    }

    private Sent sent(String name) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ReportSql.CAMPAIGN)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no campaign named \"" + name + "\" ('homing campaign ls' lists them)");
                }
                long m = rs.getLong(3);
                return new Sent(rs.getString(1), rs.getString(2), rs.wasNull() ? null : m);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read campaign " + name + ": " + e.getMessage(), e);
        }
    }

    private void each(Sent sent, List<String> contentRules, java.util.function.BiConsumer<DeliveryFacts, Diagnosis> each) {
        if (sent.messageId() == null) {
            return; // not sent yet: no deliveries
        }
        Providers providers = new Providers(detector);
        try (Connection c = db.connection()) {
            List<String> domains = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ReportSql.DOMAINS_OF_MESSAGE)) {
                ps.setLong(1, sent.messageId());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        domains.add(rs.getString(1));
                    }
                }
            }
            providers.prefetch(domains);
            Context ctx = context(c, sent.messageId(), contentRules);
            try (PreparedStatement ps = c.prepareStatement(ReportSql.DELIVERIES_OF_MESSAGE)) {
                ps.setLong(1, sent.messageId());
                ps.setFetchSize(FETCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        DeliveryFacts f = facts(rs);
                        each.accept(f, diagnoses.of(f, providers.of(f.domain()), ctx, null));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the deliveries of campaign " + sent.name() + ": " + e.getMessage(), e);
        }
    }

    private static RecipientLine line(DeliveryFacts f, Diagnosis d) {
        String last;
        if (f.lastEvent() != null) {
            DeliveryFacts.LateEvent e = f.lastEvent();
            last = Times.show(e.at()) + " " + e.kind() + ":" + (e.code() == null ? "" : " " + e.code()) + (e.status() == null ? "" : " " + e.status())
                    + (e.detail() == null ? "" : " " + Diagnoses.excerpt(e.detail(), 160));
        } else if (f.attempts() > 0) {
            last = Times.show(f.updatedAt()) + " attempt " + f.attempts() + ": " + Diagnoses.code(f)
                    + (f.detail() == null ? "" : " " + Diagnoses.excerpt(f.detail(), 160));
        } else {
            last = Times.show(f.createdAt()) + " queued";
        }
        return new RecipientLine(f.id(), f.recipient(), f.state().label(), d.outcome().label(), d.reason().label(), f.code(), f.enhanced(),
                d.responsibleText(), d.action().label(), d.providerName(), last);
    }

    private Optional<DeliveryFacts> one(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ReportSql.DELIVERY)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(facts(rs)) : Optional.empty();
            }
        }
    }

    private static Context context(Connection c, long messageId, List<String> contentRules) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ReportSql.SENDER_OF_MESSAGE)) {
            ps.setLong(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Context(null, null, null, contentRules);
                }
                String envelope = rs.getString(1);
                String from = rs.getString(2);
                if (from == null) {
                    // a message sent with 'send': the From its recipients see is in its header, not the envelope sender
                    from = headerFrom(rs.getString(4));
                }
                return new Context(from == null ? envelope : from, envelope, rs.getString(3), contentRules);
            }
        }
    }

    /** The address of the From header at the start of a message's text, or null (RFC 5322 3.6.2; a display name may precede it). */
    static String headerFrom(String text) {
        if (text == null) {
            return null;
        }
        // Jakarta Mail reads the header section (to its empty line, folded lines joined) and parses the address
        try {
            String from = new jakarta.mail.internet.InternetHeaders(new java.io.ByteArrayInputStream(
                    text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .getHeader("From", ",");
            if (from == null) {
                return null;
            }
            jakarta.mail.internet.InternetAddress[] all = jakarta.mail.internet.InternetAddress.parseHeader(from, false);
            return all.length == 0 || all[0].getAddress() == null || all[0].getAddress().indexOf('@') < 0 ? null : all[0].getAddress();
        } catch (jakarta.mail.MessagingException e) {
            return null;
        }
    }

    private static DeliveryFacts facts(ResultSet rs) throws SQLException {
        Instant eventAt = instant(rs, 17);
        DeliveryFacts.LateEvent event = eventAt == null ? null : new DeliveryFacts.LateEvent(eventAt, rs.getString(18), rs.getString(19),
                integer(rs, 20), rs.getString(21), rs.getString(22), rs.getString(23));
        return new DeliveryFacts(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), DeliveryState.fromLabel(rs.getString(5)),
                rs.getInt(6), instant(rs, 7), instant(rs, 8), instant(rs, 9), rs.getString(10), rs.getString(11), integer(rs, 12),
                rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), event, rs.getString(24));
    }

    private static List<Long> ids(Connection c, String sql, String... params) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
