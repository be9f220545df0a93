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

    /** Walks the whole command tree: -h on each command, whole sentences in every list of subcommands, help A B. */
    @Test
    void everyCommandOfTheTreeAnswersHelpWithWholeDescriptions() {
        java.util.Deque<java.util.List<String>> todo = new java.util.ArrayDeque<>();
        todo.add(java.util.List.of());
        int seen = 0;
        while (!todo.isEmpty()) {
            java.util.List<String> path = todo.poll();
            java.util.List<String> args = new java.util.ArrayList<>(path);
            args.add("-h");
            CommandsTest.Run r = CommandsTest.run(args.toArray(String[]::new));
            assertThat(r.code()).as(args + ": " + r.err()).isZero();
            seen++;
            String out = r.out();
            int commands = out.indexOf("\nCommands:\n");
            if (commands < 0) {
                continue;
            }
            // each entry: "  name   description", continued on lines indented further; the whole must be a sentence
            String name = null;
            StringBuilder description = new StringBuilder();
            for (String line : (out.substring(commands + "\nCommands:\n".length()) + "\n  end-of-list x").split("\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S+)\\s+(.*)$").matcher(line);
                if (m.matches()) {
                    if (name != null && !name.equals("help")) {
                        assertThat(description.toString().strip()).as("description of '%s %s'", String.join(" ", path), name).endsWith(".");
                        java.util.List<String> next = new java.util.ArrayList<>(path);
                        next.add(name);
                        todo.add(next);
                    }
                    name = m.group(1);
                    description = new StringBuilder(m.group(2));
                } else {
                    description.append(' ').append(line.strip());
                }
            }
        }
        assertThat(seen).as("commands walked").isGreaterThan(40);
        CommandsTest.Run nested = CommandsTest.run("help", "campaign", "create");
        assertThat(nested.code()).isZero();
        assertThat(nested.out()).startsWith("Usage: homing campaign create");
        CommandsTest.Run wrong = CommandsTest.run("help", "campaign", "craete");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("'homing campaign craete' is not a command");
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
