package dev.homing.cli;

import dev.homing.node.Node;
import dev.homing.node.InboundService;
import dev.homing.inbound.Inbox;
import dev.homing.inbound.InboxEntry;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code homing inbound}: the bounce domain's SMTP server alone; and the operator's view of what it received. */
@Command(name = "inbound", description = "Run the bounce domain's SMTP server alone (bounces, complaints, mailto: unsubscribe), "
        + "storing each message before its 250 and reading it after; or list what was received.",
        subcommands = {InboundCommand.Ls.class, InboundCommand.Show.class, InboundCommand.Retry.class})
final class InboundCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;
    @Option(names = "--port", paramLabel = "PORT", description = "SMTP port (default: inbound.port, 2525; 0: a free one).")
    Integer port;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on.")
    String host;

    @Override
    public Integer call() throws Exception {
        try (Node node = home.open(); InboundService inbound = InboundService.start(node, host, port != null ? port : node.config.sender().inboundPort())) {
            System.out.println("inbound SMTP for " + inbound.server.domain() + " on " + host + ":" + inbound.port() + "; Ctrl-C stops");
            while (true) {
                Thread.sleep(60_000);
            }
        }
    }

    @Command(name = "ls", description = "Received messages: counts, and the newest with a status (unparsed and unmatched need a look).")
    static final class Ls implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Option(names = "--status", paramLabel = "STATUS", description = "received, processed, unparsed, unmatched or ignored.")
        String status;
        @Option(names = "--limit", defaultValue = "50")
        int limit;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                Inbox inbox = new Inbox(db);
                if (status == null) {
                    Map<String, Long> counts = inbox.counts();
                    if (counts.isEmpty()) {
                        System.out.println("nothing received yet");
                    }
                    counts.forEach((k, v) -> System.out.printf("%8d  %s%n", v, k));
                    return 0;
                }
                Inbox.Status s;
                try {
                    s = Inbox.Status.valueOf(status.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--status " + status + ": one of received, processed, unparsed, unmatched, ignored");
                }
                for (InboxEntry e : inbox.list(s, limit)) {
                    System.out.printf("%d  %s  from <%s> to %s  %d bytes  %s%s  %s%n", e.id(), e.at(), e.mailFrom() == null ? "" : e.mailFrom(),
                            e.rcptTo(), e.size(), e.kind() == null ? "-" : e.kind(), e.deliveryId() == null ? "" : " delivery " + e.deliveryId(),
                            e.detail() == null ? "" : e.detail());
                }
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Print one received message as stored (RFC 5322 on standard output).")
    static final class Show implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() throws Exception {
            try (Database db = home.database()) {
                if (!new Inbox(db).copy(id, System.out)) {
                    throw new IllegalArgumentException("no received message " + id);
                }
                System.out.flush();
                return 0;
            }
        }
    }

    @Command(name = "retry", description = "Read unparsed and unmatched messages again (after an upgrade or once their campaign is known).")
    static final class Retry implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            try (Node node = home.open()) {
                int n = new Inbox(node.db).retry();
                dev.homing.inbound.Mailroom.Pass p = new dev.homing.inbound.Mailroom(new Inbox(node.db), node.queue,
                        Node.verp(node.home, node.config), node.rules, node.suppressions).drain();
                System.out.printf("%d messages read again: %d bounce reports, %d complaints, %d deliveries re-judged, %d unmatched, %d unparsed%n",
                        n, p.bounces(), p.complaints(), p.rejudged(), p.unmatched(), p.unparsed());
                return 0;
            }
        }
    }

}
