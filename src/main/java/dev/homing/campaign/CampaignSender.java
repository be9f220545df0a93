package dev.homing.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends, pauses and resumes campaigns. Sending creates the campaign's queue message once and
 * expands the list's confirmed members into deliveries of it, in batches; members with an active
 * suppression are recorded {@code suppressed} (nothing sent). Each member's unsubscribe link and
 * mailbox are made here, once, so rendering on the hot path needs no database. Sending again
 * finishes an interrupted expansion and adds no one twice: a delivery is unique per (message,
 * recipient) and recipients already expanded are skipped.
 */
public final class CampaignSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1000;

    private final Campaigns campaigns;
    private final Lists lists;
    private final Subscriptions subscriptions;
    private final Queue queue;
    private final Verp verp;
    private final UnsubscribeFields unsubscribe;

    /** @param publicUrl where people reach the public pages (unsubscribe links), without a trailing slash */
    public CampaignSender(Campaigns campaigns, Lists lists, Subscriptions subscriptions, Queue queue, Verp verp, String publicUrl) {
        this.campaigns = campaigns;
        this.lists = lists;
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.verp = verp;
        this.unsubscribe = new UnsubscribeFields(subscriptions, publicUrl, verp.domain());
    }

    /** What a send did. */
    public record Expansion(Campaign campaign, long queued, long suppressed, long alreadyThere) {
    }

    /** Expands the campaign (or finishes an expansion cut short); a paused or sent campaign is refused. */
    public Expansion send(Campaign campaign) {
        Campaign c = campaigns.get(campaign.name());
        if (c.state() == CampaignState.PAUSED) {
            throw new CampaignException("campaign \"" + c.name() + "\" is paused: resume it with 'homing campaign resume " + c.name() + "'");
        }
        if (c.state() == CampaignState.SENT) {
            throw new CampaignException("campaign \"" + c.name() + "\" was sent already; nothing is sent twice");
        }
        MailingList list = list(c.listId());
        if (c.messageId() == null) {
            // expanding until the last batch is in: meanwhile the campaign is not finished, however final its first deliveries
            long message = queue.addMessage(verp.domain(), "campaign " + c.name(), "campaign " + c.name(), true);
            campaigns.attach(c, message); // if another send attached first, we use its message below
            c = campaigns.get(c.name());
        }
        long messageId = c.messageId();
        queue.expanding(messageId, true); // an expansion cut short is finished by this one
        Set<String> existing = queue.view().recipients(messageId);
        Instant notBefore = c.sendAt() == null ? Instant.now() : c.sendAt();
        List<Lists.Member> batch = new ArrayList<>(BATCH);
        long[] counts = new long[3];
        Campaign fixed = c;
        lists.forEachConfirmed(list, m -> {
            if (existing.contains(m.email())) {
                counts[2]++;
                return;
            }
            batch.add(m);
            if (batch.size() == BATCH) {
                enqueue(fixed, list, messageId, batch, notBefore, counts);
                batch.clear();
            }
        });
        enqueue(c, list, messageId, batch, notBefore, counts);
        queue.expanding(messageId, false);
        return new Expansion(campaigns.get(c.name()), counts[0], counts[1], counts[2]);
    }

    /** One batch of members into deliveries: their unsubscribe mailboxes made in one go, then one insert. */
    private void enqueue(Campaign c, MailingList list, long messageId, List<Lists.Member> members, Instant notBefore, long[] counts) {
        if (members.isEmpty()) {
            return;
        }
        Map<String, String> mailboxes = subscriptions.unsubscribeMailboxes(members.stream().map(Lists.Member::emailKey).toList(), c.listId());
        List<NewDelivery> deliveries = new ArrayList<>(members.size());
        for (Lists.Member m : members) {
            String domain = m.email().substring(m.email().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            NewDelivery d = new NewDelivery(m.email(), domain, vars(m, c, mailboxes.get(m.emailKey())), null, "list " + list.name(), null);
            if (m.suppressed() != null) {
                d = d.suppressedBecause("suppressed (" + m.suppressed() + ")");
                counts[1]++;
            } else {
                counts[0]++;
            }
            deliveries.add(d);
        }
        queue.addDeliveries(messageId, deliveries, notBefore);
    }

    private String vars(Lists.Member m, Campaign c, String mailbox) {
        try {
            return JSON.writeValueAsString(unsubscribe.of(m, c.listId(), mailbox));
        } catch (JsonProcessingException e) {
            throw new CampaignException("cannot write the merge fields of " + m.email() + ": " + e.getMessage(), e);
        }
    }

    /** Stops new attempts within about a second: claims skip the campaign; a message already in a session finishes. */
    public Campaign pause(Campaign campaign) {
        return pause(campaigns, campaign);
    }

    public Campaign resume(Campaign campaign) {
        return resume(campaigns, campaign);
    }

    /** As {@link #pause(Campaign)}, from any process: the one delivering sees the hold within a second. */
    public static Campaign pause(Campaigns campaigns, Campaign campaign) {
        return hold(campaigns, campaign, true);
    }

    public static Campaign resume(Campaigns campaigns, Campaign campaign) {
        return hold(campaigns, campaign, false);
    }

    private static Campaign hold(Campaigns campaigns, Campaign campaign, boolean pause) {
        Campaign c = campaigns.get(campaign.name());
        CampaignState from = pause ? CampaignState.SENDING : CampaignState.PAUSED;
        if (c.state() != from) {
            throw new CampaignException("campaign \"" + c.name() + "\" is " + c.state().label() + ", not " + (pause ? "sending: nothing to pause"
                    : "paused: nothing to resume"));
        }
        // paused: the state first, then the hold; resumed: the hold lifted first, then the state
        if (pause) {
            campaigns.state(c, CampaignState.PAUSED);
        }
        Queue.hold(campaigns.database(), c.messageId(), pause);
        if (!pause) {
            campaigns.state(c, CampaignState.SENDING);
        }
        return campaigns.get(c.name());
    }

    /** Marks a sending campaign sent when none of its deliveries waits any more; returns it as it is now. */
    public Campaign settle(Campaign campaign) {
        Campaign c = campaigns.get(campaign.name());
        if (c.state() == CampaignState.SENDING && !queue.expanding(c.messageId()) && queue.view().unfinished(c.messageId()) == 0) {
            campaigns.state(c, CampaignState.SENT);
            return campaigns.get(c.name());
        }
        return c;
    }

    private MailingList list(long id) {
        return lists.find(id)
                .orElseThrow(() -> new CampaignException("the campaign's list (id " + id + ") no longer exists"));
    }
}
