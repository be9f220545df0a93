package dev.homing.auth;

import dev.homing.dns.Dns;
import dev.homing.auth.Finding.Topic;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks what receivers will check about our mail before we send it: SPF of the bounce (MAIL FROM) domain and of
 * the From domain for each sending IP, our DKIM keys as published, the DMARC policy and how our identities align
 * with it, the bounce domain's MX, and forward-confirmed reverse DNS of the sending IPs.
 *
 * <p>What blocks sending (receivers reject or junk the mail, or Gmail's and Yahoo's bulk-sender rules are
 * broken): SPF other than pass for a sending IP on the bounce domain; a DKIM key missing, revoked, malformed or
 * not ours in DNS, or no key for the From domain at all; neither SPF nor DKIM aligned with the From domain when
 * DMARC asks for quarantine or reject; no MX for the bounce domain; a sending IP without forward-confirmed PTR.
 * Warnings: SPF of the From domain (it only counts when the bounce domain is not aligned), a missing or
 * malformed DMARC record, no alignment under p=none, the bounce MX pointing elsewhere, and DNS failures (a
 * check that could not be made is not a finding against the domain).
 */
public final class SenderDomainCheck {
    private final Dns dns;
    private final SpfEvaluator spf;

    public SenderDomainCheck(Dns dns) {
        this.dns = dns;
        this.spf = new SpfEvaluator(dns);
    }

    /**
     * Who we are when we send.
     *
     * @param keys         our DKIM keys (their domain is the d= of our signatures)
     * @param inboundHost  the host name our inbound SMTP server answers at (the bounce domain's MX should name it)
     * @param dkimSelector the selector to suggest when no key exists for the From domain
     * @param helo         the name our engine sends in EHLO, checked against the sending IPs' PTR; null: not checked
     */
    public record Identity(String fromDomain, String bounceDomain, List<InetAddress> ips, List<DkimKey> keys,
                           String inboundHost, String dkimSelector, String helo) {
        public Identity {
            fromDomain = bare(fromDomain);
            bounceDomain = bare(bounceDomain);
            inboundHost = bare(inboundHost);
            helo = helo == null ? null : bare(helo);
            ips = List.copyOf(ips);
            keys = List.copyOf(keys);
        }

        public Identity(String fromDomain, String bounceDomain, List<InetAddress> ips, List<DkimKey> keys, String inboundHost,
                        String dkimSelector) {
            this(fromDomain, bounceDomain, ips, keys, inboundHost, dkimSelector, null);
        }
    }

    public SenderDomainReport check(Identity id) {
        List<Finding> findings = new ArrayList<>();
        spf(id, findings);
        dkim(id, findings);
        DmarcLookup dmarc = DmarcLookup.of(dns, id.fromDomain());
        dmarc(id, dmarc, findings);
        alignment(id, dmarc, findings);
        bounceMx(id, findings);
        ptr(id, findings);
        return new SenderDomainReport(id.fromDomain(), id.bounceDomain(), findings);
    }

    private void spf(Identity id, List<Finding> out) {
        if (id.ips().isEmpty()) {
            out.add(Finding.warn(Topic.SPF, "no sending IPs are configured, so SPF cannot be checked",
                    "list the IPs you send from in homing.properties: sending.ips = 192.0.2.10, 2001:db8::10"));
            return;
        }
        List<InetAddress> bounceMissing = new ArrayList<>();
        for (InetAddress ip : id.ips()) {
            SpfOutcome o = spf.checkHost(ip, id.bounceDomain(), "bounce@" + id.bounceDomain(), id.inboundHost());
            Finding f = spfFinding(ip, id.bounceDomain(), o, true, id);
            if (f == null) {
                bounceMissing.add(ip);
            } else {
                out.add(f);
            }
        }
        if (!bounceMissing.isEmpty()) {
            // one record to publish for all IPs, not one finding per IP
            out.add(Finding.blocker(Topic.SPF, id.bounceDomain() + " (the Return-Path domain receivers check) has no SPF record,"
                            + " so " + ips(bounceMissing) + " cannot pass SPF",
                    "publish this TXT record at " + id.bounceDomain() + ": v=spf1 " + terms(bounceMissing) + " -all"));
        }
        if (!id.fromDomain().equalsIgnoreCase(id.bounceDomain())) {
            for (InetAddress ip : id.ips()) {
                SpfOutcome o = spf.checkHost(ip, id.fromDomain(), "postmaster@" + id.fromDomain(), id.inboundHost());
                Finding f = spfFinding(ip, id.fromDomain(), o, false, id);
                out.add(f != null ? f : Finding.warn(Topic.SPF, id.fromDomain() + " (the From domain) has no SPF record",
                        "publish this TXT record at " + id.fromDomain() + ": v=spf1 " + term(ip)
                                + " ~all (add your other mail servers to it)"));
            }
        }
    }

    /** The finding for one IP on one domain; null when the domain has no SPF record (the caller words that). */
    private Finding spfFinding(InetAddress ip, String domain, SpfOutcome o, boolean bounce, Identity id) {
        String role = bounce ? " (the Return-Path domain)" : " (the From domain)";
        String addr = Ip.readable(ip);
        return switch (o.result()) {
            case PASS -> Finding.pass(Topic.SPF, "SPF of " + domain + role + " passes for " + addr + ": " + o.detail());
            case NONE -> null;
            case FAIL, SOFTFAIL, NEUTRAL -> {
                String found = "SPF of " + domain + role + " gives " + o.result().label() + " for " + addr + " (" + o.detail() + ")";
                String fix = "add `" + term(ip) + "` to the SPF record of " + domain + ", before its \"all\"";
                if (!bounce && spf.checkHost(ip, id.bounceDomain(), "bounce@" + id.bounceDomain(), id.inboundHost()).result()
                        == SpfResult.PASS) {
                    fix = "add `include:" + id.bounceDomain() + "` to the SPF record of " + domain + ", before its \"all\"";
                }
                yield bounce ? Finding.blocker(Topic.SPF, found, fix) : Finding.warn(Topic.SPF, found, fix);
            }
            case PERMERROR -> {
                String found = "SPF of " + domain + role + " is a permerror for " + addr + ": " + o.detail();
                String fix = "correct the SPF record of " + domain + " as the message above says";
                SpfLookupCount count = SpfLookupCount.of(dns, domain);
                if (count.total() > SpfEvaluator.MAX_DNS_TERMS || o.detail().contains("DNS-querying terms")) {
                    String costs = count.byTerm().entrySet().stream().filter(e -> e.getValue() > 0)
                            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                            .map(e -> "`" + e.getKey() + "` costs " + e.getValue()).collect(Collectors.joining(", "));
                    found = "the SPF record of " + domain + role + " needs " + count.total() + " DNS lookups; receivers stop at "
                            + SpfEvaluator.MAX_DNS_TERMS + " and answer permerror";
                    fix = "remove " + (count.total() - SpfEvaluator.MAX_DNS_TERMS) + " or more lookups from the SPF record of "
                            + domain + " (" + costs + "): drop includes of services you no longer use, or write their"
                            + " addresses as ip4:/ip6: terms";
                }
                yield bounce ? Finding.blocker(Topic.SPF, found, fix) : Finding.warn(Topic.SPF, found, fix);
            }
            case TEMPERROR -> Finding.warn(Topic.SPF, "SPF of " + domain + role + " could not be checked for " + addr + ": "
                    + o.detail(), "check again later; if it persists, the DNS servers of " + domain + " are failing");
        };
    }

    private void dkim(Identity id, List<Finding> out) {
        List<DkimKey> keys = id.keys().stream().filter(k -> OrganizationalDomain.aligned(k.domain(), id.fromDomain(), false)).toList();
        if (keys.isEmpty()) {
            out.add(Finding.blocker(Topic.DKIM, "there is no DKIM key for " + id.fromDomain() + ", so messages from it go unsigned",
                    "make one with `./homing dkim keygen " + id.fromDomain() + " " + id.dkimSelector()
                            + "` and publish the TXT record it prints"));
        }
        for (DkimKey key : keys) {
            String at = key.selector() + "._domainkey." + key.domain();
            String publish = "publish this TXT record at " + at + ": " + key.txtValue();
            Dns.Answer<String> answer = dns.txt(at);
            if (answer instanceof Dns.Answer.Failed<String> f) {
                out.add(Finding.warn(Topic.DKIM, "the DKIM key at " + at + " could not be looked up: " + f.reason(), "check again later"));
                continue;
            }
            if (answer.records().isEmpty()) {
                out.add(Finding.blocker(Topic.DKIM, "no DKIM key is published at " + at + ", so receivers cannot verify our "
                        + key.algorithm().tag() + " signatures", publish));
                continue;
            }
            Finding best = null;
            for (String text : answer.records()) {
                Finding f = dkimFinding(key, at, text, publish);
                if (best == null || f.status().ordinal() < best.status().ordinal()) {
                    best = f;
                }
            }
            out.add(best);
        }
    }

    private static Finding dkimFinding(DkimKey key, String at, String text, String publish) {
        DkimKeyRecord published;
        try {
            published = DkimKeyRecord.parse(text);
        } catch (IllegalArgumentException e) {
            return Finding.blocker(Topic.DKIM, e.getMessage() + " (at " + at + ")", "replace it: " + publish);
        }
        if (published.revoked()) {
            return Finding.blocker(Topic.DKIM, "the DKIM key at " + at + " is revoked (empty p=), so every signature fails",
                    "replace it: " + publish);
        }
        if (!published.keyType().equals(key.algorithm().keyType()) || !Arrays.equals(published.publicKeyData(), key.publicKeyData())) {
            return Finding.blocker(Topic.DKIM, "the DKIM key at " + at + " is not our " + key.algorithm().keyType()
                    + " key (another or older key is published), so our signatures fail", "replace it: " + publish);
        }
        return Finding.pass(Topic.DKIM, "the DKIM key at " + at + " is published and matches our " + key.algorithm().keyType() + " key");
    }

    private void dmarc(Identity id, DmarcLookup lookup, List<Finding> out) {
        String suggested = "v=DMARC1; p=none; rua=mailto:dmarc-reports@" + id.fromDomain();
        switch (lookup) {
            case DmarcLookup.Found f -> {
                DmarcRecord r = f.record();
                String found = "DMARC record at " + f.at() + ": policy " + r.policy().label()
                        + (r.pct() < 100 ? ", applied to " + r.pct() + "% of failing mail" : "")
                        + (r.rua().isEmpty() ? ", no aggregate reports (rua)" : ", aggregate reports to " + String.join(", ", r.rua()));
                if (r.rua().isEmpty()) {
                    out.add(Finding.warn(Topic.DMARC, found, "add rua=mailto:dmarc-reports@" + id.fromDomain()
                            + " to the record at " + f.at() + " to learn who sends as your domain"));
                } else {
                    out.add(Finding.pass(Topic.DMARC, found));
                }
            }
            case DmarcLookup.Missing m -> out.add(Finding.warn(Topic.DMARC, "no DMARC record at " + String.join(" or ", m.asked())
                    + "; Gmail and Yahoo require one from bulk senders", "publish this TXT record at _dmarc." + id.fromDomain()
                    + ": " + suggested));
            case DmarcLookup.Malformed m -> out.add(Finding.fail(Topic.DMARC, m.problem() + " (at " + m.at()
                    + "); receivers ignore it", "replace it at " + m.at() + " by a valid record, for a start: " + suggested));
            case DmarcLookup.Failed f -> out.add(Finding.warn(Topic.DMARC, "the DMARC record at " + f.at() + " could not be looked up: "
                    + f.reason(), "check again later"));
        }
    }

    private void alignment(Identity id, DmarcLookup lookup, List<Finding> out) {
        DmarcRecord r = lookup instanceof DmarcLookup.Found f ? f.record() : null;
        boolean strictSpf = r != null && r.strictSpf();
        boolean strictDkim = r != null && r.strictDkim();
        boolean spfAligned = OrganizationalDomain.aligned(id.bounceDomain(), id.fromDomain(), strictSpf);
        String spfMode = strictSpf ? "strict (aspf=s): the same name" : "relaxed: the same organizational domain";
        String spfLine = "From " + id.fromDomain() + " and Return-Path " + id.bounceDomain() + (spfAligned ? " are" : " are not")
                + " aligned for SPF, " + spfMode;
        List<DkimKey> keys = id.keys().stream().filter(k -> OrganizationalDomain.aligned(k.domain(), id.fromDomain(), false)).toList();
        boolean dkimAligned = keys.stream().anyMatch(k -> OrganizationalDomain.aligned(k.domain(), id.fromDomain(), strictDkim));
        String dkimDomains = keys.isEmpty() ? "no DKIM key" : "DKIM d=" + keys.stream().map(DkimKey::domain).distinct()
                .collect(Collectors.joining(", d="));
        String dkimLine = "From " + id.fromDomain() + " and " + dkimDomains + (dkimAligned ? " are" : " are not") + " aligned for DKIM, "
                + (strictDkim ? "strict (adkim=s): the same name" : "relaxed: the same organizational domain");
        String spfFix = spfAligned ? "" : (strictSpf
                ? "use " + id.fromDomain() + " itself as bounce domain, or relax the record at _dmarc to aspf=r and use a subdomain"
                : "use a bounce domain under " + OrganizationalDomain.of(id.fromDomain()) + ", e.g. bounces." + id.fromDomain());
        String dkimFix = dkimAligned ? "" : "sign with a key for " + id.fromDomain() + ": `./homing dkim keygen " + id.fromDomain() + " "
                + id.dkimSelector() + "`";
        if (spfAligned || dkimAligned) {
            out.add(spfAligned ? Finding.pass(Topic.ALIGNMENT, spfLine) : Finding.warn(Topic.ALIGNMENT, spfLine
                    + "; DMARC passes through DKIM alone", spfFix));
            out.add(dkimAligned ? Finding.pass(Topic.ALIGNMENT, dkimLine) : Finding.warn(Topic.ALIGNMENT, dkimLine
                    + "; DMARC passes through SPF alone", dkimFix));
            return;
        }
        String found = spfLine + "; " + dkimLine + ": DMARC fails for every message";
        String fix = spfFix + "; or " + dkimFix;
        if (r != null && r.policy() != DmarcRecord.Policy.NONE) {
            out.add(Finding.blocker(Topic.ALIGNMENT, found + ", and the policy says " + r.policy().label(), fix));
        } else {
            out.add(Finding.warn(Topic.ALIGNMENT, found + " (no enforcing policy yet)", fix));
        }
    }

    private void bounceMx(Identity id, List<Finding> out) {
        String wanted = id.bounceDomain() + ". IN MX 10 " + id.inboundHost() + ".";
        Dns.Answer<Dns.Mx> mx = dns.mx(id.bounceDomain());
        switch (mx) {
            case Dns.Answer.Failed<Dns.Mx> f -> out.add(Finding.warn(Topic.BOUNCE_MX, "the MX of " + id.bounceDomain()
                    + " could not be looked up: " + f.reason(), "check again later"));
            case Dns.Answer.Empty<Dns.Mx> e -> out.add(Finding.blocker(Topic.BOUNCE_MX, id.bounceDomain() + " has no MX record: bounces"
                    + " cannot reach us, and receivers may refuse a Return-Path that takes no mail", "publish: " + wanted));
            case Dns.Answer.Found<Dns.Mx> f -> {
                List<String> hosts = f.records().stream().map(m -> m.host().toLowerCase(Locale.ROOT)).toList();
                if (hosts.contains(id.inboundHost().toLowerCase(Locale.ROOT))) {
                    out.add(Finding.pass(Topic.BOUNCE_MX, "the MX of " + id.bounceDomain() + " points at " + id.inboundHost()
                            + ", our inbound server"));
                } else if (hosts.stream().allMatch(String::isEmpty)) {
                    out.add(Finding.blocker(Topic.BOUNCE_MX, id.bounceDomain() + " publishes a null MX (takes no mail), so bounces"
                            + " cannot reach us", "replace it by: " + wanted));
                } else {
                    out.add(Finding.warn(Topic.BOUNCE_MX, "the MX of " + id.bounceDomain() + " points at " + String.join(", ", hosts)
                            + ", not at our inbound server " + id.inboundHost() + ": bounces and complaints will not reach Homing",
                            "replace the MX records of " + id.bounceDomain() + " by: " + wanted));
                }
            }
        }
    }

    private void ptr(Identity id, List<Finding> out) {
        if (id.helo() != null) {
            dev.homing.smtp.HeloName.problem(id.helo()).ifPresent(w -> out.add(Finding.warn(Topic.PTR, w,
                    "set helo in homing.properties to the sending host's fully qualified name, the PTR of its IP")));
        }
        for (InetAddress ip : id.ips()) {
            String addr = Ip.readable(ip);
            String ask = "ask whoever runs " + addr + " (your hosting provider) to set its reverse DNS (PTR) to a name of yours"
                    + " such as " + id.inboundHost() + ", and give that name an " + (ip instanceof Inet6Address ? "AAAA" : "A")
                    + " record " + addr;
            switch (dns.ptr(ip)) {
                case Dns.Answer.Failed<String> f -> out.add(Finding.warn(Topic.PTR, "the PTR of " + addr + " could not be looked up: "
                        + f.reason(), "check again later"));
                case Dns.Answer.Empty<String> e -> out.add(Finding.blocker(Topic.PTR, addr + " has no PTR record (reverse DNS);"
                        + " Gmail and others refuse mail from such IPs", ask));
                case Dns.Answer.Found<String> f -> {
                    String confirmed = null;
                    List<String> notBack = new ArrayList<>();
                    for (String name : f.records()) {
                        List<InetAddress> forward = dns.addresses(name, ip instanceof Inet6Address).records();
                        if (forward.contains(ip)) {
                            confirmed = name;
                            break;
                        }
                        notBack.add(name + (forward.isEmpty() ? " (no address)" : " (" + forward.stream().map(Ip::readable)
                                .collect(Collectors.joining(", ")) + ")"));
                    }
                    if (confirmed != null) {
                        out.add(Finding.pass(Topic.PTR, addr + " has PTR " + confirmed + ", which resolves back to it"));
                        String helo = id.helo();
                        if (helo != null && dev.homing.smtp.HeloName.problem(helo).isEmpty()
                                && f.records().stream().map(SenderDomainCheck::bare).noneMatch(helo::equals)) {
                            // receivers compare the EHLO name with the PTR (Gmail's sender guidelines; Postfix's
                            // reject_unknown_helo_hostname asks that the name resolve at all)
                            out.add(Finding.warn(Topic.PTR, "the HELO name " + helo + " is not the PTR of " + addr + " (" + confirmed + ")",
                                    "set helo = " + confirmed + " in homing.properties, or the PTR of " + addr + " to " + helo));
                        }
                    } else {
                        String first = f.records().get(0);
                        out.add(Finding.blocker(Topic.PTR, "the PTR of " + addr + " is " + String.join(", ", notBack)
                                + ", which does not resolve back to " + addr + " (no forward-confirmed reverse DNS)",
                                "add an " + (ip instanceof Inet6Address ? "AAAA" : "A") + " record " + first + " → " + addr
                                        + ", or " + ask));
                    }
                }
            }
        }
    }

    private static String term(InetAddress ip) {
        return Ip.family(ip) + ":" + Ip.readable(ip);
    }

    private static String terms(List<InetAddress> ips) {
        return ips.stream().map(SenderDomainCheck::term).collect(Collectors.joining(" "));
    }

    private static String ips(List<InetAddress> ips) {
        return ips.stream().map(Ip::readable).collect(Collectors.joining(", "));
    }

    private static String bare(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
