package dev.homing.node;

import dev.homing.delivery.Routes;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.Shards;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a node groups destinations, against MX records served by a DNS server on loopback. */
class ServiceRollupTest {
    FakeDns dns;
    ServiceRollup rollup;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDns()
                .add("shop.homing-test.net. 300 IN MX 1 aspmx.l.google.com.")
                .add("bank.homing-test.net. 300 IN MX 10 bank-example.mail.protection.outlook.com.")
                .add("corp.homing-test.net. 300 IN MX 10 mx0a-00123401.pphosted.com.")
                .add("own.homing-test.net. 300 IN MX 10 mx.own.homing-test.net.")
                .add("lab.homing-test.net. 300 IN MX 1 aspmx.l.google.com.")
                .add("tuned.homing-test.net. 300 IN MX 1 aspmx.l.google.com.");
        dns.fault("broken.homing-test.net.", Type.MX, FakeDns.Fault.SERVFAIL);
        Routes routes = Routes.none().add("lab.homing-test.net", new InetSocketAddress("127.0.0.1", 2525));
        rollup = new ServiceRollup(new ProviderDetector(dns.resolver(), Duration.ofSeconds(2)), routes, Set.of("Tuned.Homing-Test.net"));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void companyDomainsGoWithTheServiceTheirMxNames() {
        assertThat(rollup.keyOf("Shop.Homing-Test.net")).isEqualTo("google");
        assertThat(rollup.keyOf("bank.homing-test.net")).as("a Microsoft 365 tenant").isEqualTo("microsoft");
        assertThat(Shards.ofKey(rollup.keyOf("shop.homing-test.net"))).isEqualTo(Shards.of("gmail.com"));
    }

    @Test
    void gatewaysAndOwnServersStayThemselves() {
        assertThat(rollup.keyOf("corp.homing-test.net")).as("a filtering gateway's limits are its customer's").isEqualTo("corp.homing-test.net");
        assertThat(rollup.keyOf("own.homing-test.net")).isEqualTo("own.homing-test.net");
        assertThat(rollup.keyOf("broken.homing-test.net")).as("DNS failed: the domain alone").isEqualTo("broken.homing-test.net");
    }

    @Test
    void consumerDomainsByNameWithoutAsking() {
        int before = dns.queries.get();
        assertThat(rollup.keyOf("hotmail.com")).isEqualTo("microsoft");
        assertThat(rollup.keyOf("gmail.com")).isEqualTo("google");
        assertThat(dns.queries.get()).isEqualTo(before);
    }

    @Test
    void namesReservedForTestsAreNotLookedUp() throws Exception {
        dns.add("shop.sandbox.test. 300 IN MX 1 aspmx.l.google.com.");
        int before = dns.queries.get();
        assertThat(rollup.keyOf("shop.sandbox.test")).isEqualTo("shop.sandbox.test");
        assertThat(rollup.keyOf("www.example.com")).isEqualTo("www.example.com");
        assertThat(dns.queries.get()).isEqualTo(before);
        assertThat(ServiceRollup.reserved("contest")).as("a label boundary, not a suffix").isFalse();
    }

    @Test
    void routedDomainsAndDomainsWithLimitsOfTheirOwnStayThemselves() {
        int before = dns.queries.get();
        assertThat(rollup.keyOf("lab.homing-test.net")).as("routed by the operator: not sent to Google").isEqualTo("lab.homing-test.net");
        assertThat(rollup.keyOf("tuned.homing-test.net")).as("limits.tuned.homing-test.net.* asks for its own throttle").isEqualTo("tuned.homing-test.net");
        assertThat(dns.queries.get()).isEqualTo(before);
    }
}
