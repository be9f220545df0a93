package dev.homing.node;

import dev.homing.delivery.Limits;
import dev.homing.delivery.TlsPolicy;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {
    private static Config parse(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return Config.from(p);
    }

    @Test
    void readsEverySetting() throws Exception {
        Config c = parse("""
                helo = mta.example.com
                route.sandbox.test = 127.0.0.1:2525
                tls.partner.example = required
                limits.connections = 4
                limits.rate = 2.5
                limits.gmail.com.connections = 20
                limits.gmail.com.rate = 50
                connections.max = 300
                retry.delays = 30s,2m,1h
                retry.max-age = 2d
                timeout.connect = 10s
                timeout.dot = 15m
                connection.max-messages = 50
                connection.idle = 250ms
                db.url = jdbc:postgresql://127.0.0.1:5432/test
                db.user = homing
                suppression.soft-bounces = 5
                suppression.recent-delivery = 30d
                """);
        assertThat(c.engine().client().helo()).isEqualTo("mta.example.com");
        assertThat(c.routes().find("x.sandbox.test")).get().extracting(r -> r.target())
                .isEqualTo(InetSocketAddress.createUnresolved("127.0.0.1", 2525));
        assertThat(c.engine().tlsByDomain()).containsEntry("partner.example", TlsPolicy.REQUIRED);
        assertThat(c.engine().limits()).isEqualTo(new Limits(4, 2.5));
        assertThat(c.engine().limitsByDomain()).containsEntry("gmail.com", new Limits(20, 50));
        assertThat(c.engine().maxConnections()).isEqualTo(300);
        assertThat(c.retry().delays()).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1));
        assertThat(c.retry().maxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(c.engine().client().timeouts().connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.engine().client().timeouts().dot()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.engine().client().timeouts().rcpt()).as("unset: RFC 5321 default").isEqualTo(Duration.ofMinutes(5));
        assertThat(c.engine().client().maxPerConnection()).isEqualTo(50);
        assertThat(c.engine().client().idle()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(c.dbUser()).isEqualTo("homing");
        assertThat(c.suppression().softBounces()).isEqualTo(5);
        assertThat(c.suppression().recentDelivery()).isEqualTo(Duration.ofDays(30));
        assertThat(c.suppression().softWindow()).as("unset: default").isEqualTo(Duration.ofDays(30));
    }

    @Test
    void badValuesNameTheKey() {
        for (String bad : List.of("limits.connections = many", "retry.delays = 1m,soon", "route.x.test = nowhere",
                "tls.x.test = sometimes", "limits.rate = fast")) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }
        assertThatThrownBy(() -> parse("retry.delays = 1m,soon")).hasMessageContaining("retry.delays").hasMessageContaining("soon");
        assertThatThrownBy(() -> parse("limits.connections = many")).hasMessageContaining("limits.connections");
        assertThatThrownBy(() -> parse("tls.x.test = sometimes")).hasMessage("tls.x.test = \"sometimes\" is not none, opportunistic or required");
        assertThatThrownBy(() -> parse("route.x.test = nowhere")).hasMessage("route.x.test = \"nowhere\" is not HOST:PORT");
    }
}
