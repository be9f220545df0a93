package dev.homing.auth;

import dev.homing.dns.Dns;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender-domain check against a real DNS server on loopback: a good setup, then each thing that goes wrong. */
class SenderDomainCheckTest {
    static DkimKey rsa;
    static DkimKey ed;
    static DkimKey other;
    FakeDns dns;
    SenderDomainCheck check;
    static final InetAddress IP = ip("192.0.2.10");

    @BeforeAll
    static void keys() {
        rsa = DkimKey.generate("example.com", "homing", DkimAlgorithm.RSA_SHA256, 2048); // its TXT is over 255 octets
        ed = DkimKey.generate("example.com", "homing", DkimAlgorithm.ED25519_SHA256, 0);
        other = DkimKey.generate("example.com", "homing", DkimAlgorithm.ED25519_SHA256, 0);
    }

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDns();
        check = new SenderDomainCheck(Dns.using(dns.resolver()));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    static InetAddress ip(String s) {
        return Ip.literal(s);
    }

    /** Everything right, except what a test leaves out by name. */
    void good(String... without) throws Exception {
        List<String> skip = List.of(without);
        if (!skip.contains("spf")) {
            dns.txt("example.com", "v=spf1 include:bounces.example.com -all");
            dns.txt("bounces.example.com", "v=spf1 ip4:192.0.2.0/24 ", "-all");
        }
        if (!skip.contains("dkim")) {
            dns.txt("homing._domainkey.example.com", rsa.txtValue());
            dns.txt("homing._domainkey.example.com", ed.txtValue());
        }
        if (!skip.contains("dmarc")) {
            dns.txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=50; rua=mailto:dmarc@example.com");
        }
        if (!skip.contains("mx")) {
            dns.add("bounces.example.com. 300 IN MX 10 mx.example.com.");
        }
        if (!skip.contains("ptr")) {
            dns.add("10.2.0.192.in-addr.arpa. 300 IN PTR mail.example.com.");
            dns.add("mail.example.com. 300 IN A 192.0.2.10");
        }
    }

    SenderDomainReport run(List<InetAddress> ips, List<DkimKey> keys) {
        return check.check(new SenderDomainCheck.Identity("example.com", "bounces.example.com", ips, keys, "mx.example.com", "homing"));
    }

    SenderDomainReport run() {
        return run(List.of(IP), List.of(rsa, ed));
    }

    static Finding only(SenderDomainReport r, Finding.Topic topic) {
        List<Finding> f = r.findings().stream().filter(x -> x.topic() == topic).toList();
        assertThat(f).as(r.text()).hasSize(1);
        return f.get(0);
    }

    @Test
    void aGoodSetupPassesEveryCheckAndBlocksNothing() throws Exception {
        good();
        SenderDomainReport r = run();
        assertThat(r.findings()).as(r.text()).allMatch(f -> f.status() == Finding.Status.PASS);
        assertThat(r.hasBlocking()).isFalse();
        assertThat(r.text()).contains("DMARC record at _dmarc.example.com: policy reject, applied to 50% of failing mail,"
                        + " aggregate reports to mailto:dmarc@example.com")
                .contains("the DKIM key at homing._domainkey.example.com is published and matches our rsa key")
                .contains("matches our ed25519 key")
                .contains("the MX of bounces.example.com points at mx.example.com")
                .contains("192.0.2.10 has PTR mail.example.com, which resolves back to it")
                .contains("aligned for SPF, relaxed").contains("Nothing blocks sending.");
        assertThat(r.checklist()).extracting(Finding::topic).containsExactly(Finding.Topic.values());
    }

    @Test
    void anIpMissingFromTheBounceSpfBlocksWithTheTermToAdd() throws Exception {
        good();
        SenderDomainReport r = run(List.of(IP, ip("2001:db8::10")), List.of(rsa));
        Finding f = r.findings().stream().filter(x -> x.topic() == Finding.Topic.SPF && x.found().contains("2001:db8::10")
                && x.found().contains("Return-Path")).findFirst().orElseThrow();
        assertThat(f.blocking()).isTrue();
        assertThat(f.found()).contains("gives fail");
        assertThat(f.fix()).isEqualTo("add `ip6:2001:db8::10` to the SPF record of bounces.example.com, before its \"all\"");
    }

    @Test
    void theFromDomainIsToldToIncludeTheBounceDomainThatAuthorizesTheIp() throws Exception {
        good("spf");
        dns.txt("example.com", "v=spf1 mx -all");
        dns.txt("bounces.example.com", "v=spf1 ip4:192.0.2.10 -all");
        Finding f = run().findings().stream().filter(x -> x.topic() == Finding.Topic.SPF && x.found().contains("From domain"))
                .findFirst().orElseThrow();
        assertThat(f.status()).isEqualTo(Finding.Status.WARN);
        assertThat(f.fix()).isEqualTo("add `include:bounces.example.com` to the SPF record of example.com, before its \"all\"");
    }

    @Test
    void noSpfRecordOnTheBounceDomainGetsOneToPublish() throws Exception {
        good("spf");
        dns.txt("example.com", "v=spf1 include:bounces.example.com -all");
        SenderDomainReport r = run(List.of(IP, ip("192.0.2.11")), List.of(rsa));
        Finding f = r.findings().stream().filter(x -> x.found().startsWith("bounces.example.com")).findFirst().orElseThrow();
        assertThat(f.blocking()).isTrue();
        assertThat(f.fix()).isEqualTo("publish this TXT record at bounces.example.com: v=spf1 ip4:192.0.2.10 ip4:192.0.2.11 -all");
    }

    @Test
    void tooManyLookupsNamesTheCountAndWhatCostsMost() throws Exception {
        good("spf");
        dns.txt("example.com", "v=spf1 include:bounces.example.com -all");
        dns.txt("bounces.example.com", "v=spf1 a mx include:big.example.net ip4:192.0.2.10 -all");
        dns.txt("big.example.net", "v=spf1 a a a a a a a a a");
        Finding f = run().findings().stream().filter(x -> x.topic() == Finding.Topic.SPF && x.found().contains("Return-Path"))
                .findFirst().orElseThrow();
        assertThat(f.blocking()).isTrue();
        assertThat(f.found()).isEqualTo("the SPF record of bounces.example.com (the Return-Path domain) needs 12 DNS lookups;"
                + " receivers stop at 10 and answer permerror");
        assertThat(f.fix()).startsWith("remove 2 or more lookups from the SPF record of bounces.example.com (`include:big.example.net`"
                + " costs 10, `a` costs 1, `mx` costs 1)");
    }

    @Test
    void aSyntaxErrorQuotesTheRecord() throws Exception {
        good("spf");
        dns.txt("example.com", "v=spf1 include:bounces.example.com -all");
        dns.txt("bounces.example.com", "v=spf1 ip4:192.0.2.10/33 -all");
        Finding f = run().findings().get(0);
        assertThat(f.blocking()).isTrue();
        assertThat(f.found()).contains("the SPF record of bounces.example.com \"v=spf1 ip4:192.0.2.10/33 -all\" is invalid:"
                + " \"ip4:192.0.2.10/33\": /33 is longer than 32 bits");
    }

    @Test
    void dkimMissingRevokedMismatchedAndMalformedEachBlockWithTheRecordToPublish() throws Exception {
        good("dkim");
        Finding missing = only(run(List.of(IP), List.of(rsa)), Finding.Topic.DKIM);
        assertThat(missing.blocking()).isTrue();
        assertThat(missing.found()).contains("no DKIM key is published at homing._domainkey.example.com");
        assertThat(missing.fix()).isEqualTo("publish this TXT record at homing._domainkey.example.com: " + rsa.txtValue());

        dns.txt("homing._domainkey.example.com", "v=DKIM1; k=ed25519; p=");
        Finding revoked = only(run(List.of(IP), List.of(ed)), Finding.Topic.DKIM);
        assertThat(revoked.found()).contains("is revoked (empty p=)");
        assertThat(revoked.fix()).isEqualTo("replace it: publish this TXT record at homing._domainkey.example.com: " + ed.txtValue());
    }

    @Test
    void aKeyThatIsNotOursIsAMismatch() throws Exception {
        good("dkim");
        dns.txt("homing._domainkey.example.com", other.txtValue());
        Finding f = only(run(List.of(IP), List.of(ed)), Finding.Topic.DKIM);
        assertThat(f.blocking()).isTrue();
        assertThat(f.found()).contains("is not our ed25519 key");
    }

    @Test
    void aMalformedKeyRecordIsQuoted() throws Exception {
        good("dkim");
        dns.txt("homing._domainkey.example.com", "v=DKIM1; k=rsa; p=not base64!");
        Finding f = only(run(List.of(IP), List.of(rsa)), Finding.Topic.DKIM);
        assertThat(f.found()).isEqualTo("the DKIM key record \"v=DKIM1; k=rsa; p=not base64!\" is malformed: p= is not base64"
                + " (at homing._domainkey.example.com)");
    }

    @Test
    void noKeyForTheFromDomainSaysHowToMakeOne() throws Exception {
        good();
        SenderDomainReport r = run(List.of(IP), List.of());
        Finding f = only(r, Finding.Topic.DKIM);
        assertThat(f.blocking()).isTrue();
        assertThat(f.fix()).isEqualTo("make one with `./homing dkim keygen example.com homing` and publish the TXT record it prints");
    }

    @Test
    void missingDmarcWarnsWithAStartingRecordAndMalformedQuotesIt() throws Exception {
        good("dmarc");
        Finding missing = only(run(), Finding.Topic.DMARC);
        assertThat(missing.status()).isEqualTo(Finding.Status.WARN);
        assertThat(missing.blocking()).isFalse();
        assertThat(missing.found()).startsWith("no DMARC record at _dmarc.example.com;");
        assertThat(missing.fix()).isEqualTo("publish this TXT record at _dmarc.example.com: v=DMARC1; p=none;"
                + " rua=mailto:dmarc-reports@example.com");

        dns.txt("_dmarc.example.com", "v=DMARC1; p=block");
        Finding bad = only(run(), Finding.Topic.DMARC);
        assertThat(bad.status()).isEqualTo(Finding.Status.FAIL);
        assertThat(bad.found()).contains("the DMARC record \"v=DMARC1; p=block\" is malformed: p=block is not none, quarantine or reject");
    }

    @Test
    void noAlignmentUnderAnEnforcingPolicyBlocks() throws Exception {
        good();
        dns.txt("other.example.net", "v=spf1 ip4:192.0.2.10 -all");
        dns.add("other.example.net. 300 IN MX 10 mx.example.com.");
        DkimKey foreign = DkimKey.generate("example.net", "homing", DkimAlgorithm.ED25519_SHA256, 0);
        SenderDomainReport r = check.check(new SenderDomainCheck.Identity("example.com", "other.example.net", List.of(IP),
                List.of(foreign), "mx.example.com", "homing"));
        Finding f = only(r, Finding.Topic.ALIGNMENT);
        assertThat(f.blocking()).isTrue();
        assertThat(f.found()).contains("From example.com and Return-Path other.example.net are not aligned for SPF")
                .contains("and the policy says reject");
        assertThat(f.fix()).contains("use a bounce domain under example.com, e.g. bounces.example.com")
                .contains("./homing dkim keygen example.com homing");
    }

    @Test
    void strictSpfAlignmentIsStated() throws Exception {
        good("dmarc");
        dns.txt("_dmarc.example.com", "v=DMARC1; p=none; aspf=s; rua=mailto:d@example.com");
        SenderDomainReport r = run();
        assertThat(r.text()).contains("From example.com and Return-Path bounces.example.com are not aligned for SPF,"
                + " strict (aspf=s): the same name; DMARC passes through DKIM alone");
    }

    @Test
    void theBounceMxMustPointAtOurInboundHost() throws Exception {
        good("mx");
        Finding none = only(run(), Finding.Topic.BOUNCE_MX);
        assertThat(none.blocking()).isTrue();
        assertThat(none.fix()).isEqualTo("publish: bounces.example.com. IN MX 10 mx.example.com.");

        dns.add("bounces.example.com. 300 IN MX 10 mx.elsewhere.example.net.");
        Finding elsewhere = only(run(), Finding.Topic.BOUNCE_MX);
        assertThat(elsewhere.status()).isEqualTo(Finding.Status.WARN);
        assertThat(elsewhere.found()).contains("points at mx.elsewhere.example.net, not at our inbound server mx.example.com");
    }

    @Test
    void reverseDnsMustExistAndLeadBack() throws Exception {
        good("ptr");
        Finding none = only(run(), Finding.Topic.PTR);
        assertThat(none.blocking()).isTrue();
        assertThat(none.found()).startsWith("192.0.2.10 has no PTR record");

        dns.add("10.2.0.192.in-addr.arpa. 300 IN PTR host.example.net.");
        dns.add("host.example.net. 300 IN A 198.51.100.7");
        Finding notBack = only(run(), Finding.Topic.PTR);
        assertThat(notBack.blocking()).isTrue();
        assertThat(notBack.found()).isEqualTo("the PTR of 192.0.2.10 is host.example.net (198.51.100.7), which does not resolve"
                + " back to 192.0.2.10 (no forward-confirmed reverse DNS)");
        assertThat(notBack.fix()).startsWith("add an A record host.example.net → 192.0.2.10, or ask");
    }

    @Test
    void aDnsFailureWarnsInsteadOfBlaming() throws Exception {
        good("ptr");
        dns.fault("10.2.0.192.in-addr.arpa.", Type.PTR, FakeDns.Fault.SERVFAIL);
        Finding f = only(run(), Finding.Topic.PTR);
        assertThat(f.status()).isEqualTo(Finding.Status.WARN);
        assertThat(f.blocking()).isFalse();
        assertThat(f.found()).contains("could not be looked up: SERVFAIL");
    }

    @Test
    void theHeloNameIsCheckedAgainstThePtrOfTheSendingIp() throws Exception {
        good();
        SenderDomainReport same = check.check(new SenderDomainCheck.Identity("example.com", "bounces.example.com", List.of(IP),
                List.of(rsa, ed), "mx.example.com", "homing", "mail.example.com"));
        assertThat(same.findings()).as(same.text()).allMatch(f -> f.status() == Finding.Status.PASS);

        SenderDomainReport other = check.check(new SenderDomainCheck.Identity("example.com", "bounces.example.com", List.of(IP),
                List.of(rsa, ed), "mx.example.com", "homing", "sender.example.org"));
        Finding f = other.findings().stream().filter(x -> x.status() == Finding.Status.WARN).findFirst().orElseThrow();
        assertThat(f.topic()).isEqualTo(Finding.Topic.PTR);
        assertThat(f.found()).isEqualTo("the HELO name sender.example.org is not the PTR of 192.0.2.10 (mail.example.com)");
        assertThat(f.fix()).startsWith("set helo = mail.example.com");
        assertThat(f.blocking()).isFalse();

        SenderDomainReport local = check.check(new SenderDomainCheck.Identity("example.com", "bounces.example.com", List.of(IP),
                List.of(rsa, ed), "mx.example.com", "homing", "localhost"));
        assertThat(local.findings()).anySatisfy(x -> {
            assertThat(x.status()).isEqualTo(Finding.Status.WARN);
            assertThat(x.found()).contains("HELO name is localhost");
        });
    }
}
