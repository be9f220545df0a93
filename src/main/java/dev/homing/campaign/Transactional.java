package dev.homing.campaign;

import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;
import dev.homing.auth.SenderIdentity;
import dev.homing.list.Address;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.smtp.MessageWriter;
import dev.homing.store.Database;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One message to one address, outside any campaign (the API's {@code POST /messages}, the web UI's
 * sandbox test): written by {@link MessageWriter} (bodies in base64: every character as given), signed with the From domain's saved DKIM keys when
 * there are some, and queued as one delivery that the engine sends, retries and judges like any
 * other. An address suppressed for every list (a hard bounce, a complaint, by hand) is recorded
 * suppressed and not sent to; a list's unsubscribe does not stop it.
 */
public final class Transactional {
    private final Queue queue;
    private final Suppressions suppressions;
    private final SenderIdentity identity;
    private final DkimSigner signer = DkimSigner.relaxed();

    public Transactional(Database db, Queue queue, SenderIdentity identity) {
        this.queue = queue;
        this.suppressions = new Suppressions(db);
        this.identity = identity;
    }

    /**
     * @param state  queued, or suppressed (then nothing is sent)
     * @param signed whether a DKIM signature of the From domain was added
     */
    public record Queued(long id, long messageId, String to, String state, boolean signed) {
    }

    /**
     * @param text the plain-text body, or null
     * @param html the HTML body, or null (at least one of the two)
     * @param by   who asked, kept with the message ("message by KEY", "sandbox test by USER")
     */
    public Queued send(Address.Valid from, Address.Valid to, String subject, String text, String html, String by) {
        return send(from, null, to, subject, text, html, by);
    }

    /** @param fromName the sender's display name, or null */
    public Queued send(Address.Valid from, String fromName, Address.Valid to, String subject, String text, String html, String by) {
        if (text == null && html == null) {
            throw new IllegalArgumentException("give a text body, an HTML body or both");
        }
        Instant now = Instant.now();
        List<DkimKey> keys = identity.keys(from.domain());
        byte[] message = MessageWriter.of(from.address(), to.address(), subject).fromName(fromName).text(text).html(html).identified(now).bytes();
        byte[] signed = keys.isEmpty() ? message : signer.sign(message, keys, now);
        Suppression stop = Suppressions.stopping(suppressions.find(List.of(to.address()), 0).get(to.address()));
        NewDelivery d = NewDelivery.valid(to.address(), to.domain(), null);
        if (stop != null) {
            d = d.suppressedBecause("suppressed (" + stop.reason() + ")");
        }
        long messageId = queue.addMessage(from.address(), by, new String(signed, StandardCharsets.UTF_8));
        queue.addDeliveries(messageId, List.of(d));
        DeliveryRow row = queue.view().deliveries(messageId).getFirst();
        return new Queued(row.id(), messageId, to.address(), row.state().label(), !keys.isEmpty());
    }
}
