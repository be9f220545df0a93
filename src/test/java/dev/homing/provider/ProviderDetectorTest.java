package dev.homing.provider;

import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolving detector against a real DNS server on loopback: answers, caching, and every kind of failure. */
class ProviderDetectorTest {
    FakeDns dns;
    ProviderDetector detector;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDns()
                .add("gmail.com. 3600 IN MX 5 gmail-smtp-in.l.google.com.")
                .add("gmail.com. 3600 IN MX 10 alt1.gmail-smtp-in.l.google.com.")
                .add("shop.example. 300 IN MX 10 alt1.aspmx.l.google.com.")
                .add("shop.example. 300 IN MX 1 aspmx.l.google.com.")
                // preference, not answer order, decides: the gateway (5) comes before the tenant (20)
                .add("bank.example. 300 IN MX 20 bank-example.mail.protection.outlook.com.")
                .add("bank.example. 300 IN MX 5 eu-smtp-inbound-1.mimecast.com.")
                .add("corp.example. 300 IN MX 10 mx0a-00123401.pphosted.com.")
                .add("xn--bcher-kva.example. 300 IN MX 10 mx00.emig.gmx.net.")
                .add("nomail.example. 300 IN MX 0 .")
                .add("evil.example. 300 IN MX 10 mx.evilgoogle.com.");
        dns.fault("broken.example.", Type.MX, FakeDns.Fault.SERVFAIL)
                .fault("gone.example.", Type.MX, FakeDns.Fault.NXDOMAIN)
                .fault("slow.example.", Type.MX, FakeDns.Fault.SILENT);
        detector = new ProviderDetector(dns.resolver(), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void detectsFromTheMxItLooksUp() {
        assertThat(detector.detect("gmail.com")).isEqualTo(Provider.GMAIL);
        assertThat(detector.detect("shop.example")).isEqualTo(Provider.GOOGLE_WORKSPACE);
        assertThat(detector.detect("bank.example")).isEqualTo(Provider.MIMECAST);
        assertThat(detector.detectAddress("Ann.Lee@Corp.Example")).isEqualTo(Provider.PROOFPOINT);
        assertThat(detector.detectAddress("jörg@bücher.example")).as("IDN domain looked up as punycode").isEqualTo(Provider.GMX);
        assertThat(detector.detect("evil.example")).isEqualTo(Provider.OTHER);
        assertThat(detector.detect("nomail.example")).as("null MX").isEqualTo(Provider.OTHER);
    }

    @Test
    void answersAreCached() {
        assertThat(detector.detect("gmail.com")).isEqualTo(Provider.GMAIL);
        int after = dns.queries.get();
        assertThat(detector.detect("GMAIL.com.")).isEqualTo(Provider.GMAIL);
        assertThat(detector.detectAddress("someone@gmail.com")).isEqualTo(Provider.GMAIL);
        assertThat(dns.queries.get()).isEqualTo(after);
    }

    @Test
    void failuresGiveOtherAndNeverThrow() {
        assertThat(detector.detect("broken.example")).isEqualTo(Provider.OTHER);
        assertThat(detector.detect("gone.example")).isEqualTo(Provider.OTHER);
        long t0 = System.nanoTime();
        assertThat(detector.detect("slow.example")).isEqualTo(Provider.OTHER);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(detector.detect("unknown.example")).as("no MX and no records").isEqualTo(Provider.OTHER);
        int before = dns.queries.get();
        assertThat(detector.detectAddress("no-at-sign")).isEqualTo(Provider.OTHER);
        assertThat(detector.detectAddress(null)).isEqualTo(Provider.OTHER);
        assertThat(detector.detect("")).isEqualTo(Provider.OTHER);
        assertThat(detector.detectAddress("x@[192.0.2.1]")).as("address literal").isEqualTo(Provider.OTHER);
        assertThat(detector.detect("bad..name")).isEqualTo(Provider.OTHER);
        assertThat(dns.queries.get()).as("nothing to ask DNS about").isEqualTo(before);
    }

    @Test
    void aDeadServerGivesOtherWithinTheWait() throws Exception {
        ProviderDetector dead;
        try (FakeDns gone = new FakeDns()) {
            dead = new ProviderDetector(gone.resolver(), Duration.ofMillis(300));
        }
        long t0 = System.nanoTime();
        assertThat(dead.detect("gmail.com")).isEqualTo(Provider.OTHER);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(ProviderDetector.offline().detect("gmail.com")).isEqualTo(Provider.OTHER);
    }
}
