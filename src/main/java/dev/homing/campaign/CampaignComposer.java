package dev.homing.campaign;

import dev.homing.delivery.Composer;
import dev.homing.delivery.Copy;
import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.provider.ProviderDetector;
import dev.homing.provider.SafelistTag;
import dev.homing.provider.Sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The engine's composer: a queue message that belongs to a campaign is compiled into a
 * {@link CampaignMessage} (signed with the From domain's saved DKIM keys); any other message is a
 * plain template.
 */
public final class CampaignComposer implements Composer {
    private final Campaigns campaigns;
    private final Lists lists;
    private final Path home;
    private final List<String> selectors;
    private final Verp verp;
    private final ProviderDetector providers;
    private final List<String> ips;
    private final String publicUrl;
    private final Composer plain;

    /**
     * @param providers finds a recipient's mailbox provider for the {{safelist}} field
     * @param ips       our sending IPs, named in the steps for corporate gateways
     * @param publicUrl where the public pages are (the safelist page link)
     */
    public CampaignComposer(Campaigns campaigns, Lists lists, Path home, List<String> selectors, Verp verp, ProviderDetector providers,
                            List<String> ips, String publicUrl) {
        this.campaigns = campaigns;
        this.lists = lists;
        this.home = home;
        this.selectors = selectors;
        this.verp = verp;
        this.plain = PlainComposer.plain(verp);
        this.providers = providers;
        this.ips = ips;
        this.publicUrl = publicUrl;
    }

    @Override
    public Composed compose(long messageId, String envelopeFrom, String content) {
        return campaigns.byMessage(messageId).<Composed>map(c -> message(c, null))
                .orElseGet(() -> plain.compose(messageId, envelopeFrom, content));
    }

    /** The compiled campaign; {@code known} checks merge fields (null: already checked). */
    public CampaignMessage message(Campaign c, java.util.Set<String> known) {
        String listName = lists.find(c.listId()).map(MailingList::name).orElse("list");
        SafelistTag tag = new SafelistTag(providers, new Sender(c.fromAddress(), c.fromDomain(), ips), publicUrl);
        Function<String, String[]> safelist = r -> new String[]{tag.text(r), tag.html(r)};
        return new CampaignMessage(c, listName, known, keys(c), DkimSigner.relaxed(), verp, safelist);
    }

    /**
     * The From domain's DKIM keys under the configured selectors ("s1" or "rsa1, ed1": one selector per
     * algorithm, since a DNS name holds one key record). None: the campaign goes unsigned, and pre-flight says so.
     */
    public List<DkimKey> keys(Campaign c) {
        List<DkimKey> keys = new java.util.ArrayList<>();
        try {
            for (String s : selectors) {
                keys.addAll(DkimKey.saved(home, c.fromDomain(), s));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fields this campaign's templates may use: the built-ins and every attribute the list's members have. */
    public java.util.Set<String> knownFields(Campaign c) {
        MailingList list = lists.find(c.listId())
                .orElseThrow(() -> new CampaignException("the campaign's list (id " + c.listId() + ") no longer exists"));
        java.util.Set<String> known = new java.util.TreeSet<>(CampaignMessage.BUILT_IN);
        known.addAll(lists.attributeNames(list));
        return known;
    }
}
