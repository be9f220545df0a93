package dev.homing.list;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asks whether a domain can receive mail ({@link MailDomains}: the engine's resolver), once per domain per run: a list of
 * a million addresses on a thousand domains makes a thousand lookups. The memo is bounded (least
 * recently used out) so a list of mostly distinct domains cannot exhaust memory.
 */
final class DomainCheck {
    static final int MEMO_LIMIT = 100_000;

    private final MailDomains resolver;
    private final Map<String, Optional<Finding>> memo = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Finding>> eldest) {
            return size() > MEMO_LIMIT;
        }
    };

    DomainCheck(MailDomains resolver) {
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
        MailDomains.Lookup r;
        try {
            r = resolver.lookup(domain);
        } catch (RuntimeException e) {
            // a resolver bug must not stop a hygiene run over a whole list: report it as "not checked"
            return Optional.of(new Finding(Problem.DNS_TEMPORARY, "checking " + domain + " failed: " + e));
        }
        return switch (r.answer()) {
            case RECEIVES -> Optional.empty();
            case NO_DOMAIN -> Optional.of(new Finding(Problem.NXDOMAIN, r.detail()));
            case NULL_MX -> Optional.of(new Finding(Problem.NULL_MX, r.detail()));
            case NO_MAIL_HOST -> Optional.of(new Finding(Problem.NO_MAIL_DOMAIN, r.detail()));
            case TEMPORARY -> Optional.of(new Finding(Problem.DNS_TEMPORARY, r.detail()));
        };
    }
}
