package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code homing send}: a message file (with merge fields) to every address of a recipient file. */
@Command(name = "send", description = "Send a message file (RFC 5322 text with {{field}} merge fields) to a recipient file.")
final class SendCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "Envelope sender (Return-Path).")
    String from;

    @Option(names = "--message", required = true, paramLabel = "FILE", description = "The message: headers, blank line, body.")
    Path message;

    @Option(names = "--to", required = true, paramLabel = "FILE",
            description = "Recipients: one address per line, or CSV with an 'email' column (other columns are merge fields).")
    Path recipients;

    @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "0s",
            description = "Stop waiting after this long (e.g. 10m); unfinished deliveries stay queued. 0 = until every delivery is final.")
    String maxWait;

    @Option(names = "--no-wait", description = "Queue only; 'homing run' delivers.")
    boolean noWait;

    @Override
    public Integer call() throws IOException {
        String content = readText(message, "message file");
        dev.homing.campaign.MessageTemplate.compile(content); // fail now, with the line, not per recipient
        Duration limit = Config.parseDuration("--max-wait", maxWait);
        Node opened;
        try {
            opened = home.open();
        } catch (dev.homing.queue.JournalInUse e) {
            return beside(content, limit);
        }
        try (Node node = opened) {
            report(node);
            Submission.Result r;
            try (InputStream in = open(recipients)) {
                r = Submission.submit(node.queue, node.suppressions, from, message.getFileName().toString(), content, recipients.toString(), in, System.err);
            }
            System.out.printf("queued %d deliveries (%d invalid addresses recorded as bounced, %d suppressed addresses recorded as"
                    + " suppressed, %d duplicates and %d unreadable rows skipped)%n", r.queued(), r.invalid(), r.suppressed(),
                    r.duplicates(), r.unreadable());
            if (noWait) {
                return 0;
            }
            node.engine.start();
            Waiting.untilFinal(node, () -> node.queue.view().unfinished(r.messageId()), r.total(), r.finalAtOnce(), limit);
            // the engine stops first (the message in hand finishes, the untried go back): the counts below are final
            node.engine.close();
            node.queue.flush();
            System.out.println();
            Summary.print(System.out, node.queue.view().summary(r.messageId()), node.judge);
                Summary.temporary(System.out, node, r.messageId());
            Summary.inputFailures(System.out, node.queue.view().inputFailures(r.messageId(), 50));
            long unfinished = node.queue.view().unfinished(r.messageId());
            if (unfinished == 0) {
                node.judgeFinished(System.out);
            }
            if (unfinished > 0) {
                System.out.println(unfinished + " deliveries are not final yet; 'homing run' goes on with them.");
            }
            return 0;
        }
    }

    /** Beside the node that delivers from this home: queued into the database they share; that node sends, this follows. */
    private int beside(String content, Duration limit) throws IOException {
        try (dev.homing.store.Database db = home.database(); Node.Beside beside = home.beside(db, null)) {
            Submission.Result r;
            try (InputStream in = open(recipients)) {
                r = Submission.submit(beside.queue(), new dev.homing.list.Suppressions(db), from, message.getFileName().toString(), content,
                        recipients.toString(), in, System.err);
            }
            System.out.printf("queued %d deliveries (%d invalid addresses recorded as bounced, %d suppressed addresses recorded as"
                    + " suppressed, %d duplicates and %d unreadable rows skipped); the node delivering from %s sends them%n", r.queued(),
                    r.invalid(), r.suppressed(), r.duplicates(), r.unreadable(), home.home());
            if (noWait) {
                return 0;
            }
            Waiting.besideThenSummary(beside.queue().view(), r.messageId(), limit);
            return 0;
        }
    }

    static void report(Node node) {
        String helo = node.config.engine().client().helo();
        dev.homing.smtp.HeloName.problem(helo).ifPresent(w -> System.err.println("warning: " + w
                + "; set helo = the sending host's name (the PTR of its IP) in homing.properties"));
        if (!node.recovery.clean()) {
            System.err.printf("recovered from an unclean stop: %d outcomes replayed from the journal, %d uncertain (147, not resent), %d queued again%n",
                    node.recovery.settledFromJournal(), node.recovery.uncertain(), node.recovery.requeued());
        }
    }

    static String readText(Path file, String what) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("the " + what + " " + file + " does not exist");
        } catch (MalformedInputException e) {
            throw new IOException("the " + what + " " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new IOException("cannot read the " + what + " " + file + ": " + e.getMessage());
        }
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the recipient file " + file + " does not exist");
        } catch (IOException e) {
            throw new IOException("cannot read the recipient file " + file + ": " + e.getMessage());
        }
    }
}
