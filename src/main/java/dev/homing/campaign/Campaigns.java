package dev.homing.campaign;

import dev.homing.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The campaign table: create, find, change state. */
public final class Campaigns {
    private final Database db;

    public Campaigns(Database db) {
        this.db = db;
    }

    Database database() {
        return db;
    }

    /** What a new campaign says; validated by {@link Campaigns#create}. */
    public record Draft(String name, long listId, String fromAddress, String fromName, String replyTo, String subject,
                        String html, String text, Instant sendAt) {
    }

    public Campaign create(Draft d) {
        // campaign names go into URLs (the web UI, the API, report links): plain characters only
        if (d.name() == null || !dev.homing.list.Lists.NAME.matcher(d.name()).matches()) {
            throw new CampaignException("a campaign name is 1 to 100 letters, digits, dots, dashes or underscores, not \"" + d.name() + "\"");
        }
        if (find(d.name()).isPresent()) {
            throw new CampaignException("a campaign named \"" + d.name() + "\" already exists");
        }
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(CampaignSql.INSERT, Statement.RETURN_GENERATED_KEYS)) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setString(1, d.name());
            ps.setLong(2, d.listId());
            ps.setString(3, d.fromAddress());
            ps.setString(4, d.fromName());
            ps.setString(5, d.replyTo());
            ps.setString(6, d.subject());
            ps.setString(7, d.html());
            ps.setString(8, d.text());
            if (d.sendAt() == null) {
                ps.setNull(9, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(9, Timestamp.from(d.sendAt()));
            }
            ps.setTimestamp(10, now);
            ps.setTimestamp(11, now);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new CampaignException("cannot store campaign \"" + d.name() + "\": " + e.getMessage(), e);
        }
        return get(d.name());
    }

    /**
     * Rewrites a draft (its name stays).
     *
     * @throws CampaignException when the campaign is no longer a draft
     */
    public Campaign update(Campaign campaign, Draft d) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(CampaignSql.UPDATE)) {
            ps.setLong(1, d.listId());
            ps.setString(2, d.fromAddress());
            ps.setString(3, d.fromName());
            ps.setString(4, d.replyTo());
            ps.setString(5, d.subject());
            ps.setString(6, d.html());
            ps.setString(7, d.text());
            if (d.sendAt() == null) {
                ps.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setTimestamp(8, Timestamp.from(d.sendAt()));
            }
            ps.setTimestamp(9, Timestamp.from(Instant.now()));
            ps.setLong(10, campaign.id());
            if (ps.executeUpdate() == 0) {
                throw new CampaignException("campaign \"" + campaign.name() + "\" is no longer a draft: a sent campaign does not change");
            }
        } catch (SQLException e) {
            throw new CampaignException("cannot store campaign \"" + campaign.name() + "\": " + e.getMessage(), e);
        }
        return get(campaign.name());
    }

    public Optional<Campaign> find(String name) {
        return one(CampaignSql.BY_NAME, ps -> ps.setString(1, name));
    }

    public Campaign get(String name) {
        return find(name).orElseThrow(() -> new CampaignException("no campaign named \"" + name + "\" (see 'homing campaign ls')"));
    }

    /** The campaign a queue message belongs to, if any. */
    public Optional<Campaign> byMessage(long messageId) {
        return one(CampaignSql.BY_MESSAGE, ps -> ps.setLong(1, messageId));
    }

    public List<Campaign> all() {
        List<Campaign> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(CampaignSql.ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new CampaignException("cannot read campaigns: " + e.getMessage(), e);
        }
    }

    /** At most {@code limit} campaigns created after the one with id {@code afterId} (0 for the first page), in creation order. */
    public List<Campaign> page(long afterId, int limit) {
        List<Campaign> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(CampaignSql.PAGE)) {
            ps.setLong(1, afterId);
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new CampaignException("cannot read campaigns: " + e.getMessage(), e);
        }
    }

    /** Links a draft to its queue message and marks it sending; false when another send got there first. */
    boolean attach(Campaign campaign, long messageId) {
        return update(CampaignSql.ATTACH, ps -> {
            ps.setLong(1, messageId);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, campaign.id());
        }) == 1;
    }

    void state(Campaign campaign, CampaignState state) {
        update(CampaignSql.SET_STATE, ps -> {
            ps.setString(1, state.label());
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, campaign.id());
        });
    }

    /**
     * Records who sent past which blocking findings, when and why, in the one form the command line, the
     * web UI and the API share: "overridden by WHO at TIME: REASON; blocking: CHECK (DETAIL); ...".
     */
    public void recordOverride(Campaign campaign, String who, String reason, PreflightReport report) {
        String at = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        recordOverride(campaign, "overridden by " + who + " at " + at + ": " + reason.strip() + "; blocking: "
                + report.blockingText());
    }

    /** Records that blocking pre-flight findings were overridden, by whom and which. */
    public void recordOverride(Campaign campaign, String record) {
        update(CampaignSql.OVERRIDE, ps -> {
            ps.setString(1, record.length() > 4000 ? record.substring(0, 4000) : record);
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, campaign.id());
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private int update(String sql, Binder b) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            b.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new CampaignException("cannot update the campaign: " + e.getMessage(), e);
        }
    }

    private Optional<Campaign> one(String sql, Binder b) {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            b.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new CampaignException("cannot read the campaign: " + e.getMessage(), e);
        }
    }

    private static Campaign row(ResultSet rs) throws SQLException {
        Timestamp sendAt = rs.getTimestamp(10);
        long message = rs.getLong(12);
        Long messageId = rs.wasNull() ? null : message;
        return new Campaign(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), sendAt == null ? null : sendAt.toInstant(),
                CampaignState.of(rs.getString(11)), messageId, rs.getTimestamp(13).toInstant(), rs.getString(14));
    }
}
