package dev.homing.node;

import dev.homing.list.Address;
import dev.homing.list.MailingList;
import dev.homing.provider.Provider;
import dev.homing.provider.ProviderDetector;
import dev.homing.provider.Safelist;
import dev.homing.provider.SafelistTag;
import dev.homing.provider.Sender;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.list.ConfirmationMailer;
import dev.homing.list.OptInMail;

import java.util.List;

/** Opt-in mails go through the engine like any other message: queued, delivered, judged. */
public final class QueueMailer implements ConfirmationMailer {
    private final Queue queue;
    private final String from;
    private final SafelistTag safelist;

    public QueueMailer(Queue queue, String from) {
        this(queue, from, ProviderDetector.offline(), List.of());
    }

    /**
     * @param providers finds each subscriber's mailbox provider for the safelist steps
     * @param ips       the sending IPs, for the steps that name them (corporate gateways)
     */
    public QueueMailer(Queue queue, String from, ProviderDetector providers, List<String> ips) {
        this.queue = queue;
        this.from = from;
        this.safelist = new SafelistTag(providers, new Sender(from, null, ips), null);
    }

    @Override
    public void send(MailingList list, String address, String confirmUrl, String pagesUrl) {
        Address.Valid to = valid(address);
        String content = OptInMail.confirmation(parts(list, to, pagesUrl), confirmUrl);
        queue(to, "confirm " + list.name(), content);
    }

    @Override
    public void welcome(MailingList list, String address, String unsubscribeUrl, String pagesUrl) {
        Address.Valid to = valid(address);
        String content = OptInMail.welcome(parts(list, to, pagesUrl), unsubscribeUrl);
        queue(to, "welcome " + list.name(), content);
    }

    private OptInMail.Parts parts(MailingList list, Address.Valid to, String pagesUrl) {
        Provider p = safelist.forRecipient(to.address()).provider();
        return new OptInMail.Parts(from, to.address(), list, safelist.forProvider(p), Safelist.pageUrl(pagesUrl, p, from));
    }

    private void queue(Address.Valid to, String label, String content) {
        long id = queue.addMessage(from, label, content);
        queue.addDeliveries(id, List.of(NewDelivery.valid(to.address(), to.domain(), null)));
    }

    private static Address.Valid valid(String address) {
        if (!(Address.check(address) instanceof Address.Valid to)) {
            throw new IllegalArgumentException("not a valid address: " + address);
        }
        return to;
    }
}
