package dev.homing.auth;

import dev.homing.dns.Dns;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DmarcTest {

    @Test
    void parsesEveryTagAndAppliesDefaults() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=quarantine; sp=reject; pct=20; rua=mailto:a@example.com,mailto:b@example.net!10m;"
                + " ruf=mailto:f@example.com; adkim=s; aspf=r; fo=1:d; ri=3600");
        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.QUARANTINE);
        assertThat(r.subdomainPolicy()).isEqualTo(DmarcRecord.Policy.REJECT);
        assertThat(r.pct()).isEqualTo(20);
        assertThat(r.rua()).containsExactly("mailto:a@example.com", "mailto:b@example.net!10m");
        assertThat(r.ruf()).containsExactly("mailto:f@example.com");
        assertThat(r.strictDkim()).isTrue();
        assertThat(r.strictSpf()).isFalse();
        assertThat(r.failureOptions()).isEqualTo("1:d");
        assertThat(r.interval()).isEqualTo(3600);

        DmarcRecord d = DmarcRecord.parse("v=DMARC1;p=none");
        assertThat(d.subdomainPolicy()).isEqualTo(DmarcRecord.Policy.NONE);
        assertThat(d.pct()).isEqualTo(100);
        assertThat(d.strictDkim() || d.strictSpf()).isFalse();
        assertThat(d.interval()).isEqualTo(86400);
        assertThat(d.rua()).isEmpty();
    }

    @Test
    void malformedRecordsSayWhatIsWrongAndQuoteTheRecord() {
        assertThatThrownBy(() -> DmarcRecord.parse("p=reject; v=DMARC1"))
                .hasMessage("the DMARC record \"p=reject; v=DMARC1\" is malformed: it must start with v=DMARC1");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; rua=mailto:a@example.com"))
                .hasMessageContaining("the policy p= (none, quarantine or reject) is missing");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; pct=150")).hasMessageContaining("pct=150 is not a number from 0 to 100");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; adkim=x")).hasMessageContaining("adkim=x is not r (relaxed) or s");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; rua=dmarc@example.com"))
                .hasMessageContaining("rua= has \"dmarc@example.com\", which is not a URI");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; fo=2")).hasMessageContaining("fo=2");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; p=reject")).hasMessageContaining("p= appears twice");
    }

    @Test
    void organizationalDomainsKnowCommonMultiLabelSuffixes() {
        assertThat(OrganizationalDomain.of("mail.news.example.com")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("bounces.shop.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("example.com.au.")).isEqualTo("example.com.au");
        assertThat(OrganizationalDomain.aligned("bounces.example.com", "example.com", false)).isTrue();
        assertThat(OrganizationalDomain.aligned("bounces.example.com", "example.com", true)).isFalse();
        assertThat(OrganizationalDomain.aligned("a.example.co.uk", "b.other.co.uk", false)).isFalse();
    }

    @Test
    void lookupFallsBackToTheOrganizationalDomain() throws Exception {
        try (FakeDns dns = new FakeDns()) {
            dns.txt("_dmarc.example.co.uk", "v=DMARC1; p=reject");
            dns.txt("_dmarc.news.example.co.uk", "some other text");
            DmarcLookup l = DmarcLookup.of(Dns.using(dns.resolver()), "news.example.co.uk");
            assertThat(l).isInstanceOfSatisfying(DmarcLookup.Found.class, f -> {
                assertThat(f.at()).isEqualTo("_dmarc.example.co.uk");
                assertThat(f.record().policy()).isEqualTo(DmarcRecord.Policy.REJECT);
            });
            assertThat(DmarcLookup.of(Dns.using(dns.resolver()), "example.org"))
                    .isEqualTo(new DmarcLookup.Missing(java.util.List.of("_dmarc.example.org")));
            dns.txt("_dmarc.two.example", "v=DMARC1; p=none");
            dns.txt("_dmarc.two.example", "v=DMARC1; p=reject");
            assertThat(DmarcLookup.of(Dns.using(dns.resolver()), "two.example")).isInstanceOfSatisfying(DmarcLookup.Malformed.class,
                    m -> assertThat(m.problem()).contains("has 2 DMARC records"));
            dns.fault("_dmarc.down.example.", Type.TXT, FakeDns.Fault.SERVFAIL);
            assertThat(DmarcLookup.of(Dns.using(dns.resolver()), "down.example")).isInstanceOf(DmarcLookup.Failed.class);
        }
    }
}
