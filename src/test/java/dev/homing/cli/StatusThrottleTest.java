package dev.homing.cli;

import dev.homing.delivery.Learned;
import dev.homing.delivery.ThrottleRecord;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 'homing status' shows what the engine's throttles learned from receivers that asked it to slow down. */
class StatusThrottleTest {
    @TempDir
    Path home;

    @Test
    void statusShowsTheLearnedCeilingAndWhy() throws Exception {
        Files.writeString(home.resolve("homing.properties"), "public.url = https://mail.homing.test\n");
        try (Database db = Database.embedded(home)) {
            new ThrottleRecord(db).write(List.of(new Learned("mx.rx.test", 10, 2, 0, 0, 3, 3, 40, 20),
                    new Learned("yahoo", 10, 10, 0, 0, 1, 0, -1, 0)));
        }
        CommandsTest.Run status = CommandsTest.run("status", "--home", home.toString());
        assertThat(status.out()).contains("asked us to slow down")
                .containsPattern("mx\\.rx\\.test\\s+2 of 10 connections \\(refused a session at 3 connections 4\\d s ago; 3 slow-downs; one step back up tried in \\d+ s")
                .containsPattern("yahoo\\s+10 of 10 connections \\(1 slow-down; back at the configured limits\\)");
    }
}
