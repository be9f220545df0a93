package dev.homing.api;

import dev.homing.auth.DkimKey;
import dev.homing.auth.Dns;
import dev.homing.auth.SenderDomainCheck;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Function;

/**
 * How this node sends, as its configuration says: what the domain check checks a From domain against,
 * and the keys that sign transactional mail.
 *
 * @param dns          what the domain check asks
 * @param bounceDomain the Return-Path domain of campaigns
 * @param ips          the sending IPs
 * @param inboundHost  the host name the bounce domain's MX should name
 * @param dkimSelector the selector to suggest when a domain has no key
 * @param keys         a domain's saved DKIM keys under the configured selectors (empty: mail goes unsigned)
 */
public record SenderSetup(Dns dns, String bounceDomain, List<InetAddress> ips, String inboundHost, String dkimSelector,
                          Function<String, List<DkimKey>> keys) {
    public SenderSetup {
        java.util.Objects.requireNonNull(dns, "dns");
        ips = List.copyOf(ips);
    }

    SenderDomainCheck.Identity identity(String fromDomain) {
        return new SenderDomainCheck.Identity(fromDomain, bounceDomain, ips, keys.apply(fromDomain), inboundHost, dkimSelector);
    }
}
