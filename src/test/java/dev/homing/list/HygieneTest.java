package dev.homing.list;

import dev.homing.testing.FakeDns;
import dev.homing.delivery.MxResolver;
import dev.homing.delivery.Routes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Type;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-address hygiene, with domain checks against a real DNS server on loopback. */
class HygieneTest {
    FakeDns dns;
    Hygiene hygiene;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDns()
                .add("ok.test. 300 IN MX 10 mx.ok.test.")
                .add("mx.ok.test. 300 IN A 127.0.0.11")
                .add("implicit.test. 300 IN A 127.0.0.12")
                .add("nullmx.test. 300 IN MX 0 .")
                .add("bare.test. 300 IN TXT \"no mail here\"")
                .add("gmail.com. 300 IN MX 5 mx.gmail.com.")
                .add("mx.gmail.com. 300 IN A 127.0.0.13")
                .add("gmial.com. 300 IN MX 5 mx.gmail.com.")
                .add("xn--bcher-kva.test. 300 IN A 127.0.0.14")
                .fault("gone.test.", Type.MX, FakeDns.Fault.NXDOMAIN)
                .fault("broken.test.", Type.MX, FakeDns.Fault.SERVFAIL)
                .fault("slow.test.", Type.MX, FakeDns.Fault.SILENT)
                .fault("hotmial.com.", Type.MX, FakeDns.Fault.NXDOMAIN);
        hygiene = new Hygiene(new MxResolver(dns.resolver(), Routes.none(), 25).mailDomains());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "ann@ok.test         | ",
            "ann@implicit.test   | ",
            "ann@bücher.test     | ",
            "ann@gone.test       | NXDOMAIN",
            "ann@nullmx.test     | NULL_MX",
            "ann@bare.test       | NO_MAIL_DOMAIN",
            "ann@broken.test     | DNS_TEMPORARY",
            "ann@slow.test       | DNS_TEMPORARY",
            "ann@gmial.com       | TYPO",
            "info@ok.test        | ROLE_ACCOUNT",
            "ann@                | SYNTAX",
            "info@hotmial.com    | NXDOMAIN TYPO ROLE_ACCOUNT",
    })
    void problemsMostSeriousFirst(String address, String expected) {
        List<Problem> problems = hygiene.check(address).stream().map(Finding::problem).toList();
        List<Problem> wanted = expected == null ? List.of()
                : java.util.Arrays.stream(expected.split(" ")).map(Problem::valueOf).toList();
        assertThat(problems).isEqualTo(wanted);
    }

    @Test
    void aTypoCarriesTheCorrectedAddressAndTheActionNamesIt() {
        Finding f = hygiene.check("Ann.Lee@gmial.com").get(0);
        assertThat(f.problem()).isEqualTo(Problem.TYPO);
        assertThat(f.suggestion()).isEqualTo("Ann.Lee@gmail.com");
        assertThat(f.action()).contains("ask the subscriber to correct it (suggest Ann.Lee@gmail.com)");
    }

    @Test
    void dnsFindingsSayWhatDnsAnswered() {
        assertThat(hygiene.check("ann@gone.test").get(0).reason()).contains("NXDOMAIN");
        assertThat(hygiene.check("ann@nullmx.test").get(0).reason()).contains("null MX");
        assertThat(hygiene.check("ann@bare.test").get(0).reason()).contains("no MX and no A/AAAA");
        assertThat(hygiene.check("ann@broken.test").get(0).reason()).contains("SERVFAIL");
    }

    @Test
    void dnsTemporaryIsNotHeldAgainstTheAddress() {
        assertThat(Problem.DNS_TEMPORARY.removes()).isFalse();
        assertThat(Problem.DNS_TEMPORARY.action()).startsWith("keep");
        assertThat(Problem.NXDOMAIN.removes()).isTrue();
    }

    @Test
    void syntaxErrorsGiveTheReasonAndSkipDns() {
        int before = dns.queries.get();
        List<Finding> f = hygiene.check("ann..lee@gone.test");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.problem()).isEqualTo(Problem.SYNTAX);
            assertThat(x.reason()).contains("two dots in a row");
        });
        assertThat(dns.queries.get()).isEqualTo(before);
    }

    @Test
    void ipLiteralsAreNotLookedUp() {
        int before = dns.queries.get();
        assertThat(hygiene.check("ann@[192.0.2.1]")).isEmpty();
        assertThat(hygiene.check("ann@[IPv6:2001:db8::1]")).isEmpty();
        assertThat(dns.queries.get()).isEqualTo(before);
    }

    @Test
    void oneLookupPerDomainPerRun() {
        String[] domains = {"ok.test", "implicit.test", "gone.test", "nullmx.test", "bare.test", "broken.test"};
        for (int i = 0; i < 6_000; i++) {
            hygiene.check("user" + i + "@" + domains[i % domains.length]);
        }
        // MX, then A and AAAA when there is no MX: at most 3 queries per domain (and 1 more for the MX host)
        assertThat(dns.queries.get()).isLessThanOrEqualTo(domains.length * 3 + 2);
    }

    @Test
    void withoutDnsOnlyTheOfflineRulesApply() {
        Hygiene offline = Hygiene.withoutDns();
        assertThat(offline.check("ann@gone.test")).isEmpty();
        assertThat(offline.check("postmaster@gmial.com")).extracting(Finding::problem)
                .containsExactly(Problem.TYPO, Problem.ROLE_ACCOUNT);
        assertThat(dns.queries.get()).isZero();
    }

    @Test
    void junkNeverThrows() {
        Hygiene offline = Hygiene.withoutDns();
        for (String junk : new String[]{null, "", "   ", "@", "@@", "\u0000@x.com", "a@b", "x".repeat(100_000),
                "\"unterminated@x.com", "a@[", "a@[]", "a@.com", "ann@xn--.com", "ann@-x-.com", "\uD800@x.com"}) {
            List<Finding> f = offline.check(junk);
            assertThat(f).as(String.valueOf(junk)).isNotEmpty().allSatisfy(x -> {
                assertThat(x.problem()).isEqualTo(Problem.SYNTAX);
                assertThat(x.reason()).isNotBlank();
            });
        }
    }

    @Test
    void everyProblemHasALabelAndAnAction() {
        for (Problem p : Problem.values()) {
            assertThat(p.label()).isNotBlank();
            assertThat(p.action()).isNotBlank().doesNotContain("%s");
        }
    }
}
