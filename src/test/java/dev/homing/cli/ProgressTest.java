package dev.homing.cli;

import dev.homing.delivery.EngineStats;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress line counts deliveries as deliveries: the deferral events of 300 deliveries are not 990 "deferred" deliveries. */
class ProgressTest {
    @Test
    void notFinalCountsDeliveriesAndTemporaryAnswersAreCalledWhatTheyAre() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), 300, 0);
        p.show(new EngineStats(1280, 250, 30, 990, 8, 2, 40, 3, 1), true);
        String line = bytes.toString(StandardCharsets.UTF_8);
        assertThat(line).contains("290/300 final").contains("delivered 250").contains("bounced 30").contains("expired 8")
                .contains("uncertain 2").contains("not final 10").contains("(990 temporary answers so far)")
                .doesNotContain("deferred 990");
    }
}
