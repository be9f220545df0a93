package dev.homing.campaign;

import dev.homing.delivery.Composer;
import dev.homing.delivery.Copy;

/** The composer of plain messages ('homing send', transactional mail): the stored content is a {@code {{field}}} template. */
public final class PlainComposer {
    private PlainComposer() {
    }

    /**
     * The plain composer without signed identifiers: the message content is a {@code {{field}}} template (see
     * {@link MessageTemplate}); its copies carry nothing a report could be tied to (engine tests).
     */
    public static Composer plain() {
        return plain(null);
    }

    /**
     * The plain composer: each copy carries its delivery's signed token ({@code X-Homing-Delivery}, Message-ID), so a
     * report quoting it is tied to the delivery; null signs nothing.
     */
    public static Composer plain(Verp tokens) {
        return (id, from, content) -> {
            MessageTemplate t = MessageTemplate.compile(content);
            return (deliveryId, recipient, vars, hostname) -> {
                MessageTemplate.Rendered r = t.render(deliveryId, tokens == null ? null : tokens.token(deliveryId), recipient, vars, hostname);
                return new Copy(from, r.wire(), r.eightBit());
            };
        };
    }
}
