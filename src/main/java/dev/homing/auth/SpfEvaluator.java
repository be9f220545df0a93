package dev.homing.auth;

import dev.homing.dns.Dns;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * check_host() of RFC 7208: is this IP allowed to send mail for this domain? Every mechanism and modifier,
 * macros, CIDR lengths, the limits of 10 DNS-querying terms and 2 void lookups (4.6.4), and the explanation
 * of a fail (exp=, else a default). Immutable; one evaluator serves any number of checks.
 */
public final class SpfEvaluator {
    static final int MAX_DNS_TERMS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    /** RFC 7208 4.6.4: at most 10 MX names, at most 10 PTR names looked at. */
    static final int MAX_NAMES = 10;
    private static final String DEFAULT_EXPLANATION = "%{i} is not one of %{d}'s designated mail servers";

    private final Dns dns;
    private final String defaultExplanation;
    private final String receiver;
    private final Clock clock;

    public SpfEvaluator(Dns dns) {
        this(dns, DEFAULT_EXPLANATION, "unknown", Clock.systemUTC());
    }

    private SpfEvaluator(Dns dns, String defaultExplanation, String receiver, Clock clock) {
        this.dns = dns;
        this.defaultExplanation = defaultExplanation;
        this.receiver = receiver;
        this.clock = clock;
    }

    /** The explanation of a fail when the domain gives none (a macro string, e.g. "%{i} is not allowed for %{d}"). */
    public SpfEvaluator withDefaultExplanation(String explanation) {
        return new SpfEvaluator(dns, explanation, receiver, clock);
    }

    /** The name of the host doing the check: %{r} in explanations. */
    public SpfEvaluator withReceiver(String receiver) {
        return new SpfEvaluator(dns, defaultExplanation, receiver, clock);
    }

    /**
     * Checks the MAIL FROM identity as a receiver does (RFC 7208 2.4): the domain of {@code mailFrom}, or of
     * postmaster@{@code helo} when MAIL FROM is empty (the null reverse-path of bounces).
     */
    public SpfOutcome check(InetAddress ip, String mailFrom, String helo) {
        String sender = mailFrom == null || mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom;
        int at = sender.lastIndexOf('@');
        return checkHost(ip, at < 0 ? sender : sender.substring(at + 1), sender, helo);
    }

    /**
     * check_host(ip, domain, sender) of RFC 7208 4.
     *
     * @param sender the MAIL FROM address or postmaster@HELO; a missing local-part becomes "postmaster"
     * @param helo   the HELO/EHLO name (%{h})
     */
    public SpfOutcome checkHost(InetAddress ip, String domain, String sender, String helo) {
        InetAddress client = Ip.unmapped(ip);
        int at = sender.lastIndexOf('@');
        String local = at <= 0 ? "postmaster" : sender.substring(0, at);
        String senderDomain = at < 0 ? sender : sender.substring(at + 1);
        Evaluation ev = new Evaluation(client);
        ev.context = new SpfMacros.Context(local + "@" + senderDomain, local, senderDomain, client, helo, receiver,
                clock.instant().getEpochSecond(), ev::validatedName);
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (!validDomain(d)) {
            return new SpfOutcome(SpfResult.NONE, "", "\"" + SpfParser.printable(domain)
                    + "\" is not a domain name with two or more labels, so it has no SPF record", 0, 0);
        }
        try {
            Verdict v = ev.check(d);
            String explanation = v.result == SpfResult.FAIL ? ev.explain(v) : "";
            return new SpfOutcome(v.result, explanation, v.detail, ev.dnsTerms, ev.voids);
        } catch (SpfException e) {
            return new SpfOutcome(e.result(), "", e.getMessage(), ev.dnsTerms, ev.voids);
        }
    }

    /** RFC 7208 4.3: labels of 1 to 63 octets, at least two of them; not an address literal such as [192.0.2.1]. */
    static boolean validDomain(String d) {
        if (d.isEmpty() || d.length() > 253 || !d.contains(".") || d.startsWith("[")) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** A result with, for fail, the exp= of the record that gave it and the domain to expand it for. */
    private record Verdict(SpfResult result, String exp, String domain, String detail) {
    }

    /** The state of one check_host(): limits are per evaluation, across includes and redirects. */
    private final class Evaluation {
        final InetAddress ip;
        final boolean ipv6;
        SpfMacros.Context context;
        int dnsTerms;
        int voids;
        List<String> validated;
        final Map<String, String> pCache = new HashMap<>();

        Evaluation(InetAddress ip) {
            this.ip = ip;
            this.ipv6 = ip instanceof Inet6Address;
        }

        Verdict check(String domain) throws SpfException {
            SpfRecord record = record(domain);
            if (record == null) {
                return new Verdict(SpfResult.NONE, null, domain, "no SPF record at " + domain);
            }
            for (SpfMechanism m : record.mechanisms()) {
                if (m.kind().queriesDns()) {
                    count(m.text(), domain);
                }
                if (matches(m, domain, record)) {
                    return new Verdict(m.qualifier().result, record.exp(), domain,
                            "\"" + m.text() + "\" matched in the SPF record of " + domain);
                }
            }
            if (record.redirect() != null && !record.hasAll()) {
                count("redirect=" + record.redirect(), domain);
                String target = target(record.redirect(), domain);
                Verdict v = validDomain(target) ? check(target) : new Verdict(SpfResult.NONE, null, target, "");
                if (v.result == SpfResult.NONE) {
                    throw SpfException.perm("redirect=" + record.redirect() + " in the SPF record of " + domain + " leads to "
                            + target + ", which has no SPF record");
                }
                return v;
            }
            return new Verdict(SpfResult.NEUTRAL, null, domain, "nothing in the SPF record of " + domain
                    + " matched, and it has no \"all\" at the end");
        }

        /** The single SPF record of the domain (RFC 7208 4.4, 4.5), null when there is none. */
        SpfRecord record(String domain) throws SpfException {
            Dns.Answer<String> answer = dns.txt(domain);
            if (answer instanceof Dns.Answer.Failed<String> f) {
                throw SpfException.temp("the TXT lookup of " + domain + " failed: " + f.reason());
            }
            List<String> spf = new ArrayList<>();
            for (String txt : answer.records()) {
                if (SpfRecord.isSpf(txt)) {
                    spf.add(txt);
                }
            }
            if (spf.isEmpty()) {
                return null;
            }
            if (spf.size() > 1) {
                throw SpfException.perm(domain + " publishes " + spf.size() + " SPF records; there must be one: \""
                        + String.join("\" and \"", spf.stream().map(SpfParser::printable).toList()) + "\"");
            }
            try {
                return SpfParser.parse(spf.get(0));
            } catch (SpfException e) {
                throw SpfException.perm(e.getMessage().replaceFirst("^the SPF record", "the SPF record of " + domain));
            }
        }

        void count(String term, String domain) throws SpfException {
            if (++dnsTerms > MAX_DNS_TERMS) {
                throw SpfException.perm("more than " + MAX_DNS_TERMS + " DNS-querying terms (include, a, mx, ptr, exists, redirect);"
                        + " the 11th was \"" + term + "\" in the SPF record of " + domain);
            }
        }

        void voidLookup(String term, String domain) throws SpfException {
            if (++voids > MAX_VOID_LOOKUPS) {
                throw SpfException.perm("more than " + MAX_VOID_LOOKUPS + " lookups found nothing; the 3rd was \"" + term
                        + "\" in the SPF record of " + domain);
            }
        }

        boolean matches(SpfMechanism m, String domain, SpfRecord record) throws SpfException {
            return switch (m.kind()) {
                case ALL -> true;
                case IP4, IP6 -> Ip.inPrefix(ip, m.network(), ipv6 ? m.ip6Prefix() : m.ip4Prefix());
                case A -> {
                    String target = m.domainSpec() == null ? domain : target(m.domainSpec(), domain);
                    List<InetAddress> found = addresses(dns.addresses(target, ipv6), m, domain, true);
                    yield anyInPrefix(found, m);
                }
                case MX -> {
                    String target = m.domainSpec() == null ? domain : target(m.domainSpec(), domain);
                    Dns.Answer<Dns.Mx> mx = dns.mx(target);
                    if (mx instanceof Dns.Answer.Failed<Dns.Mx> f) {
                        throw SpfException.temp("\"" + m.text() + "\" in the SPF record of " + domain + ": " + f.reason());
                    }
                    if (mx instanceof Dns.Answer.Empty<Dns.Mx>) {
                        voidLookup(m.text(), domain);
                        yield false;
                    }
                    if (mx.records().size() > MAX_NAMES) {
                        throw SpfException.perm("\"" + m.text() + "\" in the SPF record of " + domain + ": " + target + " has "
                                + mx.records().size() + " MX records, more than the " + MAX_NAMES + " SPF allows");
                    }
                    for (Dns.Mx host : mx.records()) {
                        if (host.host().isEmpty()) {
                            continue; // null MX (RFC 7505): no mail host to match
                        }
                        if (anyInPrefix(addresses(dns.addresses(host.host(), ipv6), m, domain, false), m)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case PTR -> {
                    String target = (m.domainSpec() == null ? domain : target(m.domainSpec(), domain)).toLowerCase(Locale.ROOT);
                    for (String name : validatedNames()) {
                        String n = name.toLowerCase(Locale.ROOT);
                        if (n.equals(target) || n.endsWith("." + target)) {
                            yield true;
                        }
                    }
                    yield false;
                }
                case EXISTS -> {
                    // the lookup is always for A records, whatever the client's family (RFC 7208 5.7)
                    yield !addresses(dns.a(target(m.domainSpec(), domain)), m, domain, true).isEmpty();
                }
                case INCLUDE -> {
                    String target = target(m.domainSpec(), domain);
                    Verdict v = validDomain(target) ? check(target) : new Verdict(SpfResult.NONE, null, target, "");
                    yield switch (v.result) {
                        case PASS -> true;
                        case FAIL, SOFTFAIL, NEUTRAL -> false;
                        case NONE -> throw SpfException.perm("\"" + m.text() + "\" in the SPF record of " + domain + ": " + target
                                + " has no SPF record");
                        case TEMPERROR, PERMERROR -> throw new IllegalStateException("errors are thrown, not returned");
                    };
                }
            };
        }

        private List<InetAddress> addresses(Dns.Answer<InetAddress> answer, SpfMechanism m, String domain, boolean countVoid)
                throws SpfException {
            return switch (answer) {
                case Dns.Answer.Found<InetAddress> f -> f.records();
                case Dns.Answer.Empty<InetAddress> e -> {
                    if (countVoid) {
                        voidLookup(m.text(), domain);
                    }
                    yield List.of();
                }
                case Dns.Answer.Failed<InetAddress> f ->
                        throw SpfException.temp("\"" + m.text() + "\" in the SPF record of " + domain + ": " + f.reason());
            };
        }

        private boolean anyInPrefix(List<InetAddress> found, SpfMechanism m) {
            for (InetAddress a : found) {
                if (Ip.inPrefix(ip, a, ipv6 ? m.ip6Prefix() : m.ip4Prefix())) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The client's PTR names (the first 10) whose A/AAAA records lead back to it (RFC 7208 5.5). A DNS error on
         * the PTR lookup means no names; on a name's lookup, that name is skipped.
         */
        List<String> validatedNames() {
            if (validated == null) {
                validated = new ArrayList<>();
                List<String> names = dns.ptr(ip).records();
                for (String name : names.subList(0, Math.min(MAX_NAMES, names.size()))) {
                    for (InetAddress a : dns.addresses(name, ipv6).records()) {
                        if (a.equals(ip)) {
                            validated.add(name);
                            break;
                        }
                    }
                }
            }
            return validated;
        }

        /** %{p}: the domain itself if validated, else a validated subdomain of it, else any, else "unknown" (7.3). */
        String validatedName(String domain) {
            return pCache.computeIfAbsent(domain.toLowerCase(Locale.ROOT), d -> {
                List<String> names = validatedNames();
                for (String n : names) {
                    if (n.equalsIgnoreCase(d)) {
                        return n;
                    }
                }
                for (String n : names) {
                    if (n.toLowerCase(Locale.ROOT).endsWith("." + d)) {
                        return n;
                    }
                }
                return names.isEmpty() ? "unknown" : names.get(0);
            });
        }

        /** A domain-spec expanded for a query: no final dot, cut from the left to 253 characters (RFC 7208 7.3). */
        String target(String spec, String domain) throws SpfException {
            String t = SpfMacros.expand(spec, context, domain, false);
            if (t.endsWith(".")) {
                t = t.substring(0, t.length() - 1);
            }
            while (t.length() > 253 && t.indexOf('.') >= 0) {
                t = t.substring(t.indexOf('.') + 1);
            }
            return t;
        }

        /**
         * The explanation of a fail (RFC 7208 6.2): the TXT record named by exp=, expanded; on any problem with it
         * (no record, several, a DNS error, bad syntax, non-ASCII) the default explanation.
         */
        String explain(Verdict v) {
            if (v.exp != null) {
                try {
                    Dns.Answer<String> txt = dns.txt(target(v.exp, v.domain));
                    if (txt.records().size() == 1) {
                        String text = txt.records().get(0);
                        SpfMacros.check(text, true);
                        return SpfMacros.expand(text, context, v.domain, true);
                    }
                } catch (SpfException e) {
                    // fall through to the default, as 6.2 asks
                }
            }
            try {
                return SpfMacros.expand(defaultExplanation, context, v.domain, true);
            } catch (SpfException e) {
                return defaultExplanation;
            }
        }
    }
}
