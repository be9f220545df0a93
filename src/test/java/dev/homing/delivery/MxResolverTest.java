package dev.homing.delivery;

import dev.homing.testing.FakeDns;
import dev.homing.smtp.InternalCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** MX resolution against a real DNS server on loopback (UDP, dnsjava wire format). */
class MxResolverTest {
    FakeDns dns;
    MxResolver resolver;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDns()
                .add("pref.test. 300 IN MX 20 backup.pref.test.")
                .add("pref.test. 300 IN MX 10 primary.pref.test.")
                .add("primary.pref.test. 300 IN A 127.0.0.11")
                .add("primary.pref.test. 300 IN AAAA ::1")
                .add("backup.pref.test. 300 IN A 127.0.0.12")
                .add("equal.test. 300 IN MX 10 a.equal.test.")
                .add("equal.test. 300 IN MX 10 b.equal.test.")
                .add("equal.test. 300 IN MX 10 c.equal.test.")
                .add("a.equal.test. 300 IN A 127.0.0.21")
                .add("b.equal.test. 300 IN A 127.0.0.22")
                .add("c.equal.test. 300 IN A 127.0.0.23")
                .add("implicit.test. 300 IN A 127.0.0.31")
                .add("nullmx.test. 300 IN MX 0 .")
                .add("bare.test. 300 IN TXT \"no mail here\"")
                .add("short.test. 1 IN MX 10 mx.short.test.")
                .add("mx.short.test. 1 IN A 127.0.0.41")
                .fault("gone.test.", Type.MX, FakeDns.Fault.NXDOMAIN)
                .fault("broken.test.", Type.MX, FakeDns.Fault.SERVFAIL)
                .fault("slow.test.", Type.MX, FakeDns.Fault.SILENT);
        resolver = new MxResolver(dns.resolver(), Routes.none().add("sandbox.test", new InetSocketAddress("127.0.0.1", 2525)), 2525);
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void mxByPreferenceWithAddressesIpv4First() {
        var hosts = ((Resolution.Hosts) resolver.resolve("pref.test")).hosts();
        assertThat(hosts).extracting(MxHost::name).containsExactly("primary.pref.test", "backup.pref.test");
        assertThat(hosts.get(0).addresses()).extracting(a -> a.getAddress().getHostAddress())
                .containsExactly("127.0.0.11", "0:0:0:0:0:0:0:1");
        assertThat(hosts.get(0).addresses()).allSatisfy(a -> assertThat(a.getPort()).isEqualTo(2525));
    }

    @Test
    void equalPreferencesAreShuffled() {
        Set<String> firsts = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            var hosts = ((Resolution.Hosts) resolver.resolve("equal.test")).hosts();
            assertThat(hosts).hasSize(3);
            firsts.add(hosts.get(0).name());
        }
        assertThat(firsts).as("each of three equal hosts comes first sometimes").hasSize(3);
    }

    @Test
    void noMxMeansTheDomainIsItsOwnMx() {
        var hosts = ((Resolution.Hosts) resolver.resolve("implicit.test")).hosts();
        assertThat(hosts).singleElement().satisfies(h -> {
            assertThat(h.name()).isEqualTo("implicit.test");
            assertThat(h.addresses().get(0).getAddress().getHostAddress()).isEqualTo("127.0.0.31");
        });
    }

    @Test
    void permanentAndTemporaryFailures() {
        assertThat(resolver.resolve("nullmx.test")).isEqualTo(new Resolution.Failure(InternalCode.DNS_NULL_MX,
                "nullmx.test publishes a null MX (RFC 7505)"));
        assertThat(resolver.resolve("gone.test")).isInstanceOfSatisfying(Resolution.Failure.class,
                f -> assertThat(f.code()).isEqualTo(InternalCode.DNS_NXDOMAIN));
        assertThat(resolver.resolve("bare.test")).isInstanceOfSatisfying(Resolution.Failure.class,
                f -> assertThat(f.code()).isEqualTo(InternalCode.DNS_NO_HOST));
        assertThat(resolver.resolve("broken.test")).isInstanceOfSatisfying(Resolution.Failure.class, f -> {
            assertThat(f.code()).isEqualTo(InternalCode.DNS_TEMPORARY);
            assertThat(f.detail()).contains("SERVFAIL");
        });
        assertThat(resolver.resolve("slow.test")).isInstanceOfSatisfying(Resolution.Failure.class, f -> {
            assertThat(f.code()).isEqualTo(InternalCode.DNS_TEMPORARY);
            assertThat(f.detail()).contains("timeout");
        });
        assertThat(InternalCode.DNS_NXDOMAIN.enhanced().isPermanent()).isTrue();
        assertThat(InternalCode.DNS_TEMPORARY.enhanced().isTransient()).isTrue();
    }

    @Test
    void answersAreCachedForTheirTtl() throws Exception {
        resolver.resolve("pref.test");
        int after = dns.queries.get();
        resolver.resolve("pref.test");
        resolver.resolve("PREF.test");
        assertThat(dns.queries.get()).as("served from cache").isEqualTo(after);
        resolver.resolve("short.test");
        int shortAfter = dns.queries.get();
        Thread.sleep((MxResolver.MIN_TTL_S + 1) * 1000);
        resolver.resolve("short.test");
        assertThat(dns.queries.get()).as("a 1 s TTL (raised to the 5 s floor) expired and was asked again").isGreaterThan(shortAfter);
    }

    @Test
    void routesOverrideDnsForADomainAndItsSubdomains() {
        int before = dns.queries.get();
        var hosts = ((Resolution.Hosts) resolver.resolve("d7.accept.sandbox.test")).hosts();
        assertThat(hosts).singleElement().satisfies(h -> assertThat(h.addresses()).containsExactly(new InetSocketAddress("127.0.0.1", 2525)));
        assertThat(dns.queries.get()).isEqualTo(before);
        assertThat(Routes.none().add("a.test=127.0.0.1:25").find("x.a.test")).isPresent();
        assertThat(Routes.none().add("a.test=127.0.0.1:25").find("b.test")).isEmpty();
        assertThat(List.of("a.test", "x=1", "x=host:", "x=host:port")).allSatisfy(bad ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> Routes.none().add(bad)).isInstanceOf(IllegalArgumentException.class));
    }
}
