package dev.homing.provider;

import java.util.List;
import java.util.Locale;

/**
 * Who is being safelisted: what a mail administrator needs to write an allow rule.
 *
 * @param from          the From address
 * @param signingDomain the DKIM d= domain of our signatures
 * @param ips           the IP addresses we send from; empty when not configured
 */
public record Sender(String from, String signingDomain, List<String> ips) {
    public Sender {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("a sender needs a From address");
        }
        signingDomain = signingDomain == null || signingDomain.isBlank() ? domainOf(from) : signingDomain.strip().toLowerCase(Locale.ROOT);
        ips = ips == null ? List.of() : List.copyOf(ips);
    }

    /** Signed with the From address's own domain (aligned DKIM, the usual case); no IPs given. */
    public static Sender of(String from) {
        return new Sender(from, null, List.of());
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    }
}
