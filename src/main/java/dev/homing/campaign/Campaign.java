package dev.homing.campaign;

import java.time.Instant;

/**
 * A message to a list.
 *
 * @param html      the HTML body template, or null
 * @param text      the text body template, or null (then made from the HTML)
 * @param sendAt    the earliest send time, or null (at once)
 * @param messageId the queue message once sent, or null
 * @param override  who sent it past blocking pre-flight findings, when and which, or null
 */
public record Campaign(long id, String name, long listId, String fromAddress, String fromName, String replyTo, String subject,
                       String html, String text, Instant sendAt, CampaignState state, Long messageId, Instant createdAt,
                       String override) {

    /** The domain of the From address (its DKIM keys sign the campaign). */
    public String fromDomain() {
        return fromAddress.substring(fromAddress.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
