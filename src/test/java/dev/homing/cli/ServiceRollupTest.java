package dev.homing.cli;

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
                .add("shop.example. 300 IN MX 1 aspmx.l.google.com.")
                .add("bank.example. 300 IN MX 10 bank-example.mail.protection.outlook.com.")
                .add("corp.example. 300 IN MX 10 mx0a-00123401.pphosted.com.")
                .add("own.example. 300 IN MX 10 mx.own.example.")
                .add("lab.example. 300 IN MX 1 aspmx.l.google.com.")
                .add("tuned.example. 300 IN MX 1 aspmx.l.google.com.");
        dns.fault("broken.example.", Type.MX, FakeDns.Fault.SERVFAIL);
        Routes routes = Routes.none().add("lab.example", new InetSocketAddress("127.0.0.1", 2525));
        rollup = new ServiceRollup(new ProviderDetector(dns.resolver(), Duration.ofSeconds(2)), routes, Set.of("Tuned.Example"));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void companyDomainsGoWithTheServiceTheirMxNames() {
        assertThat(rollup.keyOf("Shop.Example")).isEqualTo("google");
        assertThat(rollup.keyOf("bank.example")).as("a Microsoft 365 tenant").isEqualTo("microsoft");
        assertThat(Shards.ofKey(rollup.keyOf("shop.example"))).isEqualTo(Shards.of("gmail.com"));
    }

    @Test
    void gatewaysAndOwnServersStayThemselves() {
        assertThat(rollup.keyOf("corp.example")).as("a filtering gateway's limits are its customer's").isEqualTo("corp.example");
        assertThat(rollup.keyOf("own.example")).isEqualTo("own.example");
        assertThat(rollup.keyOf("broken.example")).as("DNS failed: the domain alone").isEqualTo("broken.example");
    }

    @Test
    void consumerDomainsByNameWithoutAsking() {
        int before = dns.queries.get();
        assertThat(rollup.keyOf("hotmail.com")).isEqualTo("microsoft");
        assertThat(rollup.keyOf("gmail.com")).isEqualTo("google");
        assertThat(dns.queries.get()).isEqualTo(before);
    }

    @Test
    void routedDomainsAndDomainsWithLimitsOfTheirOwnStayThemselves() {
        int before = dns.queries.get();
        assertThat(rollup.keyOf("lab.example")).as("routed by the operator: not sent to Google").isEqualTo("lab.example");
        assertThat(rollup.keyOf("tuned.example")).as("limits.tuned.example.* asks for its own throttle").isEqualTo("tuned.example");
        assertThat(dns.queries.get()).isEqualTo(before);
    }
}
