package dev.homing.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 'serve' opens its inbound server before the engine's first session, so the first DSNs of a run find it listening. */
class ServeOrderTest {
    @TempDir
    Path home;

    @Test
    void theInboundServerListensBeforeTheEngineStarts() throws Exception {
        int web;
        int inbound;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            web = a.getLocalPort();
            inbound = b.getLocalPort();
        }
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = http://127.0.0.1:" + web + "\n");
        try (ServeProcess serve = ServeProcess.start(home, "--port", String.valueOf(web), "--inbound-port", String.valueOf(inbound))) {
            List<String> lines = serve.output().lines().toList();
            int listening = indexOf(lines, "inbound SMTP for bounces.homing.test on");
            int engine = indexOf(lines, "sending: the engine started");
            assertThat(listening).as("serve said:\n%s", String.join("\n", lines)).isNotNegative();
            assertThat(engine).as("serve said:\n%s", String.join("\n", lines)).isGreaterThan(listening);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
