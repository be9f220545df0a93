package dev.homing.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./homing}. */
@Command(name = "homing", mixinStandardHelpOptions = true, version = "homing 0.1.0",
        description = "Email delivery engine: durable queue, MX delivery, judged outcomes.",
        subcommands = {DemoCommand.class, SendCommand.class, RunCommand.class, StatusCommand.class, SandboxCommand.class,
                RequeueCommand.class, ListCommand.class, ImportCommand.class, SuppressCommand.class, ServeCommand.class, DkimCommand.class, CampaignCommand.class, CheckCommand.class, ClassifyCommand.class, InboundCommand.class, ReportCommand.class, DeliveryCommand.class, WebhookCommand.class, ApiKeyCommand.class, UserCommand.class,
                CommandLine.HelpCommand.class})
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

    /** Runs a command line and returns the exit code (tests call this in-process). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // a clear one-line error for what users can fix; a stack trace only for our bugs
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof dev.homing.store.StoreException || ex instanceof dev.homing.queue.QueueException
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
