package dev.homing.cli;

import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.provider.ProviderDetector;
import dev.homing.web.PublicPages;
import dev.homing.webhook.Events;
import dev.homing.webhook.Outbox;
import dev.homing.webhook.Sender;
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

    @Option(names = "--base-url", description = "Where people reach these pages, for links in mail. Default: the address a request came to.")
    String baseUrl;

    @Option(names = "--from", defaultValue = "confirm@localhost", paramLabel = "ADDRESS", description = "Sender of confirmation and welcome mails.")
    String from;

    @Option(names = "--inbound-port", paramLabel = "PORT",
            description = "SMTP port of the bounce domain's inbound server (default: inbound.port, 2525; 25 in production; 0: a free one).")
    Integer inboundPort;

    @Option(names = "--no-inbound", description = "Do not run the inbound SMTP server (another node runs it).")
    boolean noInbound;

    @Override
    public Integer call() throws Exception {
        try (Node node = home.open()) {
            SendCommand.report(node);
            // webhooks out: listeners only queue in memory; the outbox writes and the sender posts on their own threads
            Outbox outbox = new Outbox(node.db);
            Sender webhookSender = new Sender(node.db);
            outbox.onWritten(webhookSender::wake);
            Events events = new Events(outbox);
            node.engine.onSettled(events::settled);
            outbox.start();
            webhookSender.start();
            node.engine.start();
            Lists lists = new Lists(node.db);
            Subscriptions subscriptions = new Subscriptions(node.db, new Tokens(node.db, InstallSecret.load(node.home)));
            subscriptions.onUnsubscribe(events::unsubscribed);
            String base = baseUrl;
            // the subscriber's mailbox provider, for the safelist steps in opt-in mails and on /safelist
            ProviderDetector providers = home.noDns ? ProviderDetector.offline() : new ProviderDetector(Node.systemDns());
            QueueMailer mailer = new QueueMailer(node.queue, from, providers, node.config.sender().ips());
            dev.homing.web.Metrics metrics = new dev.homing.web.Metrics(node.queue, node.engine, new dev.homing.inbound.Inbox(node.db));
            try (outbox; webhookSender;
                 PublicPages pages = PublicPages.start(host, port, baseUrl, lists, subscriptions, mailer, providers, metrics::scrape,
                         new dev.homing.api.Api(node.db, providers));
                 InboundService inbound = noInbound ? null
                         : InboundService.start(node, host, inboundPort != null ? inboundPort : node.config.sender().inboundPort(), subscriptions)) {
                if (inbound != null) {
                    inbound.mailroom.onLate(events::late);
                    System.out.println("inbound SMTP for " + inbound.server.domain() + " (bounces, complaints, unsubscribes) on "
                            + host + ":" + inbound.port());
                }
                if (base == null) {
                    base = "http://" + host + ":" + pages.port();
                }
                System.out.println("serving on http://" + host + ":" + pages.port() + " (subscribe form: " + base + "/subscribe/LIST); Ctrl-C stops");
                while (true) {
                    Thread.sleep(60_000);
                    node.judgeFinished(System.out);
                }
            }
        }
    }
}
