package dev.homing.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped logback.xml: plain lines by default, one JSON object per line with HOMING_LOG_FORMAT=json. */
class LogFormatTest {
    @AfterEach
    void restore() throws Exception {
        System.clearProperty("HOMING_LOG_FORMAT");
        configure();
    }

    @Test
    void jsonLinesCarryTheEventsKeyValues() throws Exception {
        String out = logged("json");
        JsonNode line = new ObjectMapper().readTree(out.lines().filter(l -> l.contains("web login")).findFirst().orElseThrow());
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo("dev.homing.web.Console");
        assertThat(line.get("formattedMessage").asText()).isEqualTo("web login: ann from 192.0.2.1");
        assertThat(line.get("kvpList").toString()).contains("\"user\":\"ann\"").contains("\"ip\":\"192.0.2.1\"");
        assertThat(line.get("timestamp").asLong()).isPositive();
    }

    @Test
    void plainLinesByDefault() throws Exception {
        String out = logged(null);
        assertThat(out).contains("INFO  Console: web login: ann from 192.0.2.1").doesNotContain("{");
    }

    private static String logged(String format) throws Exception {
        if (format != null) {
            System.setProperty("HOMING_LOG_FORMAT", format);
        }
        PrintStream was = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            configure();
            Logger log = LoggerFactory.getLogger("dev.homing.web.Console");
            log.atInfo().addKeyValue("user", "ann").addKeyValue("ip", "192.0.2.1").log("web login: {} from {}", "ann", "192.0.2.1");
        } finally {
            System.setErr(was);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    private static void configure() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator c = new JoranConfigurator();
        c.setContext(context);
        c.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
    }
}
