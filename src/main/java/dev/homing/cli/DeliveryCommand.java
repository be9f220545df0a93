package dev.homing.cli;

import dev.homing.report.DeliveryFacts;
import dev.homing.report.Diagnosis;
import dev.homing.report.Reports;
import dev.homing.report.Timeline;
import dev.homing.report.Times;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code homing delivery ID} or {@code homing delivery --to ADDRESS [--campaign NAME]}: one delivery's timeline and diagnosis. */
@Command(name = "delivery", description = "One delivery: every attempt (time, MX, stage, reply, duration), every bounce or complaint "
        + "that came back later, what it means and what to do. Exit code 3 when there is no such delivery.")
final class DeliveryCommand implements Callable<Integer> {
    static final int NOT_FOUND = 3;

    @Mixin
    HomeOptions home;
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The delivery's number.")
    Long id;
    @Option(names = "--to", paramLabel = "ADDRESS", description = "The latest delivery to this address.")
    String to;
    @Option(names = "--transcript", description = "Also print each attempt's SMTP transcript: both sides of the dialogue, TLS, the message.")
    boolean transcript;
    @Option(names = "--campaign", paramLabel = "NAME", description = "With --to: the delivery of this campaign.")
    String campaign;

    @Override
    public Integer call() {
        if ((id == null) == (to == null)) {
            throw new IllegalArgumentException("give a delivery ID or --to ADDRESS (not both)");
        }
        if (campaign != null && to == null) {
            throw new IllegalArgumentException("--campaign goes with --to ADDRESS");
        }
        try (Database db = home.database()) {
            Reports reports = new Reports(db, ReportCommand.detector(home));
            List<Long> others = List.of();
            long wanted;
            if (id != null) {
                wanted = id;
            } else {
                List<Long> found = reports.deliveriesTo(to, campaign);
                if (found.isEmpty()) {
                    System.err.println("homing: no delivery to " + to + (campaign == null ? "" : " in campaign \"" + campaign + "\""));
                    return NOT_FOUND;
                }
                wanted = found.getFirst();
                others = found.subList(1, found.size());
            }
            var timeline = reports.timeline(wanted);
            if (timeline.isEmpty()) {
                System.err.println("homing: no delivery " + wanted);
                return NOT_FOUND;
            }
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            print(out, timeline.get());
            if (transcript) {
                for (Timeline.Step s : timeline.get().steps()) {
                    if (s instanceof Timeline.AttemptStep a) {
                        out.println();
                        out.println("Attempt " + a.number() + ":");
                        out.println(a.transcript().isEmpty() ? "  (no transcript kept)" : a.transcript());
                    }
                }
            }
            if (!others.isEmpty()) {
                out.println();
                out.println("Earlier deliveries to this address: " + String.join(", ", others.stream().map(String::valueOf).toList())
                        + " ('homing delivery ID' shows one).");
            }
            out.flush();
            return 0;
        }
    }

    static void print(PrintStream out, Timeline t) {
        DeliveryFacts f = t.delivery();
        Diagnosis d = t.diagnosis();
        out.println("delivery " + f.id() + " to " + f.recipient() + (f.campaign() == null ? " (message " + f.messageId() + ")"
                : " (campaign \"" + f.campaign() + "\")"));
        out.println("state:       " + f.state().label() + ", after " + f.attempts() + " attempt" + (f.attempts() == 1 ? "" : "s"));
        out.println("outcome:     " + d.outcome().label() + (d.reason() == null ? "" : " (" + d.reason().label() + ")"));
        out.println("provider:    " + d.providerName());
        out.println("verdict:     " + d.verdict());
        out.println("responsible: " + d.responsibleText());
        out.println("next:        " + d.action().advice());
        if (d.action() instanceof dev.homing.report.Action.RepairReputation r) {
            for (String step : r.steps()) {
                out.println("             " + step);
            }
        }
        out.println();
        if (t.steps().isEmpty()) {
            out.println("No attempt yet.");
            return;
        }
        out.println("Timeline:");
        for (Timeline.Step s : t.steps()) {
            switch (s) {
                case Timeline.AttemptStep a -> out.println("  " + Times.show(a.at()) + "  attempt " + a.number() + "  "
                        + (a.mxHost() == null ? (dev.homing.smtp.InternalCode.of(a.code()).filter(dev.homing.smtp.InternalCode::uncertain).isPresent()
                        ? "MX not recorded" : "no MX reached") : a.mxHost() + (a.mxIp() == null ? "" : " [" + a.mxIp() + "]"))
                        + "  " + a.stage() + "  " + a.code() + (a.enhanced() == null || a.code() < 200 ? "" : " " + a.enhanced())
                        + "  " + a.durationMs() + " ms" + (a.connectMs() == null ? "" : " (connect " + a.connectMs() + " ms)")
                        + "  " + a.disposition() + (a.excerpt().isEmpty() ? "" : "\n      \"" + a.excerpt() + "\""));
                case Timeline.EventStep e -> out.println("  " + Times.show(e.at()) + "  " + e.kind() + " (came back by mail)  "
                        + (e.code() == null ? "" : e.code() + " ") + (e.status() == null ? "" : e.status() + " ")
                        + (e.reason() == null ? "" : e.reason() + "  ") + e.before() + " -> " + e.after()
                        + (e.excerpt().isEmpty() ? "" : "\n      \"" + e.excerpt() + "\""));
            }
        }
    }
}
