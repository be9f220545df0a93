package dev.homing.cli;

import dev.homing.node.Node;
import dev.homing.node.Site;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code homing serve}: the delivery engine and the public pages (subscribe, confirm, unsubscribe, safelist steps). */
@Command(name = "serve", description = "Run the delivery engine and the public pages (subscribe form, confirmation, unsubscribe, safelist steps).")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (0: a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on.")
    String host;

    @Option(names = "--base-url", description = "Where people reach these pages, for links in mail. Default: public.url; one of"
            + " the two is required (links are never built from a request's Host header).")
    String baseUrl;

    @Option(names = "--from", defaultValue = "confirm@localhost", paramLabel = "ADDRESS", description = "Sender of confirmation and welcome mails.")
    String from;

    @Option(names = "--inbound-port", paramLabel = "PORT",
            description = "SMTP port of the bounce domain's inbound server (default: inbound.port, 2525; 25 in production; 0: a free one).")
    Integer inboundPort;

    @Option(names = "--no-inbound", description = "Do not run the inbound SMTP server (another node runs it).")
    boolean noInbound;

    @Option(names = "--dns", paramLabel = "HOST:PORT", description = "DNS server the web UI's domain checks ask (default: the system's).")
    String dns;

    @Option(names = "--node", paramLabel = "NAME", description = "Run as this node of a cluster on PostgreSQL (default: cluster.node).")
    String node;

    @Override
    public Integer call() throws Exception {
        home.node = this.node;
        // the ports first: a busy one is one clear line before the node opens anything
        int webPort = Ports.check(host, port, "--port");
        try (Node node = home.open()) {
            if (!noInbound) {
                int inbound = inboundPort != null ? inboundPort : node.config.sender().inboundPort();
                Ports.check(host, inbound, inboundPort != null ? "--inbound-port" : "inbound.port");
            }
            if (baseUrl == null && !node.config.sender().publicUrlGiven()) {
                throw new IllegalArgumentException("serve needs the address people reach its pages at, for the links in mail: set public.url"
                        + " in homing.properties or pass --base-url (links are never built from a request's Host header, which anyone can set)");
            }
            SendCommand.report(node);
            try (Site site = Site.start(node, new Site.Options(host, webPort, baseUrl, from, !noInbound, inboundPort, dns))) {
                // after the inbound server listens (the first DSNs of this run find it) and the webhook listener is set
                if (site.inbound != null) {
                    System.out.println("inbound SMTP for " + site.inbound.server.domain() + " (bounces, complaints, unsubscribes) on "
                            + host + ":" + site.inbound.port());
                }
                node.engine.start();
                System.out.println("sending: the engine started (HELO " + node.config.engine().client().helo() + ")");
                String base = baseUrl != null ? baseUrl : "http://" + host + ":" + site.port();
                System.out.println("serving on http://" + host + ":" + site.port() + " (web UI: http://" + host + ":" + site.port()
                        + "/ ; subscribe form: " + base + "/subscribe/LIST); Ctrl-C stops");
                while (true) {
                    Thread.sleep(60_000); // the site's finisher judges finished messages every second
                }
            }
        }
    }
}
