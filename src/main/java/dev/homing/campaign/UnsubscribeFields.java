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

    /**
     * For a copy nobody acts on (a preview, a test send): the member's fields with a link and an address that unsubscribe
     * nobody. A tester who clicks "unsubscribe" in a test must not take the member they previewed off the list.
     */
    public Map<String, Object> inert(Lists.Member m) {
        Map<String, Object> v = new HashMap<>(m.attributes());
        v.put(CampaignMessage.UNSUBSCRIBE_URL, publicUrl + "/unsubscribe?t=" + INERT);
        v.put(CampaignMessage.UNSUBSCRIBE_MAILTO, Subscriptions.MAILBOX_PREFIX + INERT + "@" + mailboxDomain);
        return v;
    }

    /** The token of a preview's or a test's unsubscribe link: not a token, so the page says the link is not valid. */
    static final String INERT = "test-copy";

    /** For one member (a preview): the mailbox looked up or made on the spot. */
    public Map<String, Object> of(Lists.Member m, long listId) {
        return of(m, listId, subscriptions.unsubscribeMailbox(m.emailKey(), listId));
    }
}
