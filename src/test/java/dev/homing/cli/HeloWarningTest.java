package dev.homing.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A sending command warns at start when the HELO name is one receivers refuse (Postfix: 504 5.5.2 Helo command rejected). */
class HeloWarningTest {
    @TempDir
    Path home;

    @Test
    void localhostIsWarnedAboutAndAProperNameIsNot() throws Exception {
        Files.writeString(home.resolve("homing.properties"), "helo = localhost\npublic.url = https://mail.homing.test\n");
        CommandsTest.Run bad = CommandsTest.run("run", "--home", home.toString());
        assertThat(bad.err()).contains("warning: the HELO name is localhost").contains("set helo =");

        Files.writeString(home.resolve("homing.properties"), "helo = mta1.homing.test\npublic.url = https://mail.homing.test\n");
        CommandsTest.Run good = CommandsTest.run("run", "--home", home.toString());
        assertThat(good.err()).doesNotContain("HELO");
    }
}
