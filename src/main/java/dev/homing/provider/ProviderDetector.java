package dev.homing.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.IDN;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a domain's provider by looking up its MX through the given resolver. Answers are cached
 * for their TTL (within bounds); a DNS failure gives {@link Provider#OTHER}, cached briefly, and
 * never an exception: a safelist paragraph is not worth failing a mail or a page for.
 */
public final class ProviderDetector {
    private static final Logger log = LoggerFactory.getLogger(ProviderDetector.class);
    static final Duration MIN_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofDays(1);
    /** Failures are retried soon: a resolver that timed out once may answer the next time. */
    static final Duration FAILURE_TTL = Duration.ofMinutes(1);

    private record Found(Provider provider, Duration ttl) {
    }

    private final dev.homing.dns.DnsClient resolver;
    private final Cache<String, Found> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(Expiry.creating((String domain, Found f) -> f.ttl()))
            .build();

    /** Waits at most 3 seconds for an answer (the caller may be a web request). */
    public ProviderDetector(Resolver resolver) {
        this(resolver, Duration.ofSeconds(3));
    }

    /**
     * @param resolver where MX queries go; null: no DNS, every domain is {@link Provider#OTHER}
     * @param wait     the longest a caller waits for one lookup
     */
    public ProviderDetector(Resolver resolver, Duration wait) {
        this.resolver = resolver == null ? null : new dev.homing.dns.DnsClient(resolver, wait);
    }

    /** A detector without DNS (the {@code --no-dns} mode): every domain is {@link Provider#OTHER}. */
    public static ProviderDetector offline() {
        return new ProviderDetector(null);
    }

    /** The provider of the domain after the last {@code @} of an address. */
    public Provider detectAddress(String address) {
        if (address == null || address.lastIndexOf('@') < 0) {
            return Provider.OTHER;
        }
        return detect(address.substring(address.lastIndexOf('@') + 1));
    }

    /** The provider of a domain (Unicode or ASCII); {@link Provider#OTHER} when unknown or DNS fails. */
    public Provider detect(String domain) {
        String d = MxRules.normalise(domain);
        if (resolver == null || d.isEmpty() || d.startsWith("[")) {
            return Provider.OTHER; // no DNS, or an address literal: no MX to look at
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Provider.OTHER;
        }
        return cache.get(d, this::lookup).provider();
    }

    /**
     * The receiving service that hosts the domain's mail ({@link Provider#service}), else the domain itself
     * (lower case): what the engine's throttles and a cluster's shards group destinations by.
     */
    public String service(String domain) {
        String d = MxRules.normalise(domain);
        return detect(d).service().orElse(d);
    }

    private Found lookup(String domain) {
        Name name;
        try {
            name = Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            return new Found(Provider.OTHER, MAX_TTL);
        }
        Message answer;
        try {
            answer = resolver.ask(name, Type.MX);
        } catch (java.io.IOException | RuntimeException e) {
            log.debug("MX of {}: {}", domain, e.toString());
            return new Found(Provider.OTHER, FAILURE_TTL);
        }
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Found(Provider.OTHER, MIN_TTL);
        }
        if (rcode != Rcode.NOERROR) {
            log.debug("MX of {}: {}", domain, Rcode.string(rcode));
            return new Found(Provider.OTHER, FAILURE_TTL);
        }
        List<MXRecord> mx = answer.getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof MXRecord).map(r -> (MXRecord) r)
                .sorted(Comparator.comparingInt(MXRecord::getPriority))
                .toList();
        if (mx.isEmpty()) {
            // no MX: mail goes to the domain's own address (RFC 5321 5.1), so the domain is the host
            return new Found(Provider.fromMx(domain, List.of(domain)), MIN_TTL);
        }
        List<String> hosts = mx.stream().map(r -> r.getTarget().toString(true)).toList();
        Duration ttl = Duration.ofSeconds(mx.stream().mapToLong(Record::getTTL).min().orElse(0));
        ttl = ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
        // a null MX (RFC 7505) is "." and matches nothing, so it comes out as OTHER
        return new Found(Provider.fromMx(domain, hosts), ttl);
    }
}
