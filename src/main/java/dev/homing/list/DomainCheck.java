package dev.homing.list;

import dev.homing.delivery.MxResolver;
import dev.homing.delivery.Resolution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks the engine's resolver whether a domain can receive mail, once per domain per run: a list of
 * a million addresses on a thousand domains makes a thousand lookups. The memo is bounded (least
 * recently used out) so a list of mostly distinct domains cannot exhaust memory.
 */
final class DomainCheck {
    static final int MEMO_LIMIT = 100_000;

    private final MxResolver resolver;
    private final Map<String, Optional<Finding>> memo = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Finding>> eldest) {
            return size() > MEMO_LIMIT;
        }
    };

    DomainCheck(MxResolver resolver) {
        this.resolver = resolver;
    }

    /** The problem with this ASCII domain, if any. */
    Optional<Finding> check(String domain) {
        Optional<Finding> known = memo.get(domain);
        if (known == null) {
            known = lookup(domain);
            memo.put(domain, known);
        }
        return known;
    }

    private Optional<Finding> lookup(String domain) {
        Resolution r;
        try {
            r = resolver.resolve(domain);
        } catch (RuntimeException e) {
            // a resolver bug must not stop a hygiene run over a whole list: report it as "not checked"
            return Optional.of(new Finding(Problem.DNS_TEMPORARY, "checking " + domain + " failed: " + e));
        }
        return switch (r) {
            case Resolution.Hosts h -> Optional.empty();
            case Resolution.Failure f -> Optional.of(new Finding(switch (f.code()) {
                case DNS_NXDOMAIN -> Problem.NXDOMAIN;
                case DNS_NULL_MX -> Problem.NULL_MX;
                case DNS_NO_HOST -> Problem.NO_MAIL_DOMAIN;
                default -> Problem.DNS_TEMPORARY;
            }, f.detail()));
        };
    }
}
