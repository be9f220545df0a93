package dev.homing.cli;

import dev.homing.queue.DeliveryState;
import dev.homing.queue.StateCount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code homing status}: the queue per state and per destination, and the nodes of a cluster with what each last said. */
@Command(name = "status", description = "Show the queue: deliveries per state, and per destination domain.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Option(names = "--top", defaultValue = "50", description = "Destinations to list (most unfinished first).")
    int top;

    @Override
    public Integer call() {
        // the database alone, read only: status works beside the node that delivers (and recovers) from this home
        try (dev.homing.store.Database db = home.database()) {
            dev.homing.queue.QueueView view = dev.homing.queue.QueueView.of(db);
            Map<DeliveryState, Long> all = view.countByState();
            System.out.print("queue:");
            for (DeliveryState s : DeliveryState.values()) {
                System.out.print("  " + s.label() + " " + all.getOrDefault(s, 0L));
            }
            System.out.println();
            Map<String, Map<DeliveryState, Long>> byDomain = new LinkedHashMap<>();
            for (StateCount c : view.countByDomain()) {
                byDomain.computeIfAbsent(c.domain(), k -> new EnumMap<>(DeliveryState.class)).put(c.state(), c.count());
            }
            List<Map.Entry<String, Map<DeliveryState, Long>>> rows = byDomain.entrySet().stream()
                    .sorted((a, b) -> Long.compare(unfinished(b.getValue()), unfinished(a.getValue())))
                    .limit(top).toList();
            System.out.printf("%-40s %8s %8s %8s %9s %8s %8s %9s%n", "destination", "queued", "sending", "deferred",
                    "delivered", "bounced", "expired", "uncertain");
            for (var e : rows) {
                Map<DeliveryState, Long> m = e.getValue();
                System.out.printf("%-40s %8d %8d %8d %9d %8d %8d %9d%n", e.getKey(), m.getOrDefault(DeliveryState.QUEUED, 0L),
                        m.getOrDefault(DeliveryState.SENDING, 0L), m.getOrDefault(DeliveryState.DEFERRED, 0L),
                        m.getOrDefault(DeliveryState.DELIVERED, 0L), m.getOrDefault(DeliveryState.BOUNCED, 0L),
                        m.getOrDefault(DeliveryState.EXPIRED, 0L), m.getOrDefault(DeliveryState.UNCERTAIN, 0L));
            }
            if (byDomain.size() > rows.size()) {
                System.out.println("... and " + (byDomain.size() - rows.size()) + " more destinations");
            }
            List<dev.homing.delivery.Learned> learned = new dev.homing.delivery.ThrottleRecord(db).read();
            if (!learned.isEmpty()) {
                System.out.println("receivers that asked us to slow down (what the throttle learned):");
                for (dev.homing.delivery.Learned l : learned) {
                    System.out.printf("  %-38s %s%n", l.service(), dev.homing.delivery.ThrottleRecord.describe(l));
                }
            }
            for (dev.homing.cluster.Cluster.Member m : dev.homing.cluster.Cluster.members(db)) {
                long ago = java.time.Duration.between(m.heartbeat(), java.time.Instant.now()).toMillis();
                System.out.printf("node %-20s %3d shards leased  heartbeat %.1f s ago  %s%n", m.node(), m.shards(), ago / 1000.0, m.status());
            }
            return 0;
        }
    }

    private static long unfinished(Map<DeliveryState, Long> m) {
        return m.getOrDefault(DeliveryState.QUEUED, 0L) + m.getOrDefault(DeliveryState.SENDING, 0L)
                + m.getOrDefault(DeliveryState.DEFERRED, 0L);
    }
}
