package dev.homing.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. */
public enum Scope {
    LISTS_READ, LISTS_WRITE, CAMPAIGNS_READ, CAMPAIGNS_WRITE, REPORTS_READ, SUPPRESSION_READ, SUPPRESSION_WRITE,
    /** Checking a sender domain's SPF, DKIM, DMARC, bounce MX and PTR (asks DNS). */
    DOMAINS_READ,
    /** Sending one transactional message to any address. */
    MESSAGES_SEND;

    /** "lists:read", as keys, the CLI and the OpenAPI document spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ':');
    }

    public static Scope of(String label) {
        for (Scope s : values()) {
            if (s.label().equals(label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope \"" + label.strip() + "\" (known: " + join(EnumSet.allOf(Scope.class)) + ")");
    }

    /** @throws IllegalArgumentException naming the first unknown scope, or when there is none */
    public static Set<Scope> parse(String commaList) {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        for (String part : (commaList == null ? "" : commaList).split(",")) {
            if (!part.isBlank()) {
                out.add(of(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("give at least one scope (known: " + join(EnumSet.allOf(Scope.class)) + ")");
        }
        return out;
    }

    public static String join(Set<Scope> scopes) {
        return scopes.stream().map(Scope::label).collect(Collectors.joining(","));
    }
}
