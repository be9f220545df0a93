package dev.homing.list;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.store.Database;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Lists and their members: create, find, rename, delete, count, export, and the importer. */
public final class Lists {
    static final ObjectMapper JSON = new ObjectMapper();
    static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database db;

    public Lists(Database db) {
        this.db = db;
    }

    Database db() {
        return db;
    }

    /**
     * List and campaign names go into URLs (the subscribe form, the web UI, the API): plain characters only.
     * The one rule for both; the API checks requests against it too.
     */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public MailingList create(String name, String description) {
        String n = checkedName(name);
        if (find(n).isPresent()) {
            throw new ListException("a list named \"" + n + "\" already exists");
        }
        Instant now = Instant.now();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.CREATE, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, n);
            ps.setString(2, description);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return new MailingList(rs.getLong(1), n, description, now);
            }
        } catch (SQLException e) {
            throw new ListException("cannot create the list \"" + n + "\": " + e.getMessage(), e);
        }
    }

    public Optional<MailingList> find(String name) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.BY_NAME)) {
            ps.setString(1, name.strip());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(list(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ListException("cannot read the list \"" + name + "\": " + e.getMessage(), e);
        }
    }

    public Optional<MailingList> find(long id) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.BY_ID)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(list(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new ListException("cannot read list " + id + ": " + e.getMessage(), e);
        }
    }

    /** The list, or an error that names it. */
    public MailingList get(String name) {
        return find(name).orElseThrow(() -> new ListException("there is no list named \"" + name + "\" ('homing list ls' shows them)"));
    }

    public List<MailingList> all() {
        List<MailingList> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(list(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot read the lists: " + e.getMessage(), e);
        }
    }

    /** At most {@code limit} lists whose names sort after {@code afterName} ("" for the first page), in name order. */
    public List<MailingList> page(String afterName, int limit) {
        List<MailingList> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.PAGE)) {
            ps.setString(1, afterName);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(list(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot read the lists: " + e.getMessage(), e);
        }
    }

    private static String checkedName(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches()) {
            throw new ListException("a list name is 1 to 100 letters, digits, dots, dashes or underscores, not \"" + name + "\"");
        }
        return n;
    }

    public MailingList update(MailingList list, String newName, String description) {
        String n = newName == null ? list.name() : checkedName(newName);
        if (!n.equals(list.name()) && find(n).isPresent()) {
            throw new ListException("a list named \"" + n + "\" already exists");
        }
        String d = description == null ? list.description() : description;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.UPDATE)) {
            ps.setString(1, n);
            ps.setString(2, d);
            ps.setLong(3, list.id());
            ps.executeUpdate();
            return new MailingList(list.id(), n, d, list.createdAt());
        } catch (SQLException e) {
            throw new ListException("cannot update the list \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /** Deletes the list and its memberships; subscribers stay (they may be on other lists, and suppression outlives lists). */
    public void delete(MailingList list) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.DELETE)) {
            ps.setLong(1, list.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ListException("cannot delete the list \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Takes a member off one list (their record, other lists, consent history and suppressions stay; erasing a person is
     * {@link Erasure}). @return false when the address was not on the list
     */
    public boolean remove(MailingList list, String emailKey) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            int n;
            try (PreparedStatement box = c.prepareStatement(ListSql.REMOVE_MAILBOX); PreparedStatement ps = c.prepareStatement(ListSql.REMOVE_MEMBER)) {
                box.setLong(1, list.id());
                box.setString(2, emailKey);
                box.executeUpdate();
                ps.setLong(1, list.id());
                ps.setString(2, emailKey);
                n = ps.executeUpdate();
            }
            c.commit();
            return n > 0;
        } catch (SQLException e) {
            throw new ListException("cannot remove " + emailKey + " from the list \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /** Replaces a subscriber's merge fields (names and plain values; an empty map clears them). */
    public void attributes(String emailKey, Map<String, String> attributes) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.UPDATE_SUBSCRIBER)) {
            ps.setString(1, attributes.isEmpty() ? null : JSON.writeValueAsString(attributes));
            ps.setTimestamp(2, java.sql.Timestamp.from(java.time.Instant.now()));
            ps.setString(3, emailKey);
            if (ps.executeUpdate() == 0) {
                throw new ListException(emailKey + " is not a subscriber");
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ListException("cannot change the fields of " + emailKey + ": " + e.getMessage(), e);
        }
    }

    public Map<MemberStatus, Long> counts(MailingList list) {
        Map<MemberStatus, Long> m = new EnumMap<>(MemberStatus.class);
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.COUNTS)) {
            ps.setLong(1, list.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(MemberStatus.fromLabel(rs.getString(1)), rs.getLong(2));
                }
            }
            return m;
        } catch (SQLException e) {
            throw new ListException("cannot count the list \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the list as CSV: email, status, consent_source, joined, then one column per attribute
     * (the union over members, so the file imports back). Two passes over the list: one for the
     * attribute names, one for the rows; memory holds the names only.
     */
    public long export(MailingList list, Writer out) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        forEachMember(list, (email, status, consent, joined, attrs) -> {
            if (attrs != null) {
                names.addAll(attributes(attrs).keySet());
            }
        });
        List<String> header = new ArrayList<>(List.of("email", "status", "consent_source", "joined"));
        header.addAll(names);
        out.write(Csv.row(header));
        long[] n = {0};
        IOException[] failure = {null};
        forEachMember(list, (email, status, consent, joined, attrs) -> {
            List<String> row = new ArrayList<>(header.size());
            row.add(email);
            row.add(status);
            row.add(consent == null ? "" : consent);
            row.add(joined.toString());
            Map<String, Object> a = attrs == null ? Map.of() : attributes(attrs);
            for (String name : names) {
                Object v = a.get(name);
                row.add(v == null ? "" : v.toString());
            }
            try {
                out.write(Csv.row(row));
                n[0]++;
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        out.flush();
        return n[0];
    }

    /** A member a campaign may send to, with the attributes its merge fields use. */
    public record Recipient(String email, Map<String, Object> attributes) {
    }

    /**
     * The members a campaign may send to, streamed: confirmed (double opt-in done or consent
     * recorded) and not suppressed for this list or globally. Unconfirmed and unsubscribed
     * members never come out of here; campaign expansion must use nothing else.
     */
    public void forEachRecipient(MailingList list, java.util.function.Consumer<Recipient> each) {
        members(list, ListSql.SENDABLE, 0, m -> each.accept(new Recipient(m.email(), m.attributes())));
    }

    /**
     * A confirmed member as a campaign sees it.
     *
     * @param suppressed the reason of an active suppression (then nothing is sent), or null
     */
    public record Member(String email, String emailKey, Map<String, Object> attributes, String suppressed) {
    }

    /**
     * A member as an API or page shows it: address as given, its key, status, where its consent came from, when it joined,
     * and its merge fields as stored (JSON, or null).
     */
    public record Membership(String email, String emailKey, String status, String consentSource, java.time.Instant joined,
                             String attributesJson, java.time.Instant updatedAt) {
        /** The merge fields as stored (JSON), or null: what the console shows. */
        public String attributes() {
            return attributesJson;
        }

        /** The merge fields read (empty when none, or when the stored text cannot be read). */
        public Map<String, Object> fields() {
            return attributesJson == null ? Map.of() : Lists.attributes(attributesJson);
        }
    }

    /** As {@link #members(MailingList, String, int)}, only addresses that contain {@code search} (blank: all). */
    public List<Membership> members(MailingList list, String afterKey, String search, int limit) {
        if (search == null || search.isBlank()) {
            return members(list, afterKey == null ? "" : afterKey, limit);
        }
        String like = "%" + search.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return memberships(ListSql.MEMBERS_MATCHING, list, afterKey == null ? "" : afterKey, limit, like);
    }

    /** A keyset page of a list's members after the address key {@code afterKey} (stable while members join or leave). */
    public List<Membership> members(MailingList list, String afterKey, int limit) {
        return memberships(ListSql.MEMBERS_PAGE, list, afterKey, limit);
    }

    /** One member of the list by address key, if it is one. */
    public java.util.Optional<Membership> member(MailingList list, String emailKey) {
        return memberships(ListSql.ONE_MEMBER, list, emailKey, 1).stream().findFirst();
    }

    private List<Membership> memberships(String sql, MailingList list, String key, int limit, String... more) {
        List<Membership> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, list.id());
            ps.setString(2, key);
            for (int i = 0; i < more.length; i++) {
                ps.setString(3 + i, more[i]);
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Membership(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new ListException("cannot read the members of \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /** Every confirmed member, streamed in address order, suppressed ones flagged. */
    public void forEachConfirmed(MailingList list, java.util.function.Consumer<Member> each) {
        members(list, ListSql.CAMPAIGN_MEMBERS, 0, each);
    }

    /** Runs a member query (columns email, attributes, email_key, suppression reason; binds list id twice); maxRows 0 = all. */
    private void members(MailingList list, String sql, int maxRows, java.util.function.Consumer<Member> each) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, list.id());
            ps.setLong(2, list.id());
            ps.setFetchSize(1000);
            ps.setMaxRows(maxRows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String attrs = rs.getString(2);
                    each.accept(new Member(rs.getString(1), rs.getString(3), attrs == null ? Map.of() : attributes(attrs), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new ListException("cannot read the members of \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /**
     * Who is on a list, for the pre-flight report.
     *
     * @param doubleOptIn confirmed members who followed a confirmation link (the rest were imported with a stated consent)
     * @param suppressed  confirmed members with an active suppression (a send skips them)
     */
    public record Audience(long confirmed, long doubleOptIn, long suppressed, long unconfirmed, long unsubscribed) {
    }

    public Audience audience(MailingList list) {
        long confirmed = 0, doi = 0, suppressed = 0, unconfirmed = 0, unsubscribed = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.AUDIENCE)) {
            ps.setLong(1, list.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String status = rs.getString(1);
                    long n = rs.getLong(2);
                    if (MemberStatus.CONFIRMED.label().equals(status)) {
                        confirmed = n;
                        doi = rs.getLong(3);
                        suppressed = rs.getLong(4);
                    } else if (MemberStatus.UNSUBSCRIBED.label().equals(status)) {
                        unsubscribed = n;
                    } else {
                        unconfirmed += n;
                    }
                }
            }
            return new Audience(confirmed, doi, suppressed, unconfirmed, unsubscribed);
        } catch (SQLException e) {
            throw new ListException("cannot count the members of \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    /** The first confirmed, unsuppressed member in address order (the pre-flight renders its copy), if any. */
    public Optional<Member> firstSendable(MailingList list) {
        Member[] first = {null};
        members(list, ListSql.SENDABLE, 1, m -> first[0] = m);
        return Optional.ofNullable(first[0]);
    }

    /** The attribute names the list's members have (the union), for checking merge fields. */
    public java.util.Set<String> attributeNames(MailingList list) {
        TreeSet<String> names = new TreeSet<>();
        forEachMember(list, (email, status, consent, joined, attrs) -> {
            if (attrs != null) {
                names.addAll(attributes(attrs).keySet());
            }
        });
        return names;
    }

    /** Every member's address, streamed (hygiene reports walk a whole list). */
    public void forEachAddress(MailingList list, java.util.function.Consumer<String> each) {
        forEachMember(list, (email, status, consent, joined, attrs) -> each.accept(email));
    }

    private interface MemberRow {
        void accept(String email, String status, String consent, Instant joined, String attributes);
    }

    private void forEachMember(MailingList list, MemberRow row) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ListSql.EXPORT)) {
            ps.setLong(1, list.id());
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5));
                }
            }
        } catch (SQLException e) {
            throw new ListException("cannot read the members of \"" + list.name() + "\": " + e.getMessage(), e);
        }
    }

    static Map<String, Object> attributes(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static MailingList list(ResultSet rs) throws SQLException {
        return new MailingList(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
    }
}
