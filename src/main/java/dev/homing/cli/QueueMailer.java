package dev.homing.cli;

import dev.homing.list.Address;
import dev.homing.list.MailingList;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.web.ConfirmationMailer;

import java.util.List;

/** Confirmation mails go through the engine like any other message: queued, delivered, judged. */
final class QueueMailer implements ConfirmationMailer {
    private final Queue queue;
    private final String from;

    QueueMailer(Queue queue, String from) {
        this.queue = queue;
        this.from = from;
    }

    @Override
    public void send(MailingList list, String address, String confirmUrl) {
        if (!(Address.check(address) instanceof Address.Valid to)) {
            throw new IllegalArgumentException("not a valid address: " + address);
        }
        // the list name is the operator's, but keep it from opening a merge field
        String name = list.name().replace("{{", "{ {").replace("\n", " ");
        String content = "From: <" + from + ">\nTo: <" + to.address() + ">\nSubject: Please confirm your subscription to " + name + "\n"
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n"
                + "Someone, hopefully you, asked to receive \"" + name + "\" at this address.\n\n"
                + "To confirm, open this link:\n\n" + confirmUrl + "\n\n"
                + "If it was not you, ignore this message: you will not be subscribed and will hear nothing more.\n";
        long id = queue.addMessage(from, "confirm " + name, content);
        queue.addDeliveries(id, List.of(NewDelivery.valid(to.address(), to.domain(), null)));
    }
}
