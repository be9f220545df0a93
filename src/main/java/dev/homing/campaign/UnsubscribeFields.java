package dev.homing.campaign;

import dev.homing.list.Lists;
import dev.homing.list.Subscriptions;

import java.util.HashMap;
import java.util.Map;

/**
 * A member's merge fields plus the ways out that every copy carries: the one-click unsubscribe link
 * and the mailto: unsubscribe address. Made the same way for a send and for a preview.
 *
 * @param publicUrl     where the public pages are, without a trailing slash
 * @param mailboxDomain the domain of the mailto: address (the bounce domain, which our inbound server answers)
 */
public record UnsubscribeFields(Subscriptions subscriptions, String publicUrl, String mailboxDomain) {

    /** @param mailbox the member's unsubscribe mailbox local part ({@link Subscriptions#unsubscribeMailbox}) */
    public Map<String, Object> of(Lists.Member m, long listId, String mailbox) {
        Map<String, Object> v = new HashMap<>(m.attributes());
        v.put(CampaignMessage.UNSUBSCRIBE_URL, publicUrl + "/unsubscribe?t=" + subscriptions.unsubscribeToken(m.emailKey(), listId));
        v.put(CampaignMessage.UNSUBSCRIBE_MAILTO, mailbox + "@" + mailboxDomain);
        return v;
    }

    /** For one member (a preview): the mailbox looked up or made on the spot. */
    public Map<String, Object> of(Lists.Member m, long listId) {
        return of(m, listId, subscriptions.unsubscribeMailbox(m.emailKey(), listId));
    }
}
