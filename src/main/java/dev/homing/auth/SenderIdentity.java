package dev.homing.auth;

import dev.homing.dns.Dns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Who this node is when it sends, built once from its configuration: what the sender-domain check
 * checks a From domain against, and where a domain's signing keys are read from. Every face (the
 * domain check command, the pre-flight, the web UI's authentication page, the API) asks this one
 * record, so they cannot disagree on the IPs or the keys.
 *
 * @param home         the node's home folder, whose {@code dkim/} holds the saved keys
 * @param bounceDomain the Return-Path domain of campaigns
 * @param ips          the sending IPs (literals only: a host name would be a DNS lookup of its own)
 * @param inboundHost  the host name the bounce domain's MX should name
 * @param selectors    the DKIM selectors that sign, the first one suggested when a key is missing
 * @param helo         the EHLO name, checked against the sending IPs' PTR; null: not checked
 */
public record SenderIdentity(Path home, String bounceDomain, List<InetAddress> ips, String inboundHost, List<String> selectors,
                             String helo) {
    public SenderIdentity {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(bounceDomain, "bounceDomain");
        ips = List.copyOf(ips);
        selectors = List.copyOf(selectors);
        if (selectors.isEmpty()) {
            throw new IllegalArgumentException("dkim.selector: at least one selector");
        }
    }

    /**
     * @param ips the configured sending IPs as written (sending.ips); a host name is refused, as every face refuses it
     * @throws IllegalArgumentException naming the first entry that is not an IP literal
     */
    public static SenderIdentity of(Path home, String bounceDomain, List<String> ips, String inboundHost, List<String> selectors,
                                    String helo) {
        return new SenderIdentity(home, bounceDomain, literals("sending.ips", ips), inboundHost, selectors, helo);
    }

    /** The same identity sending from other IPs ('homing check domain --ip'). */
    public SenderIdentity withIps(List<String> literals) {
        return new SenderIdentity(home, bounceDomain, literals("--ip", literals), inboundHost, selectors, helo);
    }

    /** The same identity with another Return-Path domain ('homing check domain --bounce-domain'). */
    public SenderIdentity withBounceDomain(String domain) {
        return new SenderIdentity(home, domain, ips, inboundHost, selectors, helo);
    }

    /** The selector to suggest when a domain has no key. */
    public String dkimSelector() {
        return selectors.get(0);
    }

    /** A domain's saved keys under every selector, read now (a key made meanwhile counts); empty: its mail goes unsigned. */
    public List<DkimKey> keys(String domain) {
        List<DkimKey> keys = new ArrayList<>();
        try {
            for (String selector : selectors) {
                keys.addAll(DkimKey.saved(home, domain, selector));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the DKIM keys of " + domain + ": " + e.getMessage(), e);
        }
    }

    /** What the sender-domain check needs to judge this From domain. */
    public SenderDomainCheck.Identity of(String fromDomain) {
        return new SenderDomainCheck.Identity(fromDomain, bounceDomain, ips, keys(fromDomain), inboundHost, dkimSelector(), helo);
    }

    /** SPF, DKIM, DMARC, alignment, the bounce MX and reverse DNS of a From domain, asked of {@code dns}. */
    public SenderDomainReport check(Dns dns, String fromDomain) {
        return new SenderDomainCheck(dns).check(of(fromDomain));
    }

    /** IP literals only, never a host name. */
    static List<InetAddress> literals(String setting, List<String> ips) {
        List<InetAddress> out = new ArrayList<>();
        for (String ip : ips) {
            if (!ip.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException(setting + ": \"" + ip + "\" is not an IP address");
            }
            try {
                out.add(InetAddress.getByName(ip));
            } catch (IOException e) {
                throw new IllegalArgumentException(setting + ": \"" + ip + "\" is not an IP address");
            }
        }
        return out;
    }
}
