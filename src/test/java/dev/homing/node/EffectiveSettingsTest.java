package dev.homing.node;

import dev.homing.web.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings page's lines: values as the node parsed them, where each came from, and no secret in clear. */
class EffectiveSettingsTest {
    @TempDir
    Path home;

    @Test
    void secretsAreMaskedWhereverTheyAreAndUnreadKeysShowNoValue() throws Exception {
        Files.writeString(home.resolve("homing.properties"), String.join("\n",
                "db.url = postgresql://homing:s3cret-in-url@127.0.0.1:5432/homing?sslmode=disable&password=s3cret-in-query",
                "db.password = s3cret-db",
                "inbound.tls.password = s3cret-tls",
                "metrics.token = s3cret-metrics",
                "db.pasword = s3cret-typo",
                "limits.example.org.connections = 2",
                "limits.example.org.conections = 9",
                "retry.max-age = 2d", ""));
        List<Setting> lines = EffectiveSettings.of(Config.load(home), home);
        String all = lines.stream().map(s -> s.key() + "=" + s.value()).collect(Collectors.joining("\n"));
        assertThat(all).doesNotContain("s3cret");
        Map<String, Setting> by = lines.stream().collect(Collectors.toMap(Setting::key, s -> s));
        assertThat(by.get("db.url").value()).isEqualTo("postgresql://homing:******@127.0.0.1:5432/homing?sslmode=disable&password=******");
        assertThat(by.get("db.password").value()).isEqualTo(EffectiveSettings.MASK);
        assertThat(by.get("metrics.token").value()).isEqualTo(EffectiveSettings.MASK);
        assertThat(by.get("retry.max-age").value()).isEqualTo("2d");
        assertThat(by.get("retry.max-age").origin()).isEqualTo("homing.properties");
        assertThat(by.get("timeout.connect").origin()).isEqualTo("default");
        assertThat(by.get("limits.example.org.connections").value()).isEqualTo("2");
        assertThat(by.get("limits.example.org.conections").origin()).contains("not a setting Homing knows");
        assertThat(by.get("db.pasword").value()).isEqualTo("(not shown)");
    }
}
