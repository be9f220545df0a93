package dev.homing.cli;

import dev.homing.node.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code homing requeue --uncertain}: the operator accepts possible duplicates and resends. */
@Command(name = "requeue", description = "Put deliveries back in the queue.")
final class RequeueCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Option(names = "--uncertain", required = true,
            description = "Requeue deliveries caught after the dot (147/148/149). The recipient may get the message twice.")
    boolean uncertain;

    @Override
    public Integer call() {
        try (Node node = home.open()) {
            int n = node.queue.requeueUncertain();
            System.out.println("requeued " + n + " uncertain deliveries; 'homing run' sends them");
            return 0;
        }
    }
}
