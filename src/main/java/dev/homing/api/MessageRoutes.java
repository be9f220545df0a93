package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;
import dev.homing.list.Address;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /messages}: one transactional message, queued as one delivery that the engine sends,
 * retries and judges like any other (its timeline at {@code GET /deliveries/{id}}). Signed with the From
 * domain's DKIM keys when this node has some. An address suppressed for every list (a hard bounce, a
 * complaint, by hand) is recorded suppressed and not sent to; a list's unsubscribe does not stop it.
 */
final class MessageRoutes {
    private static final int MAX_SUBJECT = 998;

    private final Queue queue;
    private final Suppressions suppressions;
    private final SenderSetup setup;
    private final DkimSigner signer = DkimSigner.relaxed();

    MessageRoutes(Wiring w) {
        this.queue = w.queue();
        this.suppressions = new Suppressions(w.db());
        this.setup = w.setup();
    }

    /**
     * @param state   queued, or suppressed (then nothing is sent)
     * @param signed  whether a DKIM signature of the From domain was added
     */
    record Accepted(long id, long messageId, String to, String state, boolean signed) {
    }

    /** Body {@code {"to", "from", "subject", "text" and/or "html"}}; 202 with the delivery id. */
    Accepted send(Context ctx, ApiKey key) {
        Body body = Body.of(ctx.body(), Set.of("to", "from", "subject", "text", "html"));
        Address.Valid to = address("to", body.text("to"));
        Address.Valid from = address("from", body.text("from"));
        String subject = body.text("subject");
        if (subject.length() > MAX_SUBJECT) {
            throw new Refused(Problem.invalid("subject", "at most " + MAX_SUBJECT + " characters"));
        }
        String text = body.optionalText("text");
        String html = body.optionalText("html");
        if (text == null && html == null) {
            throw new Refused(Problem.invalid("text", "give text, html or both"));
        }
        Instant now = Instant.now();
        List<DkimKey> keys = setup.keys().apply(from.domain());
        byte[] message = TransactionalMessage.compose(from.address(), to.address(), subject, text, html, now);
        byte[] signed = keys.isEmpty() ? message : signer.sign(message, keys, now);
        Suppression stop = Suppressions.stopping(suppressions.find(List.of(to.address()), 0).get(to.address()));
        NewDelivery d = NewDelivery.valid(to.address(), to.domain(), null);
        if (stop != null) {
            d = d.suppressedBecause("suppressed (" + stop.reason() + ")");
        }
        long messageId = queue.addMessage(from.address(), "message by " + key.who(), new String(signed, StandardCharsets.UTF_8));
        queue.addDeliveries(messageId, List.of(d));
        DeliveryRow row = queue.view().deliveries(messageId).getFirst();
        ctx.status(202).header("Location", Api.BASE + "/deliveries/" + row.id());
        return new Accepted(row.id(), messageId, to.address(), row.state().label(), !keys.isEmpty());
    }

    /**
     * A valid address that the queue's template can carry: "{{" would open a merge field in the headers,
     * so such a (legal but vanishingly rare) local part is refused rather than mangled.
     */
    private static Address.Valid address(String field, String value) {
        Address.Checked c = Address.check(value);
        if (c instanceof Address.Invalid i) {
            throw new Refused(Problem.unprocessable(field, i.reason()));
        }
        Address.Valid v = (Address.Valid) c;
        if (v.address().contains("{{")) {
            throw new Refused(Problem.unprocessable(field, "contains \"{{\", which this API cannot send"));
        }
        return v;
    }
}
