package dev.homing.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code homing help [COMMAND [SUBCOMMAND...]]}: the usage of any command of the tree ({@code help campaign create}),
 * where picocli's own help command reads one name only. An unknown name is one line and exit code 2.
 */
@Command(name = "help", helpCommand = true, description = "Show the usage of a command: 'homing help campaign create'.")
final class HelpCommand implements Callable<Integer>, CommandLine.IHelpCommandInitializable2 {
    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command, and its subcommands, to show.")
    List<String> commands = new ArrayList<>();

    private CommandLine parent;
    private PrintWriter out;
    private PrintWriter err;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.parent = helpCommandLine.getParent();
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        CommandLine at = parent;
        StringBuilder path = new StringBuilder("homing");
        for (String name : commands) {
            CommandLine next = at.getSubcommands().get(name);
            if (next == null) {
                err.println("homing: '" + path + " " + name + "' is not a command; 'homing help" + path.substring("homing".length())
                        + "' lists what there is");
                err.flush();
                return 2;
            }
            at = next;
            path.append(' ').append(name);
        }
        at.usage(out);
        out.flush();
        return 0;
    }
}
