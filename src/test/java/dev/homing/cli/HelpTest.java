package dev.homing.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command answers --help, and a mistyped command gets a suggestion, not only "unmatched argument". */
class HelpTest {
    @Test
    void everyCommandAnswersHelp() {
        for (String[] args : new String[][] {{"campaign", "--help"}, {"send", "--help"}, {"import", "--help"},
                {"campaign", "create", "--help"}, {"inbound", "show", "--help"}, {"check", "domain", "--help"}}) {
            CommandsTest.Run r = CommandsTest.run(args);
            assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: homing " + String.join(" ", args).replace(" --help", ""));
        }
    }

    @Test
    void aMistypedCommandGetsTheNearestOne() {
        CommandsTest.Run sned = CommandsTest.run("sned");
        assertThat(sned.code()).isEqualTo(2);
        assertThat(sned.err()).contains("Did you mean: homing send?");
        CommandsTest.Run craete = CommandsTest.run("campaign", "craete");
        assertThat(craete.err()).contains("Did you mean: homing campaign create?");
        CommandsTest.Run far = CommandsTest.run("xyzzy");
        assertThat(far.code()).isEqualTo(2);
        assertThat(far.err()).doesNotContain("Did you mean").contains("Usage: homing");
    }
}
