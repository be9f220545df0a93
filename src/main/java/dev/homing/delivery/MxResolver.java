package dev.homing.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.homing.smtp.InternalCode;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Finds the mail servers of a destination domain (RFC 5321 section 5.1): MX records by
 * preference with equal preferences shuffled, the domain itself as implicit MX when it has no MX,
 * null MX (RFC 7505) and NXDOMAIN as permanent failures, SERVFAIL and timeouts as temporary.
 * Answers are cached for their TTL (bounded to [{@value #MIN_TTL_S} s, {@value #MAX_TTL_S} s]);
 * the {@link Routes} override is checked first and never cached.
 */
public final class MxResolver {
    static final long MIN_TTL_S = 5;
    static final long MAX_TTL_S = 3600;
    /** Failures are cached briefly so a burst of deliveries to a broken domain makes one query. */
    static final long FAILURE_TTL_S = 30;

    private final dev.homing.dns.DnsClient dns;
    private final Routes routes;
    private final int smtpPort;
    private final Cache<String, Cached> cache;

    private record Cached(Resolution resolution, long ttlSeconds) {
    }

    /**
     * @param dns      the DNS resolver (a {@code SimpleResolver} on a local test server in tests), or null for routes only
     * @param smtpPort the port to connect to on resolved hosts: 25, except in tests
     */
    public MxResolver(Resolver dns, Routes routes, int smtpPort) {
        this.dns = dns == null ? null : new dev.homing.dns.DnsClient(dns);
        this.routes = routes;
        this.smtpPort = smtpPort;
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Cached>creating((k, v) -> Duration.ofSeconds(v.ttlSeconds())))
                .build();
    }

    public Routes routes() {
        return routes;
    }

    /**
     * This resolver as the audience stage asks it ({@link dev.homing.list.MailDomains}): the list's hygiene check and the
     * engine read DNS the same way, and the list package does not depend on this one.
     */
    public dev.homing.list.MailDomains mailDomains() {
        return domain -> switch (resolve(domain)) {
            case Resolution.Hosts h -> new dev.homing.list.MailDomains.Lookup(dev.homing.list.MailDomains.Answer.RECEIVES, "");
            case Resolution.Failure f -> new dev.homing.list.MailDomains.Lookup(switch (f.code()) {
                case DNS_NXDOMAIN -> dev.homing.list.MailDomains.Answer.NO_DOMAIN;
                case DNS_NULL_MX -> dev.homing.list.MailDomains.Answer.NULL_MX;
                case DNS_NO_HOST -> dev.homing.list.MailDomains.Answer.NO_MAIL_HOST;
                default -> dev.homing.list.MailDomains.Answer.TEMPORARY;
            }, f.detail());
        };
    }

    public Resolution resolve(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        var route = routes.find(d);
        if (route.isPresent()) {
            InetSocketAddress t = route.get().target();
            InetSocketAddress addr = t.isUnresolved() ? new InetSocketAddress(t.getHostString(), t.getPort()) : t;
            return new Resolution.Hosts(List.of(new MxHost(t.getHostString(), 0, List.of(addr))));
        }
        if (dns == null) {
            return new Resolution.Failure(InternalCode.DNS_NXDOMAIN, "no route for " + d + " and DNS is disabled");
        }
        Cached c = cache.getIfPresent(d);
        if (c == null) {
            c = lookup(d);
            cache.put(d, c);
        }
        Resolution r = c.resolution();
        if (r instanceof Resolution.Hosts h) {
            return new Resolution.Hosts(shuffleEqual(h.hosts()));
        }
        return r;
    }

    private Cached lookup(String domain) {
        Name name;
        try {
            name = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return failure(InternalCode.DNS_NXDOMAIN, "\"" + domain + "\" is not a valid domain name");
        }
        Message mx;
        try {
            mx = query(name, Type.MX);
        } catch (IOException e) {
            return failure(InternalCode.DNS_TEMPORARY, "MX lookup for " + domain + " failed: " + describe(e));
        }
        int rcode = mx.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Cached(new Resolution.Failure(InternalCode.DNS_NXDOMAIN, domain + " does not exist (NXDOMAIN)"),
                    negativeTtl(mx));
        }
        if (rcode != Rcode.NOERROR) {
            return failure(InternalCode.DNS_TEMPORARY, "MX lookup for " + domain + " answered " + Rcode.string(rcode));
        }
        List<MXRecord> records = new ArrayList<>();
        long ttl = MAX_TTL_S;
        for (Record r : mx.getSection(Section.ANSWER)) {
            if (r instanceof MXRecord m) {
                records.add(m);
                ttl = Math.min(ttl, r.getTTL());
            }
        }
        if (records.isEmpty()) {
            // RFC 5321 5.1: no MX, so the domain itself is the implicit MX
            Lookup a = addresses(name);
            if (a.temporaryError != null) {
                return failure(InternalCode.DNS_TEMPORARY, a.temporaryError);
            }
            if (a.addresses.isEmpty()) {
                return new Cached(new Resolution.Failure(InternalCode.DNS_NO_HOST,
                        domain + " has no MX and no A/AAAA record"), negativeTtl(mx));
            }
            return new Cached(new Resolution.Hosts(List.of(new MxHost(domain, 0, a.addresses))), bound(Math.min(ttl, a.ttl)));
        }
        if (records.size() == 1 && records.get(0).getTarget().equals(Name.root)) {
            return new Cached(new Resolution.Failure(InternalCode.DNS_NULL_MX, domain + " publishes a null MX (RFC 7505)"),
                    bound(ttl));
        }
        records.sort((x, y) -> Integer.compare(x.getPriority(), y.getPriority()));
        List<MxHost> hosts = new ArrayList<>();
        String temporary = null;
        for (MXRecord m : records) {
            if (m.getTarget().equals(Name.root)) {
                continue; // a null MX mixed with real ones is invalid; ignore that entry
            }
            Lookup a = addresses(m.getTarget());
            if (a.temporaryError != null) {
                temporary = a.temporaryError;
            }
            if (!a.addresses.isEmpty()) {
                hosts.add(new MxHost(strip(m.getTarget()), m.getPriority(), a.addresses));
                ttl = Math.min(ttl, a.ttl);
            }
        }
        if (hosts.isEmpty()) {
            return temporary != null ? failure(InternalCode.DNS_TEMPORARY, temporary)
                    : new Cached(new Resolution.Failure(InternalCode.DNS_NO_HOST,
                    "no MX host of " + domain + " has an address"), bound(ttl));
        }
        return new Cached(new Resolution.Hosts(hosts), bound(ttl));
    }

    private static final class Lookup {
        final List<InetSocketAddress> addresses = new ArrayList<>();
        long ttl = MAX_TTL_S;
        String temporaryError;
    }

    /** A then AAAA: IPv4 first, as most bulk senders prefer for reputation and rDNS reasons. */
    private Lookup addresses(Name host) {
        Lookup out = new Lookup();
        for (int type : new int[]{Type.A, Type.AAAA}) {
            Message m;
            try {
                m = query(host, type);
            } catch (IOException e) {
                out.temporaryError = Type.string(type) + " lookup for " + strip(host) + " failed: " + describe(e);
                continue;
            }
            if (m.getRcode() == Rcode.SERVFAIL) {
                out.temporaryError = Type.string(type) + " lookup for " + strip(host) + " answered SERVFAIL";
                continue;
            }
            for (Record r : m.getSection(Section.ANSWER)) {
                InetAddress ip = r instanceof ARecord a ? a.getAddress() : r instanceof AAAARecord q ? q.getAddress() : null;
                if (ip != null) {
                    out.addresses.add(new InetSocketAddress(ip, smtpPort));
                    out.ttl = Math.min(out.ttl, r.getTTL());
                }
            }
        }
        return out;
    }

    private Message query(Name name, int type) throws IOException {
        return dns.ask(name, type);
    }

    private static Cached failure(InternalCode code, String detail) {
        return new Cached(new Resolution.Failure(code, detail), FAILURE_TTL_S);
    }

    private static long negativeTtl(Message m) {
        for (Record r : m.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) {
                return bound(Math.min(soa.getMinimum(), soa.getTTL()));
            }
        }
        return FAILURE_TTL_S * 10;
    }

    private static long bound(long ttl) {
        return Math.max(MIN_TTL_S, Math.min(MAX_TTL_S, ttl));
    }

    private static String strip(Name n) {
        String s = n.toString();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String describe(IOException e) {
        return dev.homing.dns.DnsClient.describe(e);
    }

    static List<MxHost> shuffleEqual(List<MxHost> hosts) {
        if (hosts.size() < 2) {
            return hosts;
        }
        TreeMap<Integer, List<MxHost>> byPref = new TreeMap<>();
        for (MxHost h : hosts) {
            byPref.computeIfAbsent(h.preference(), k -> new ArrayList<>()).add(h);
        }
        List<MxHost> out = new ArrayList<>(hosts.size());
        for (List<MxHost> group : byPref.values()) {
            Collections.shuffle(group);
            out.addAll(group);
        }
        return out;
    }
}
