package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.QueueMailer;
import dev.homing.delivery.Routes;
import dev.homing.inbound.Inbox;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.NewDelivery;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.web.Metrics;
import dev.homing.web.PublicPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET /metrics over real HTTP, after the engine has sent to the sandbox: the Prometheus text a scraper reads. */
class MetricsTest {
    @TempDir
    Path home;

    @Test
    void metricsShowOutcomesByReasonDeliveriesByStateAndInboundCounts() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults());
             Node node = Node.open(home, Config.load(home), Routes.none().addAll(sandbox.routes()), false)) {
            long m = node.queue.addMessage("b@bounces.homing.test", "t", "Subject: hi\n\nhello\n");
            node.queue.addDeliveries(m, List.of(NewDelivery.valid("a@accept.sandbox.test", "accept.sandbox.test", null),
                    NewDelivery.valid("b@user-unknown.sandbox.test", "user-unknown.sandbox.test", null)));
            new Inbox(node.db).store("127.0.0.1", "x@example.org", List.of("postmaster@bounces.homing.test"), "Subject: x\r\n\r\ny\r\n".getBytes());
            node.engine.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                node.queue.flush();
                return node.queue.view().unfinished(m) == 0;
            });
            Metrics metrics = new Metrics(node.queue, node.engine, new Inbox(node.db));
            Lists lists = new Lists(node.db);
            Subscriptions subs = new Subscriptions(node.db, new Tokens(node.db, InstallSecret.load(home)));
            try (PublicPages pages = PublicPages.start("127.0.0.1", 0, null, lists, subs, new QueueMailer(node.queue, "c@x.test"),
                    ProviderDetector.offline(), metrics::scrape, "scrape-token-0123456789")) {
                URI at = URI.create("http://127.0.0.1:" + pages.port() + "/metrics");
                // only the scraper holding metrics.token reads what the node sends and to whom
                for (String wrong : new String[]{null, "Bearer nope", "Bearer scrape-token-012345678", "scrape-token-0123456789"}) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(at);
                    if (wrong != null) {
                        b.header("Authorization", wrong);
                    }
                    HttpResponse<String> refused = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(refused.statusCode()).as("Authorization: %s", wrong).isEqualTo(401);
                    assertThat(refused.body()).doesNotContain("homing_");
                }
                HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(at)
                        .header("Authorization", "Bearer scrape-token-0123456789").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
                assertThat(r.body())
                        .containsPattern("(?m)^homing_attempts_total(\\{[^}]*})? 2\\.0$")
                        .containsPattern("(?m)^homing_outcomes_total\\{reason=\"delivered\"} 1\\.0$")
                        .containsPattern("(?m)^homing_outcomes_total\\{reason=\"userunknown\"} 1\\.0$")
                        .containsPattern("(?m)^homing_deliveries\\{state=\"delivered\"} 1\\.0$")
                        .containsPattern("(?m)^homing_deliveries\\{state=\"bounced\"} 1\\.0$")
                        .containsPattern("(?m)^homing_inbound_messages\\{kind=\"-\",status=\"received\"} 1\\.0$")
                        .containsPattern("(?m)^homing_connections_open ");
            }
        }
    }
}
