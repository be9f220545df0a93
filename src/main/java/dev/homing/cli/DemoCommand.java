package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.Site;
import dev.homing.node.InboundService;
import dev.homing.delivery.ClientSettings;
import dev.homing.delivery.EngineSettings;
import dev.homing.delivery.Routes;
import dev.homing.delivery.Timeouts;
import dev.homing.queue.RetrySchedule;
import dev.homing.sandbox.Behaviour;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Launch;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.PreflightReport;
import dev.homing.list.ImportReport;
import dev.homing.list.Importer;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code homing demo}: the sandbox, the embedded database, a list of about 1,000 recipients spread
 * over every sandbox behaviour and a DKIM-signed campaign to it (pre-flight report first), with timeouts and retries compressed so the
 * whole story (greylisting cleared, throttling, mailbox full expiring, timeouts, uncertain) plays
 * out in under a minute.
 */
@Command(name = "demo", description = "Send a demo campaign to the sandbox, show progress and a report by state, reason and code.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR", description = "Homing's folder. Default: $HOMING_HOME, else the current folder.")
    Path home;

    @Option(names = "--once", description = "Exit when the report is printed (else the web UI, the sandbox and the inbound server keep running).")
    boolean once;

    @Option(names = "--port", defaultValue = "8080", description = "Port of the web UI left running after the report (0: a free one).")
    int port;

    @Option(names = "--recipients", defaultValue = "1000", description = "About how many recipients.")
    int recipients;

    static final String DEMO_DOMAIN = "homing.test";

    /** Share of the list per behaviour, in thousandths. */
    private static final Object[][] MIX = {
            {Behaviour.ACCEPT, 430}, {Behaviour.GREYLIST, 80}, {Behaviour.DEFER, 80}, {Behaviour.MAILBOXFULL, 50},
            {Behaviour.OVERQUOTA, 30}, {Behaviour.USERUNKNOWN, 80}, {Behaviour.BLOCKED, 50}, {Behaviour.LATEBOUNCE, 50},
            {Behaviour.BLACKHOLE, 50}, {Behaviour.CONNECT_TIMEOUT, 20}, {Behaviour.DIALOG_TIMEOUT, 20},
            {Behaviour.DOT_TIMEOUT, 20}, {Behaviour.REFUSED, 20}};

    static final String SUBJECT = "Your November newsletter, {{name|friend}}";

    static final String HTML = """
            <html><body>
            <h1>Hello {{name|there}},</h1>
            <p>this is the Homing demo campaign. Each recipient's domain or local part picks how the sandbox's
            simulated mail server answers: accept, greylist, throttle, mailbox full, user unknown, policy block,
            accept-then-bounce, silent drop, and three kinds of timeout.</p>
            <ul><li>Built per recipient: multipart text and HTML, signed with DKIM</li>
            <li>Sent from a VERP return path that names the delivery</li></ul>
            <p>Read more on <a href="https://homing.test/demo">the demo page</a>.</p>
            <p>You receive this because you are on the demo list. <a href="{{unsubscribe_url}}">Unsubscribe</a> in one click.<br>
            Homing Demo Ltd, 12 Rue de la Paix, 75002 Paris, France</p>
            </body></html>
            """;

    @Override
    public Integer call() throws Exception {
        Path dir = home != null ? home : System.getenv("HOMING_HOME") != null ? Path.of(System.getenv("HOMING_HOME")) : Path.of(".");
        SandboxConfig sc = SandboxConfig.defaults().withGreylistDelay(Duration.ofSeconds(3)).withLateBounceDelay(Duration.ofSeconds(5))
                .withHangDuration(Duration.ofSeconds(30));
        // the web UI's port is checked before any work (a busy port is one line, not a stack trace after the campaign), and the
        // links in the demo's mail name it unless public.url says otherwise
        int webPort = once ? port : Ports.check("127.0.0.1", port, "--port");
        Config base = Config.load(dir).withBoundUrl("http://127.0.0.1:" + webPort);
        // compressed for a demo: short timeouts and retries, a maximum queue age of 25 s
        Timeouts t = Timeouts.all(Duration.ofSeconds(3));
        EngineSettings es = base.engine().withClient(new ClientSettings(base.engine().client().helo(), t, 100, Duration.ofSeconds(1)));
        RetrySchedule retry = new RetrySchedule(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)), 0.2,
                Duration.ofSeconds(25));
        try (Node node = Node.open(dir, base.with(es, retry), Routes.none(), false);
             InboundService inbound = InboundService.start(node, "127.0.0.1", 0);
             // the sandbox's late bounces go to our inbound server, as a real provider's would go to the bounce domain's MX
             Sandbox sandbox = Sandbox.start(sc.withDsnRelayTo(new java.net.InetSocketAddress("127.0.0.1", inbound.port())))) {
            {
                sandbox.routes().forEach((domain, address) -> node.resolver.routes().add(domain, address));
                SendCommand.report(node);
                Campaign c = campaign(node, dir);
                // the demo sends as 'campaign send --override' would: the report printed, the override recorded with its findings
                Launch launch = node.launch(null);
                PreflightReport pre = launch.preflight(c);
                System.out.print(pre.text());
                if (pre.hasBlocking()) {
                    System.out.println("the demo sends anyway (override recorded): only the sandbox receives it");
                }
                CampaignSender.Expansion e = switch (launch.send(c, "the sandbox receives it", "the demo")) {
                    case Launch.Sent.Queued q -> q.expansion();
                    case Launch.Sent.Blocked b -> throw new IllegalStateException("the demo campaign was blocked: " + b.report().blockingText());
                    case Launch.Sent.Refused r -> throw new IllegalStateException(r.why());
                };
                long messageId = e.campaign().messageId();
                long total = e.queued() + e.suppressed();
                System.out.printf("%ndemo campaign \"%s\": %d deliveries over %d sandbox behaviours, %d suppressed members skipped (sandbox at %s)%n",
                        c.name(), e.queued(), MIX.length, e.suppressed(), sandbox.smtpAddress());
                node.engine.start();
                Waiting.untilFinal(node, () -> node.queue.view().unfinished(messageId), total, e.suppressed(), Duration.ofMinutes(5));
                // the late-bounce domain accepted with 250 and sends its DSNs a few seconds later: wait for them
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                long lateBounced = 0;
                while (System.nanoTime() < deadline) {
                    var st = sandbox.stats();
                    if (st.dsnsSent() + st.dsnsFailed() >= st.dsnsGenerated() && new dev.homing.inbound.Inbox(node.db).pending(1).isEmpty()) {
                        inbound.mailroom.drain();
                        break;
                    }
                    Thread.sleep(200);
                }
                for (var r : node.queue.view().deliveries(messageId)) {
                    if (r.stage() == dev.homing.smtp.Stage.AFTER && r.state() == dev.homing.queue.DeliveryState.BOUNCED) {
                        lateBounced++;
                    }
                }
                node.queue.flush();
                System.out.println();
                Summary.print(System.out, node.queue.view().summary(messageId), node.judge);
                Summary.temporary(System.out, node, messageId);
                System.out.println();
                node.judgeFinished(System.out);
                System.out.println("A 250 means the receiving server accepted the message, not that it reached the inbox:");
                System.out.println("the blackhole domain accepted and silently dropped its mail, and the late-bounce domain accepted");
                System.out.printf("and then sent %d bounce reports (DSNs) to the campaign's VERP return paths. Homing's inbound server%n",
                        sandbox.stats().dsnsSent());
                System.out.printf("stored them, matched each to its delivery and re-judged %d delivered copies as bounced (above).%n", lateBounced);
                System.out.println("See one subscriber's exact copy: ./homing campaign preview " + c.name() + " --to " + firstAccepted()
                        + (dir.equals(Path.of(".")) ? "" : " --home " + dir));
                if (once) {
                    return 0;
                }
                try (Site site = Site.start(node, new Site.Options("127.0.0.1", webPort, null, "confirm@" + DEMO_DOMAIN, false, null, null))) {
                    System.out.println();
                    System.out.println("Web UI: http://127.0.0.1:" + site.port() + "/ ; this campaign's report with its charts: http://127.0.0.1:"
                            + site.port() + "/campaigns/" + c.name());
                    System.out.println("The web UI, the sandbox and the inbound server keep running; press Ctrl-C to stop.");
                    while (true) {
                        Thread.sleep(Duration.ofSeconds(30));
                    }
                }
            }
        }
    }

    /** The demo list (made once, imported again each run: new members are added) and a new campaign to it, with a DKIM key. */
    private Campaign campaign(Node node, Path dir) throws java.io.IOException {
        Lists lists = new Lists(node.db);
        MailingList list = lists.find("demo").orElseGet(() -> lists.create("demo", "Homing demo list"));
        java.io.StringWriter rejects = new java.io.StringWriter();
        ImportReport ir = new Importer(lists, list, "demo (generated list)").run(
                new java.io.ByteArrayInputStream(recipientList(recipients).getBytes(java.nio.charset.StandardCharsets.UTF_8)), "demo-list.csv",
                rejects, p -> { });
        System.out.printf("list \"demo\": %d rows imported (%d added), %d rejected at import (invalid addresses, never queued)%n",
                ir.rows(), ir.added(), ir.rejected());
        String selector = node.config.sender().dkimSelector();
        if (DkimKey.saved(dir, DEMO_DOMAIN, selector).isEmpty()) {
            DkimKey key = DkimKey.generate(DEMO_DOMAIN, selector, DkimAlgorithm.RSA_SHA256, 2048);
            key.save(dir);
            System.out.println("made a DKIM key for " + DEMO_DOMAIN + "; in real DNS it would be published as: " + key.dnsRecord());
        }
        String name = "demo-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        return new Campaigns(node.db).create(new Campaigns.Draft(name, list.id(), "demo@" + DEMO_DOMAIN, "Homing Demo", null, SUBJECT, HTML,
                null, null));
    }

    static String firstAccepted() {
        return "user0@d0." + Behaviour.ACCEPT.domain();
    }

    /** An address list spread over every behaviour, plus invalid addresses and a domain that does not exist. */
    static String recipientList(int n) {
        StringBuilder sb = new StringBuilder("email,name\n");
        List<String> names = List.of("Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances");
        int k = 0;
        for (Object[] m : MIX) {
            Behaviour b = (Behaviour) m[0];
            int count = Math.max(1, n * (Integer) m[1] / 1000);
            for (int i = 0; i < count; i++, k++) {
                String domain = b == Behaviour.ACCEPT ? "d" + (i % 20) + "." + b.domain() : b.domain();
                sb.append("user").append(k).append('@').append(domain).append(',').append(names.get(k % names.size())).append('\n');
            }
        }
        List<String> odd = new ArrayList<>();
        for (int i = 0; i < Math.max(1, n / 100); i++) {
            odd.add("broken" + i + "@@example..com,Nobody");
            odd.add("user" + i + "@no-such-domain.invalid,Nobody");
        }
        odd.forEach(s -> sb.append(s).append('\n'));
        return sb.toString();
    }
}
