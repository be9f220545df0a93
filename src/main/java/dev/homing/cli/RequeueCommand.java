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
        Node opened;
        try {
            opened = home.open();
        } catch (dev.homing.queue.JournalInUse e) {
            // a node delivers from this home: the rows go back on the work list its engine claims from
            try (dev.homing.store.Database db = home.database();
                 dev.homing.queue.Queue queue = dev.homing.queue.Queue.submitting(db, dev.homing.node.Config.load(home.home()).retry())) {
                int n = queue.requeueUncertain();
                System.out.println("requeued " + n + " uncertain deliveries; the node delivering from " + home.home() + " sends them");
                return 0;
            }
        }
        try (Node node = opened) {
            int n = node.queue.requeueUncertain();
            System.out.println("requeued " + n + " uncertain deliveries; 'homing run' sends them");
            return 0;
        }
    }
}
