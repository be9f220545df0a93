package dev.homing.list;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Double opt-in and unsubscribe: a request makes the address an unconfirmed member and returns a
 * confirmation token; following the link confirms; an unsubscribe link (long-lived, idempotent,
 * RFC 8058) unsubscribes and suppresses the address for that list. Every step is kept in the
 * consent record with time, IP, user agent, source and the consent text shown.
 */
public final class Subscriptions {
    private final Database db;
    private final Tokens tokens;
    private final Suppressions suppressions;
    /** Told of every member who just unsubscribed (webhooks). */
    private volatile java.util.function.Consumer<Followed> unsubscribed = f -> {
    };

    public Subscriptions(Database db, Tokens tokens) {
        this(db, tokens, ConfirmationLimits.defaults());
    }

    /** @param limits how often anybody may make Homing mail a confirmation link */
    public Subscriptions(Database db, Tokens tokens, ConfirmationLimits limits) {
        this.db = db;
        this.tokens = tokens;
        this.suppressions = new Suppressions(db);
        this.limits = limits;
    }

    private final ConfirmationLimits limits;

    /**
     * How often a subscribe request may make Homing mail a confirmation link: a public form can otherwise be used to
     * bomb an address (or many) with mail that comes from us.
     *
     * @param perAddress at most one confirmation mail to an address in this time, whatever the list
     * @param perHour    at most this many confirmation mails in any hour, all addresses together
     */
    public record ConfirmationLimits(java.time.Duration perAddress, int perHour) {
        public static ConfirmationLimits defaults() {
            return new ConfirmationLimits(java.time.Duration.ofHours(24), 500);
        }
    }

    /**
     * No confirmation is sent, and the person is not told why (the form answers as it does when one is sent, so it
     * does not reveal whether an address is on a list): the address is suppressed or unsubscribed from this list, a
     * confirmation went to it recently, or the hourly ceiling is reached. {@code why} is for the operator and logs.
     */
    public record Held(String emailKey, String why) implements Requested {
    }

    /** The outcome of a subscribe request. */
    public sealed interface Requested {
    }

    /** A confirmation is needed: mail this token's link to the address. */
    public record NeedsConfirmation(String emailKey, String token) implements Requested {
    }

    /** Already a confirmed member: nothing to send. */
    public record AlreadyConfirmed(String emailKey) implements Requested {
    }

    /** The address cannot be used; the reason is for the person who typed it. */
    public record Refused(String reason) implements Requested {
    }

    /** The outcome of following a link; listId is 0 when the link named no list. */
    public record Followed(boolean ok, String emailKey, long listId, String message) {
    }

    public Requested subscribe(MailingList list, String address, Map<String, String> attributes, Consent consent) {
        Address.Checked checked = Address.check(address);
        if (checked instanceof Address.Invalid bad) {
            return new Refused(bad.reason());
        }
        String key = ((Address.Valid) checked).address();
        Instant now = Instant.now();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            String status = status(c, list.id(), key);
            if (MemberStatus.CONFIRMED.label().equals(status)) {
                c.rollback();
                return new AlreadyConfirmed(key);
            }
            String held = held(c, key, list.id(), status, now);
            if (held != null) {
                record(c, key, list.id(), "held", consent, now); // the request is part of the consent record, the mail is not sent
                c.commit();
                return new Held(key, held);
            }
            upsertSubscriber(c, key, attributes, now);
            if (status == null) {
                try (PreparedStatement ps = c.prepareStatement(ListSql.INSERT_MEMBER)) {
                    ps.setLong(1, list.id());
                    ps.setString(2, key);
                    ps.setString(3, MemberStatus.UNCONFIRMED.label());
                    ps.setString(4, consent.source());
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setTimestamp(6, Timestamp.from(now));
                    ps.executeUpdate();
                }
            } else {
                setStatus(c, list.id(), key, MemberStatus.UNCONFIRMED, consent.source(), now); // unsubscribed asking again
            }
            record(c, key, list.id(), "requested", consent, now);
            c.commit();
        } catch (SQLException e) {
            throw new ListException("cannot subscribe " + key + " to \"" + list.name() + "\": " + e.getMessage(), e);
        }
        return new NeedsConfirmation(key, tokens.issue(Tokens.Purpose.CONFIRM, key, list.id(), now.plus(Tokens.Purpose.CONFIRM.lifetime())));
    }

    /**
     * Whether a confirmation link is genuine and unexpired, without using it: opening the link shows a
     * button, and only pressing it confirms (mail-gateway scanners open links; they do not press buttons).
     *
     * @return null when it may be followed, else why not
     */
    public String checkConfirmation(String token) {
        return tokens.verify(Tokens.Purpose.CONFIRM, token, Instant.now()) instanceof Tokens.Invalid bad ? bad.reason() : null;
    }

    /** Follows a confirmation link: single use, expiring. */
    public Followed confirm(String token, Consent consent) {
        Instant now = Instant.now();
        Tokens.Verified v = tokens.consume(Tokens.Purpose.CONFIRM, token, now);
        if (v instanceof Tokens.Invalid bad) {
            return new Followed(false, null, 0, bad.reason());
        }
        Tokens.Valid ok = (Tokens.Valid) v;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            if (status(c, ok.listId(), ok.emailKey()) == null) {
                c.rollback();
                return new Followed(false, ok.emailKey(), ok.listId(), "this subscription no longer exists");
            }
            setStatus(c, ok.listId(), ok.emailKey(), MemberStatus.CONFIRMED, consent.source(), now);
            record(c, ok.emailKey(), ok.listId(), "confirmed", consent, now);
            c.commit();
            return new Followed(true, ok.emailKey(), ok.listId(), "your subscription is confirmed");
        } catch (SQLException e) {
            throw new ListException("cannot confirm " + ok.emailKey() + ": " + e.getMessage(), e);
        }
    }

    /** Sets the listener told when a member unsubscribes (not when an unsubscribed member repeats it); default none. */
    public void onUnsubscribe(java.util.function.Consumer<Followed> listener) {
        this.unsubscribed = listener;
    }

    /** A long-lived unsubscribe token for campaign headers and footers. */
    public String unsubscribeToken(String emailKey, long listId) {
        Instant now = Instant.now();
        return tokens.issue(Tokens.Purpose.UNSUBSCRIBE, emailKey, listId, now.plus(Tokens.Purpose.UNSUBSCRIBE.lifetime()));
    }

    /** Unsubscribes at once; repeating it is harmless (RFC 8058 one-click). */
    public Followed unsubscribe(String token, Consent consent) {
        Instant now = Instant.now();
        Tokens.Verified v = tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token, now);
        if (v instanceof Tokens.Invalid bad) {
            return new Followed(false, null, 0, bad.reason());
        }
        Tokens.Valid ok = (Tokens.Valid) v;
        return unsubscribe(ok.emailKey(), ok.listId(), consent, now);
    }

    /**
     * Unsubscribes a member named by address key and list (the REST API, where the caller is
     * authenticated by key instead of a link): the same steps as a link, listeners told.
     */
    public Followed unsubscribeMember(String emailKey, long listId, Consent consent) {
        return unsubscribe(emailKey, listId, consent, Instant.now());
    }

    private Followed unsubscribe(String emailKey, long listId, Consent consent, Instant now) {
        boolean changed;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            String status = status(c, listId, emailKey);
            changed = status != null && !MemberStatus.UNSUBSCRIBED.label().equals(status);
            if (changed) {
                setStatus(c, listId, emailKey, MemberStatus.UNSUBSCRIBED, consent.source(), now);
                record(c, emailKey, listId, "unsubscribed", consent, now);
            }
            c.commit();
        } catch (SQLException e) {
            throw new ListException("cannot unsubscribe " + emailKey + ": " + e.getMessage(), e);
        }
        suppressions.put(emailKey, listId, "unsubscribe", Suppression.ACTIVE, "unsubscribe (" + consent.source() + ")");
        Followed done = new Followed(true, emailKey, listId, "you are unsubscribed");
        if (changed) {
            unsubscribed.accept(done);
        }
        return done;
    }

    /** The local part prefix of mailto: unsubscribe addresses. */
    public static final String MAILBOX_PREFIX = "unsubscribe-";

    /**
     * The local part of this member's mailto: unsubscribe address ({@code unsubscribe-<26 base32 characters>}):
     * a random 128-bit reference, the same for the same member every time.
     */
    public String unsubscribeMailbox(String emailKey, long listId) {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(SubscriptionSql.MAILBOX_OF)) {
                ps.setString(1, emailKey);
                ps.setLong(2, listId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return MAILBOX_PREFIX + rs.getString(1);
                    }
                }
            }
            String ref = Base32.random128();
            try (PreparedStatement ps = c.prepareStatement(
                    SubscriptionSql.INSERT_MAILBOX)) {
                ps.setString(1, ref);
                ps.setString(2, emailKey);
                ps.setLong(3, listId);
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return MAILBOX_PREFIX + ref;
        } catch (SQLException e) {
            throw new ListException("cannot make the unsubscribe address of " + emailKey + ": " + e.getMessage(), e);
        }
    }

    /** True when this local part names a member's unsubscribe mailbox (cheap check before accepting mail). */
    /**
     * The mailto: unsubscribe local parts of many members of one list at once (a campaign expands
     * in batches): one query for those that exist, one batch insert for the rest.
     */
    public Map<String, String> unsubscribeMailboxes(java.util.Collection<String> emailKeys, long listId) {
        Map<String, String> refs = new java.util.HashMap<>(emailKeys.size() * 2);
        if (emailKeys.isEmpty()) {
            return refs;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(SubscriptionSql.mailboxesOf(emailKeys.size()))) {
                ps.setLong(1, listId);
                int i = 2;
                for (String k : emailKeys) {
                    ps.setString(i++, k);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        refs.put(rs.getString(1), MAILBOX_PREFIX + rs.getString(2));
                    }
                }
            }
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement ps = c.prepareStatement(
                    SubscriptionSql.INSERT_MAILBOX)) {
                int n = 0;
                for (String k : emailKeys) {
                    if (refs.containsKey(k)) {
                        continue;
                    }
                    String ref = Base32.random128();
                    ps.setString(1, ref);
                    ps.setString(2, k);
                    ps.setLong(3, listId);
                    ps.setTimestamp(4, now);
                    ps.addBatch();
                    refs.put(k, MAILBOX_PREFIX + ref);
                    n++;
                }
                if (n > 0) {
                    ps.executeBatch();
                }
            }
            c.commit();
            return refs;
        } catch (SQLException e) {
            throw new ListException("cannot make the unsubscribe addresses of list " + listId + ": " + e.getMessage(), e);
        }
    }

    public boolean isUnsubscribeMailbox(String localPart) {
        return mailboxMember(localPart) != null;
    }

    /** Unsubscribes the member behind a mailto: unsubscribe address; repeating it is harmless. */
    public Followed unsubscribeByMail(String localPart, Consent consent) {
        Object[] member = mailboxMember(localPart);
        if (member == null) {
            return new Followed(false, null, 0, "no such unsubscribe address");
        }
        return unsubscribe((String) member[0], (Long) member[1], consent, Instant.now());
    }

    private Object[] mailboxMember(String localPart) {
        String lp = localPart == null ? "" : localPart.toLowerCase(java.util.Locale.ROOT);
        if (!lp.startsWith(MAILBOX_PREFIX) || lp.length() != MAILBOX_PREFIX.length() + 26) {
            return null;
        }
        try (Connection c = db.connection();
             PreparedStatement ps = c.prepareStatement(SubscriptionSql.MAILBOX_OWNER)) {
            ps.setString(1, lp.substring(MAILBOX_PREFIX.length()));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Object[]{rs.getString(1), rs.getLong(2)} : null;
            }
        } catch (SQLException e) {
            throw new ListException("cannot read unsubscribe addresses: " + e.getMessage(), e);
        }
    }

    /** One step of the consent record. */
    public record Event(String emailKey, long listId, String event, Instant at, String ip, String userAgent, String source, String text) {
    }

    public List<Event> record(String emailKey, long listId) {
        List<Event> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                SubscriptionSql.CONSENT_OF)) {
            ps.setString(1, emailKey);
            ps.setLong(2, listId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot read the consent record of " + emailKey + ": " + e.getMessage(), e);
        }
    }

    /** Writes a list's whole consent record as CSV (every step of every subscriber), streamed. */
    public long exportRecord(MailingList list, java.io.Writer out) throws java.io.IOException {
        out.write(Csv.row(List.of("email", "event", "at", "ip", "user_agent", "source", "text")));
        long n = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                SubscriptionSql.CONSENT_OF_LIST)) {
            ps.setLong(1, list.id());
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.write(Csv.row(java.util.Arrays.asList(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant().toString(),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new ListException("cannot read the consent record of \"" + list.name() + "\": " + e.getMessage(), e);
        }
        out.flush();
        return n;
    }

    private static String status(Connection c, long listId, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriptionSql.MEMBERSHIP_STATUS)) {
            ps.setLong(1, listId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void setStatus(Connection c, long listId, String key, MemberStatus status, String source, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SubscriptionSql.SET_MEMBERSHIP)) {
            ps.setString(1, status.label());
            ps.setString(2, source);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setLong(4, listId);
            ps.setString(5, key);
            ps.executeUpdate();
        }
    }

    private static void upsertSubscriber(Connection c, String key, Map<String, String> attributes, Instant now) throws SQLException {
        String old = null;
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement(SubscriptionSql.ATTRIBUTES_OF)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
                if (exists) {
                    old = rs.getString(1);
                }
            }
        }
        Map<String, Object> merged = old == null ? new java.util.LinkedHashMap<>() : Lists.attributes(old);
        merged.putAll(attributes);
        String json;
        try {
            json = merged.isEmpty() ? null : Lists.JSON.writeValueAsString(merged);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = c.prepareStatement(exists ? ListSql.UPDATE_SUBSCRIBER : ListSql.INSERT_SUBSCRIBER)) {
            if (exists) {
                ps.setString(1, json);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, key);
            } else {
                ps.setString(1, key);
                ps.setString(2, key);
                ps.setString(3, json);
                ps.setTimestamp(4, Timestamp.from(now));
                ps.setTimestamp(5, Timestamp.from(now));
            }
            ps.executeUpdate();
        }
    }

    /** Why no confirmation may be mailed to this address now, or null when one may. */
    private String held(Connection c, String key, long listId, String status, Instant now) throws SQLException {
        if (MemberStatus.UNSUBSCRIBED.label().equals(status)) {
            return "the address unsubscribed from this list";
        }
        if (Suppressions.stopping(suppressions.find(java.util.List.of(key), listId).get(key)) != null) {
            return "the address is suppressed";
        }
        try (PreparedStatement ps = c.prepareStatement(ListSql.CONFIRMATIONS_TO)) {
            ps.setString(1, key);
            ps.setTimestamp(2, Timestamp.from(now.minus(limits.perAddress())));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return "a confirmation went to this address less than " + limits.perAddress().toHours() + " hours ago";
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(ListSql.CONFIRMATIONS_SINCE)) {
            ps.setTimestamp(1, Timestamp.from(now.minus(java.time.Duration.ofHours(1))));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getLong(1) >= limits.perHour()) {
                    return "the hourly ceiling of " + limits.perHour() + " confirmation mails is reached";
                }
            }
        }
        return null;
    }

    private static void record(Connection c, String key, long listId, String event, Consent consent, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                SubscriptionSql.INSERT_CONSENT)) {
            ps.setString(1, key);
            ps.setLong(2, listId);
            ps.setString(3, event);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setString(5, cut(consent.ip(), 64));
            ps.setString(6, cut(consent.userAgent(), 500));
            ps.setString(7, cut(consent.source(), 300));
            ps.setString(8, cut(consent.text(), 2000));
            ps.executeUpdate();
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
