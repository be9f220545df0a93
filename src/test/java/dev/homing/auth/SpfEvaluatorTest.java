package dev.homing.auth;

import dev.homing.dns.Dns;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Our own cases beyond the OpenSPF suite: the DNS layer's three kinds of answer, messages, formats. */
class SpfEvaluatorTest {
    FakeDns dns;
    Dns resolver;

    @BeforeEach
    void start() throws Exception {
        dns = new FakeDns();
        SimpleResolver r = dns.resolver();
        r.setTimeout(Duration.ofMillis(250));
        resolver = Dns.using(r);
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void dnsKeepsVoidApartFromFailure() throws Exception {
        dns.add("there.test. 300 IN A 192.0.2.1");
        dns.fault("gone.test.", Type.A, FakeDns.Fault.NXDOMAIN);
        dns.fault("broken.test.", Type.A, FakeDns.Fault.SERVFAIL);
        dns.fault("slow.test.", Type.A, FakeDns.Fault.SILENT);
        assertThat(resolver.a("there.test").records()).containsExactly(Ip.literal("192.0.2.1"));
        assertThat(resolver.a("gone.test")).isEqualTo(new Dns.Answer.Empty<InetAddress>(true));
        assertThat(resolver.aaaa("there.test")).isEqualTo(new Dns.Answer.Empty<InetAddress>(false));
        assertThat(resolver.a("broken.test")).isInstanceOf(Dns.Answer.Failed.class);
        assertThat(resolver.a("slow.test")).isInstanceOf(Dns.Answer.Failed.class);
        assertThat(resolver.a("x".repeat(64) + ".test")).isEqualTo(new Dns.Answer.Empty<InetAddress>(true));
    }

    @Test
    void longTxtRecordsAreJoinedWithoutSeparator() throws Exception {
        String longValue = "v=spf1 " + "ip4:192.0.2.1 ".repeat(30) + "-all"; // over 255 octets: several strings
        dns.txt("long.test", longValue);
        assertThat(resolver.txt("long.test").records()).containsExactly(longValue);
    }

    @Test
    void outcomesSayWhatMatchedOrWhatIsWrong() throws Exception {
        dns.txt("ok.test", "v=spf1 ip4:192.0.2.0/24 -all");
        dns.txt("two.test", "v=spf1 -all");
        dns.txt("two.test", "v=spf1 +all");
        dns.txt("exp.test", "v=spf1 -all exp=why.exp.test");
        dns.txt("why.exp.test", "%{i} may not send for %{d}; see https://%{d}/spf?ip=%{C}");
        SpfEvaluator spf = new SpfEvaluator(resolver);
        SpfOutcome pass = spf.check(Ip.literal("192.0.2.9"), "a@ok.test", "mail.ok.test");
        assertThat(pass.result()).isEqualTo(SpfResult.PASS);
        assertThat(pass.detail()).isEqualTo("\"ip4:192.0.2.0/24\" matched in the SPF record of ok.test");
        SpfOutcome fail = spf.check(Ip.literal("198.51.100.1"), "a@ok.test", "mail.ok.test");
        assertThat(fail.result()).isEqualTo(SpfResult.FAIL);
        assertThat(fail.explanation()).isEqualTo("198.51.100.1 is not one of ok.test's designated mail servers");
        SpfOutcome two = spf.check(Ip.literal("192.0.2.9"), "a@two.test", "x.test");
        assertThat(two.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(two.detail()).contains("two.test publishes 2 SPF records").contains("\"v=spf1 -all\"").contains("\"v=spf1 +all\"");
        SpfOutcome exp = spf.check(Ip.literal("2001:db8::1"), "", "exp.test"); // empty MAIL FROM: postmaster@HELO
        assertThat(exp.explanation()).isEqualTo("2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1 may not send for"
                + " exp.test; see https://exp.test/spf?ip=2001%3Adb8%3A%3A1");
    }

    @Test
    void addressesPrintAsRfc5952AndParseWithoutDns() {
        assertThat(Ip.readable(Ip.literal("2001:DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ip.readable(Ip.literal("2001:db8:0:1:1:1:1:1"))).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Ip.readable(Ip.literal("::"))).isEqualTo("::");
        assertThat(Ip.literal("::FFFF:1.2.3.4")).isEqualTo(Ip.literal("1.2.3.4"));
        assertThat(Ip.literal("01.2.3.4")).isNull();
        assertThat(Ip.literal(":CAFE::BABE")).isNull();
        assertThat(Ip.literal("1::2::3")).isNull();
        assertThat(Ip.literal("example.com")).isNull();
    }
}
