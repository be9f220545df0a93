package dev.homing.node;

import dev.homing.delivery.Routes;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.Rollup;

import java.util.Locale;
import java.util.Set;

/**
 * How a running node groups destination domains: consumer domains by name, other domains by the
 * provider their MX records name (a company's domain at Google is Google), else the domain itself.
 * A domain routed elsewhere by the operator, or given limits of its own, stays itself: it is not sent
 * to its provider, or the operator asked for its own throttle; so do the names reserved for tests and
 * examples (the sandbox's {@code sandbox.test}), without a DNS query.
 */
record ServiceRollup(ProviderDetector providers, Routes routes, Set<String> ownLimits) implements Rollup {
    ServiceRollup {
        ownLimits = Set.copyOf(ownLimits.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public String keyOf(String domain) {
        String d = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
        if (d.isEmpty() || ownLimits.contains(d) || routes.find(d).isPresent()) {
            return d;
        }
        String named = Rollup.byName().keyOf(d);
        if (!named.equals(d) || reserved(d)) {
            return named;
        }
        return providers.service(d);
    }

    /** Names reserved for tests and examples (RFC 2606, RFC 6761): no provider hosts them, so DNS is not asked. */
    public static boolean reserved(String domain) {
        for (String tld : RESERVED) {
            if (domain.equals(tld) || domain.endsWith("." + tld)) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.List<String> RESERVED = java.util.List.of("test", "example", "invalid", "localhost",
            "example.com", "example.net", "example.org");
}
