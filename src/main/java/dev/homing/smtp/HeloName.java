package dev.homing.smtp;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a name is fit to be sent in EHLO/HELO. RFC 5321 4.1.1.1 asks for the client's primary host name, a fully
 * qualified domain name (or an address literal when it has none); receivers enforce it: Postfix's
 * {@code reject_non_fqdn_helo_hostname} and {@code reject_invalid_helo_hostname} (postconf(5)) refuse {@code localhost}
 * and names without a dot with {@code 504 5.5.2 Helo command rejected}, and Gmail's sender guidelines ask that the
 * sending IP's PTR name the sending host.
 */
public final class HeloName {
    private HeloName() {
    }

    /** Why the name will be refused or distrusted by receivers, or empty when it is a plausible FQDN. */
    public static Optional<String> problem(String helo) {
        String h = helo == null ? "" : helo.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty()) {
            return Optional.of("the HELO name is empty");
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            return Optional.empty(); // an address literal (RFC 5321 4.1.3): allowed, if less trusted
        }
        if (h.equals("localhost") || h.startsWith("localhost.")) {
            return Optional.of("the HELO name is " + helo + ", which every receiver knows is not the sending host"
                    + " (Postfix answers 504 5.5.2 Helo command rejected)");
        }
        if (h.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return Optional.of("the HELO name " + helo + " is a bare IP address; RFC 5321 4.1.3 writes an address as [" + helo + "]");
        }
        if (!h.contains(".")) {
            return Optional.of("the HELO name " + helo + " is not a fully qualified domain name (RFC 5321 4.1.1.1; Postfix's"
                    + " reject_non_fqdn_helo_hostname refuses it)");
        }
        for (String tld : new String[] {".local", ".localdomain", ".internal", ".lan", ".home.arpa", ".invalid"}) {
            if (h.endsWith(tld)) {
                return Optional.of("the HELO name " + helo + " ends in " + tld + ", a private name no receiver can look up");
            }
        }
        if (!h.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
            return Optional.of("the HELO name " + helo + " is not a valid host name (Postfix's reject_invalid_helo_hostname refuses it)");
        }
        return Optional.empty();
    }
}
