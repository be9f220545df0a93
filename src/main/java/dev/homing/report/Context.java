package dev.homing.report;

import java.util.List;
import java.util.Locale;

/**
 * What advice needs to know about the sending side of a message.
 *
 * @param from         the From address recipients see (a campaign's), else the envelope sender
 * @param envelopeFrom the envelope sender (return path): SPF is checked against its domain
 * @param campaign     the campaign's name, or null for a plain send
 * @param contentRules content-check rules the message is known to hit (ids such as {@code spam-phrase}); may be empty
 */
record Context(String from, String envelopeFrom, String campaign, List<String> contentRules) {
    Context {
        from = from == null || from.isBlank() ? "the sender's address" : from;
        contentRules = contentRules == null ? List.of() : List.copyOf(contentRules);
    }

    String fromDomain() {
        return domainOf(from);
    }

    String envelopeDomain() {
        return envelopeFrom == null ? fromDomain() : domainOf(envelopeFrom);
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    }
}
