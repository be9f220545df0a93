package dev.homing.campaign;

/**
 * Turns a stored queue message into something the engine can render per delivery. The engine
 * asks once per message and keeps the answer: templates are compiled once, not per recipient.
 */
public interface Composer {
    Composed compose(long messageId, String envelopeFrom, String content);

    /** A message compiled for sending: renders one recipient's copy. */
    interface Composed {
        /** The copy of delivery {@code deliveryId}; {@code hostname} names us in generated Message-IDs. */
        Copy render(long deliveryId, String recipient, java.util.Map<String, ?> vars, String hostname);
    }

    /**
     * The plain composer without signed identifiers: the message content is a {@code {{field}}} template (see
     * {@link MessageTemplate}); its copies carry nothing a report could be tied to (engine tests).
     */
    static Composer plain() {
        return plain(null);
    }

    /**
     * The plain composer: each copy carries its delivery's signed token ({@code X-Homing-Delivery}, Message-ID), so a
     * report quoting it is tied to the delivery; null signs nothing.
     */
    static Composer plain(Verp tokens) {
        return (id, from, content) -> {
            MessageTemplate t = MessageTemplate.compile(content);
            return (deliveryId, recipient, vars, hostname) -> {
                MessageTemplate.Rendered r = t.render(deliveryId, tokens == null ? null : tokens.token(deliveryId), recipient, vars, hostname);
                return new Copy(from, r.wire(), r.eightBit());
            };
        };
    }
}
