package dev.homing.inbound;

import java.util.List;
import java.util.Objects;

/**
 * A feedback report (ARF, RFC 5965): a recipient or their provider complained about a message.
 *
 * @param feedbackType     the Feedback-Type
 * @param userAgent        the reporting software, or null
 * @param recipients       the original recipients (Original-Rcpt-To, or the attached original's To when absent); may be empty
 * @param originalMailFrom the original envelope sender (Original-Mail-From), or null
 * @param sourceIp         the IP the original came from, or null
 * @param reportedDomain   the domain reported, or null
 * @param arrivalDate      when the original arrived, as written, or null
 * @param original         what identifies the original message
 */
public record Complaint(FeedbackType feedbackType, String userAgent, List<String> recipients, String originalMailFrom,
                        String sourceIp, String reportedDomain, String arrivalDate, Original original) implements Analysis {
    public Complaint {
        Objects.requireNonNull(feedbackType);
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(original);
    }
}
