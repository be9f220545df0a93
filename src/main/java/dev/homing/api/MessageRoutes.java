package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.campaign.Transactional;
import dev.homing.list.Address;
import io.javalin.http.Context;

import java.util.Set;

/**
 * {@code POST /messages}: one transactional message, queued as one delivery that the engine sends,
 * retries and judges like any other (its timeline at {@code GET /deliveries/{id}}). Signed with the From
 * domain's DKIM keys when this node has some. An address suppressed for every list (a hard bounce, a
 * complaint, by hand) is recorded suppressed and not sent to; a list's unsubscribe does not stop it.
 */
final class MessageRoutes {
    private static final int MAX_SUBJECT = 998;

    private final Transactional transactional;

    MessageRoutes(Wiring w) {
        this.transactional = w.transactional();
    }

    /** Body {@code {"to", "from", "subject", "text" and/or "html"}}; 202 with the delivery id. */
    Transactional.Queued send(Context ctx, ApiKey key) {
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
        Transactional.Queued q = transactional.send(from, to, subject, text, html, "message by " + key.who());
        ctx.status(202).header("Location", Api.BASE + "/deliveries/" + q.id());
        return q;
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
