package dev.homing.campaign;

/** Every statement on the campaign table, in one place. */
final class CampaignSql {
    private CampaignSql() {
    }

    static final String COLUMNS = "id, name, list_id, from_address, from_name, reply_to, subject, html, text_body, send_at, state,"
            + " message_id, created_at, override";
    static final String INSERT = "INSERT INTO campaign (name, list_id, from_address, from_name, reply_to, subject, html, text_body,"
            + " send_at, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)";
    static final String BY_NAME = "SELECT " + COLUMNS + " FROM campaign WHERE name = ?";
    static final String BY_MESSAGE = "SELECT " + COLUMNS + " FROM campaign WHERE message_id = ?";
    static final String ALL = "SELECT " + COLUMNS + " FROM campaign ORDER BY id";
    /** One page of campaigns after an id, in creation order (keyset). */
    static final String PAGE = "SELECT " + COLUMNS + " FROM campaign WHERE id > ? ORDER BY id";
    static final String SET_STATE = "UPDATE campaign SET state = ?, updated_at = ? WHERE id = ?";
    /** Only a draft gets a message: two concurrent sends cannot both attach one. */
    static final String ATTACH = "UPDATE campaign SET message_id = ?, state = 'sending', updated_at = ? WHERE id = ? AND message_id IS NULL";
    static final String OVERRIDE = "UPDATE campaign SET override = ?, updated_at = ? WHERE id = ?";
    /** Only a draft changes: once sent, a campaign is what its recipients received. */
    static final String UPDATE = "UPDATE campaign SET list_id = ?, from_address = ?, from_name = ?, reply_to = ?, subject = ?, html = ?,"
            + " text_body = ?, send_at = ?, updated_at = ? WHERE id = ? AND state = 'draft' AND message_id IS NULL";
}
