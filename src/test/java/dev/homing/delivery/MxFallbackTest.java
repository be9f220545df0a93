package dev.homing.delivery;

import dev.homing.testing.FakeDns;
import dev.homing.outcome.Judge;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DNS through a real (loopback) DNS server: the engine tries MX hosts in preference order and
 * moves on after a refused connection or a 4xx greeting; DNS failures settle every waiting delivery.
 */
class MxFallbackTest {
    @TempDir
    Path home;

    @Test
    void refusedAndBusyMxHostsAreSkippedAndDnsFailuresSettleTheDestination() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults().withStartTls(false));
             ServerSocket busy = new ServerSocket()) {
            int port = sandbox.smtpAddress().getPort();
            // 127.0.0.3 answers "421 busy" on the sandbox's port; 127.0.0.2 has nothing listening there
            busy.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), port));
            Thread.ofVirtual().start(() -> {
                while (!busy.isClosed()) {
                    try (Socket s = busy.accept(); OutputStream o = s.getOutputStream()) {
                        o.write("421 4.3.2 busy.fallback.test Service not available, try again later\r\n".getBytes(StandardCharsets.US_ASCII));
                        o.flush();
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            try (FakeDns dns = new FakeDns()
                    .add("fallback.test. 300 IN MX 10 refused.fallback.test.")
                    .add("fallback.test. 300 IN MX 20 busy.fallback.test.")
                    .add("fallback.test. 300 IN MX 30 good.fallback.test.")
                    .add("refused.fallback.test. 300 IN A 127.0.0.2")
                    .add("busy.fallback.test. 300 IN A 127.0.0.3")
                    .add("good.fallback.test. 300 IN A 127.0.0.1")
                    .add("nullmx.test. 300 IN MX 0 .")
                    .fault("gone.test.", org.xbill.DNS.Type.MX, FakeDns.Fault.NXDOMAIN)
                    .fault("flaky.test.", org.xbill.DNS.Type.MX, FakeDns.Fault.SERVFAIL);
                 Database db = Database.embedded(home);
                 Queue queue = Queue.open(db, home.resolve("data/journal"), new RetrySchedule(List.of(Duration.ofHours(1)), 0, Duration.ofDays(1)))) {
                queue.recover();
                long m = queue.addMessage("f@homing.test", "t", "Subject: x\n\nbody\n");
                queue.addDeliveries(m, List.of(
                        NewDelivery.valid("a@fallback.test", "fallback.test", null),
                        NewDelivery.valid("b@fallback.test", "fallback.test", null),
                        NewDelivery.valid("a@nullmx.test", "nullmx.test", null),
                        NewDelivery.valid("a@gone.test", "gone.test", null),
                        NewDelivery.valid("b@gone.test", "gone.test", null),
                        NewDelivery.valid("a@flaky.test", "flaky.test", null)));
                EngineSettings settings = EngineSettings.defaults("fallback.homing.test")
                        .withClient(new ClientSettings("fallback.homing.test", Timeouts.all(Duration.ofSeconds(2)), 100, Duration.ofMillis(200)));
                try (Engine engine = new Engine(queue, new MxResolver(dns.resolver(), Routes.none(), port), new Judge(), settings, dev.homing.campaign.PlainComposer.plain())) {
                    engine.start();
                    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (queue.view().unfinished(m) > 1 && System.nanoTime() < deadline) { // flaky.test stays deferred
                        Thread.sleep(50);
                    }
                }
                queue.flush();
                var rows = queue.view().deliveries(m).stream().collect(java.util.stream.Collectors.toMap(DeliveryRow::recipient, r -> r));
                assertThat(rows.get("a@fallback.test").state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(rows.get("b@fallback.test").state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(rows.get("a@nullmx.test")).satisfies(r -> {
                    assertThat(r.state()).isEqualTo(DeliveryState.BOUNCED);
                    assertThat(r.code()).isEqualTo(171);
                    assertThat(r.reason()).isEqualTo("notaccept");
                });
                assertThat(List.of(rows.get("a@gone.test"), rows.get("b@gone.test"))).allSatisfy(r -> {
                    assertThat(r.state()).isEqualTo(DeliveryState.BOUNCED);
                    assertThat(r.reason()).isEqualTo("hostunknown");
                });
                assertThat(rows.get("a@flaky.test")).satisfies(r -> {
                    assertThat(r.state()).isEqualTo(DeliveryState.DEFERRED);
                    assertThat(r.code()).isEqualTo(172);
                });
                try (var c = db.connection(); var st = c.createStatement();
                     var rs = st.executeQuery("SELECT mx_host, mx_ip FROM attempt a JOIN delivery d ON d.id = a.delivery_id"
                             + " WHERE d.recipient = 'a@fallback.test'")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("good.fallback.test");
                    assertThat(rs.getString(2)).isEqualTo("127.0.0.1");
                }
            }
        }
    }
}
