package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code homing sandbox}: run the simulated receiving servers alone, for rehearsals and other tools. */
@Command(name = "sandbox", description = "Run the sandbox: simulated receiving mail servers on 127.0.0.1 (see README).")
final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "Port of the simulated MX (0 = a free port).")
    int port;

    @Option(names = "--greylist", defaultValue = "2s", paramLabel = "DURATION", description = "Greylisting delay.")
    String greylist;

    @Option(names = "--late-bounce", defaultValue = "5s", paramLabel = "DURATION", description = "Delay before a late-bounce DSN.")
    String lateBounce;

    @Option(names = "--no-starttls", description = "Do not offer STARTTLS (benchmarks against servers without TLS).")
    boolean noStartTls;

    @Option(names = "--dsn-to", paramLabel = "HOST:PORT", description = "Deliver late-bounce DSNs to this SMTP server.")
    String dsnTo;

    @Override
    public Integer call() throws Exception {
        SandboxConfig c = SandboxConfig.defaults().withSmtpPort(port)
                .withGreylistDelay(Config.parseDuration("--greylist", greylist))
                .withLateBounceDelay(Config.parseDuration("--late-bounce", lateBounce))
                .withStartTls(!noStartTls);
        if (dsnTo != null) {
            var relay = dev.homing.delivery.Routes.none().add("x=" + dsnTo).find("x").orElseThrow().target();
            var target = new java.net.InetSocketAddress(relay.getHostString(), relay.getPort());
            c = c.withDsnRelay(domain -> target);
        }
        try (Sandbox sandbox = Sandbox.start(c)) {
            System.out.println("sandbox running; add these routes to homing.properties (or pass them as --route):");
            sandbox.routes().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                    System.out.println("route." + e.getKey() + " = " + e.getValue().getHostString() + ":" + e.getValue().getPort()));
            System.out.println("press Ctrl-C to stop");
            while (true) {
                Thread.sleep(Duration.ofMinutes(1));
                System.out.println(sandbox.stats());
            }
        }
    }
}
