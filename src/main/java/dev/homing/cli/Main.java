package dev.homing.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./homing}. */
// INHERIT: every subcommand answers --help and --version too (picocli's inherited scope)
@Command(name = "homing", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "homing 0.1.0",
        description = "Email delivery engine: durable queue, MX delivery, judged outcomes.",
        subcommands = {DemoCommand.class, SendCommand.class, RunCommand.class, StatusCommand.class, SandboxCommand.class,
                RequeueCommand.class, ListCommand.class, ImportCommand.class, SuppressCommand.class, ServeCommand.class, DkimCommand.class, CampaignCommand.class, CheckCommand.class, ClassifyCommand.class, InboundCommand.class, ReportCommand.class, DeliveryCommand.class, WebhookCommand.class, ApiKeyCommand.class, UserCommand.class,
                HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The subcommand nearest a mistyped one (at most two edits, swaps of neighbours counting one), or null. */
    static String nearest(CommandLine line, java.util.List<String> unmatched) {
        if (unmatched.isEmpty() || unmatched.get(0).startsWith("-")) {
            return null;
        }
        String typed = unmatched.get(0).toLowerCase(java.util.Locale.ROOT);
        String best = null;
        int bestDistance = 3;
        for (String name : line.getSubcommands().keySet()) {
            int d = dev.homing.list.EditDistance.between(typed, name);
            if (d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Runs a command line and returns the exit code (tests call this in-process). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args2) -> {
            // the error, a suggestion for a mistyped command or option ("sned": did you mean send?), and the usage
            CommandLine line = ex.getCommandLine();
            line.getErr().println("homing: " + ex.getMessage());
            String near = ex instanceof CommandLine.UnmatchedArgumentException u ? nearest(line, u.getUnmatched()) : null;
            if (near != null) {
                line.getErr().println("Did you mean: " + line.getCommandSpec().qualifiedName() + " " + near + "?");
            } else if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, line.getErr())) {
                line.usage(line.getErr());
            }
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // a clear one-line error for what users can fix; a stack trace only for our bugs
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof dev.homing.store.StoreException || ex instanceof dev.homing.queue.QueueException
                    || ex instanceof dev.homing.queue.JournalInUse
                    || ex instanceof dev.homing.list.ListException
                    || ex instanceof dev.homing.campaign.CampaignException) {
                line.getErr().println("homing: " + ex.getMessage());
                return 2;
            }
            ex.printStackTrace(line.getErr());
            return 1;
        });
        return cl.execute(args);
    }
}
