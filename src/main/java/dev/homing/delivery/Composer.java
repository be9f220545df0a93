package dev.homing.delivery;

/**
 * Turns a stored queue message into something the engine can render per delivery. The engine
 * asks once per message and keeps the answer: templates are compiled once, not per recipient.
 * The compose stage implements it ({@code campaign.CampaignComposer}, {@code campaign.PlainComposer}):
 * the engine names what it needs here and depends on no stage before the queue.
 */
public interface Composer {
    Composed compose(long messageId, String envelopeFrom, String content);

    /** A message compiled for sending: renders one recipient's copy. */
    interface Composed {
        /** The copy of delivery {@code deliveryId}; {@code hostname} names us in generated Message-IDs. */
        Copy render(long deliveryId, String recipient, java.util.Map<String, ?> vars, String hostname);
    }
}
