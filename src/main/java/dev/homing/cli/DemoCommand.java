package dev.homing.cli;

import dev.homing.delivery.ClientSettings;
import dev.homing.delivery.EngineSettings;
import dev.homing.delivery.Routes;
import dev.homing.delivery.Timeouts;
import dev.homing.queue.RetrySchedule;
import dev.homing.sandbox.Behaviour;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code homing demo}: the sandbox, the embedded database and a campaign of about 1,000
 * recipients spread over every sandbox behaviour, with timeouts and retries compressed so the
 * whole story (greylisting cleared, throttling, mailbox full expiring, timeouts, uncertain) plays
 * out in under a minute.
 */
@Command(name = "demo", description = "Send a demo campaign to the sandbox, show progress and a report by state, reason and code.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--home", paramLabel = "DIR", description = "Homing's folder. Default: $HOMING_HOME, else the current folder.")
    Path home;

    @Option(names = "--once", description = "Exit when the report is printed (else the sandbox keeps running for late bounces).")
    boolean once;

    @Option(names = "--recipients", defaultValue = "1000", description = "About how many recipients.")
    int recipients;

    static final String FROM = "demo@bounces.homing.test";

    /** Share of the list per behaviour, in thousandths. */
    private static final Object[][] MIX = {
            {Behaviour.ACCEPT, 430}, {Behaviour.GREYLIST, 80}, {Behaviour.DEFER, 80}, {Behaviour.MAILBOXFULL, 50},
            {Behaviour.OVERQUOTA, 30}, {Behaviour.USERUNKNOWN, 80}, {Behaviour.BLOCKED, 50}, {Behaviour.LATEBOUNCE, 50},
            {Behaviour.BLACKHOLE, 50}, {Behaviour.CONNECT_TIMEOUT, 20}, {Behaviour.DIALOG_TIMEOUT, 20},
            {Behaviour.DOT_TIMEOUT, 20}, {Behaviour.REFUSED, 20}};

    static final String MESSAGE = """
            From: Homing Demo <demo@homing.test>
            To: {{name|Friend}} <{{email}}>
            Subject: Your November newsletter, {{name|friend}}
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Hello {{name|there}},

            this is the Homing demo campaign. Each recipient's domain or local part picks how the
            sandbox's simulated mail server answers: accept, greylist, throttle, mailbox full,
            user unknown, policy block, accept-then-bounce, silent drop, and three kinds of timeout.

            .a line starting with a dot, to show dot-stuffing
            --\s
            Homing
            """;

    @Override
    public Integer call() throws Exception {
        Path dir = home != null ? home : System.getenv("HOMING_HOME") != null ? Path.of(System.getenv("HOMING_HOME")) : Path.of(".");
        SandboxConfig sc = SandboxConfig.defaults().withGreylistDelay(Duration.ofSeconds(3)).withLateBounceDelay(Duration.ofSeconds(5))
                .withHangDuration(Duration.ofSeconds(30));
        try (Sandbox sandbox = Sandbox.start(sc)) {
            Config base = Config.load(dir);
            // compressed for a demo: short timeouts and retries, a maximum queue age of 25 s
            Timeouts t = Timeouts.all(Duration.ofSeconds(3));
            EngineSettings es = base.engine().withClient(new ClientSettings(base.engine().client().helo(), t, 100, Duration.ofSeconds(1)));
            RetrySchedule retry = new RetrySchedule(List.of(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5)), 0.2,
                    Duration.ofSeconds(25));
            Routes routes = Routes.none().addAll(sandbox.routes());
            try (Node node = Node.open(dir, base.with(es, retry), routes, false)) {
                SendCommand.report(node);
                String list = recipientList(recipients);
                Submission.Result r = Submission.submit(node.queue, node.suppressions, FROM, "demo", MESSAGE, "demo-list", new java.io.ByteArrayInputStream(list.getBytes(java.nio.charset.StandardCharsets.UTF_8)), System.err);
                System.out.printf("demo campaign: %d recipients over %d sandbox behaviours (sandbox at %s)%n",
                        r.total(), MIX.length, sandbox.smtpAddress());
                node.engine.start();
                Waiting.untilFinal(node, () -> node.queue.unfinished(r.messageId()), r.total(), r.finalAtOnce(), Duration.ofMinutes(5));
                node.queue.flush();
                System.out.println();
                Summary.print(System.out, node.queue.summary(r.messageId()), node.judge);
                System.out.println();
                node.judgeFinished(System.out);
                System.out.println("A 250 means the receiving server accepted the message, not that it reached the inbox:");
                System.out.println("the blackhole domain accepted and silently dropped its mail, and the late-bounce domain accepted");
                System.out.printf("and then generated %d bounce reports (DSNs) for %s. Turning those into bounced states is%n",
                        sandbox.stats().dsnsGenerated(), FROM);
                System.out.println("the job of the inbound stage, which comes next; until then they are counted by the sandbox.");
                if (once) {
                    return 0;
                }
                System.out.println("The sandbox keeps running so late bounces arrive; press Ctrl-C to stop.");
                while (true) {
                    Thread.sleep(Duration.ofSeconds(30));
                }
            }
        }
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
