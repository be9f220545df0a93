package dev.homing.inbound;

import java.util.List;
import java.util.Objects;

/**
 * A delivery status notification (RFC 3464) or a non-standard bounce: one entry per recipient the
 * report speaks of, in the order it lists them. Delay notifications are bounces whose recipients
 * have {@link Action#DELAYED}: recorded, but they do not end a delivery.
 *
 * @param recipients never empty
 * @param original   what identifies the message that bounced
 */
public record Bounce(List<BouncedRecipient> recipients, Original original) implements Analysis {
    public Bounce {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(original);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a bounce names at least one recipient");
        }
    }
}
