package dev.homing.node;

import dev.homing.api.Api;
import dev.homing.api.Wiring;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.Subscriptions;
import dev.homing.provider.ProviderDetector;
import dev.homing.web.Console;
import dev.homing.web.Metrics;
import dev.homing.http.Server;
import dev.homing.web.PublicPages;

import java.util.List;
import dev.homing.webhook.Events;
import dev.homing.webhook.Outbox;
import dev.homing.webhook.Sender;

import java.io.IOException;

/**
 * Everything a node serves beside its engine: webhooks out, the public pages, the web UI, the REST API,
 * {@code /metrics} and, unless another node runs it, the inbound SMTP server. {@code serve} and {@code demo} run it.
 */
public final class Site implements AutoCloseable {
    /**
     * @param baseUrl     where people reach the public pages, for links in mail; null: public.url (or the bound address)
     * @param from        sender of confirmation and welcome mails
     * @param inbound     run the inbound SMTP server
     * @param inboundPort its port; null: inbound.port of the configuration
     * @param dns         HOST:PORT of the DNS server the web UI's domain checks ask; null: the system's
     */
    public record Options(String host, int port, String baseUrl, String from, boolean inbound, Integer inboundPort, String dns) {
    }

    /** How often sending campaigns whose deliveries are all final are marked sent. */
    private static final java.time.Duration FINISH_EVERY = java.time.Duration.ofSeconds(1);

    public final Subscriptions subscriptions;
    public final Server pages;
    public final InboundService inbound;
    private final Outbox outbox;
    private final Sender webhookSender;
    private final Thread finisher;

    private Site(Subscriptions subscriptions, Server pages, InboundService inbound, Outbox outbox, Sender webhookSender, Thread finisher) {
        this.subscriptions = subscriptions;
        this.pages = pages;
        this.inbound = inbound;
        this.outbox = outbox;
        this.webhookSender = webhookSender;
        this.finisher = finisher;
    }

    /**
     * Campaigns sent from the web UI or the API have no command waiting for them: this marks each one sent
     * once none of its deliveries waits any more, and judges suppression for every finished message, as 'campaign send'
     * does at its end.
     */
    private static Thread finisher(Node node) {
        dev.homing.campaign.Campaigns campaigns = new dev.homing.campaign.Campaigns(node.db);
        dev.homing.campaign.CampaignSender sender = node.sender();
        return Thread.ofPlatform().daemon().name("campaign-finisher").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(FINISH_EVERY);
                    for (dev.homing.campaign.Campaign c : campaigns.all()) {
                        if (c.state() == dev.homing.campaign.CampaignState.SENDING && c.messageId() != null) {
                            sender.settle(c);
                        }
                    }
                    // suppression judged as soon as a message sent from the web UI or the API is final, not by a slow sweep
                    node.judgeFinished(System.out);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    org.slf4j.LoggerFactory.getLogger(Site.class).warn("marking finished campaigns sent: {}", e.getMessage(), e);
                }
            }
        });
    }

    public static Site start(Node node, Options given) throws IOException {
        // links in mail come from the configured public URL, never from a request's Host header (which anyone can set)
        Config.Sender identity = node.config.sender();
        // (public.url, else the address the node bound: Config.withBoundUrl; never null, the API refuses to guess)
        Options o = given.baseUrl() != null ? given
                : new Options(given.host(), given.port(), identity.publicUrl(), given.from(), given.inbound(), given.inboundPort(), given.dns());
        // webhooks out: listeners only queue in memory; the outbox writes and the sender posts on their own threads
        Outbox outbox = new Outbox(node.db);
        Sender webhookSender = new Sender(node.db, InstallSecret.load(node.home),
                Sender.Settings.defaults().allowingPrivateTargets(node.config.guards().webhookPrivateTargets()));
        outbox.onWritten(webhookSender::wake);
        Events events = new Events(outbox);
        node.engine.onSettled(events::settled);
        outbox.start();
        webhookSender.start();
        Lists lists = new Lists(node.db);
        // the node's one instance: the webhooks hear an unsubscribe from any face
        Subscriptions subscriptions = node.subscriptions;
        subscriptions.onUnsubscribe(events::unsubscribed);
        // the subscriber's mailbox provider, for the safelist steps in opt-in mails and on /safelist
        ProviderDetector providers = node.providers;
        QueueMailer mailer = new QueueMailer(node.queue, o.from(), providers, node.config.sender().ips());
        // the application layer built once, for the web UI and the API alike
        dev.homing.campaign.Launch launch = node.launch(o.dns());
        dev.homing.campaign.Transactional transactional = node.transactional();
        Console console = WebConsole.start(node, launch, transactional, subscriptions, providers, outbox);
        Metrics metrics = new Metrics(node.queue, node.engine, new dev.homing.inbound.Inbox(node.db));
        Server pages = null;
        InboundService inbound = null;
        try {
            // one HTTP server, the faces side by side: the subscriber's pages, /metrics, the REST API, the web UI
            PublicPages publicPages = new PublicPages(o.baseUrl(), lists, subscriptions, mailer, providers);
            pages = Server.start(o.host(), o.port(), List.of(publicPages::register,
                    Metrics.route(metrics::scrape, node.config.guards().metricsToken()),
                    api(node, launch, transactional, mailer, o.baseUrl())::register, console::register));
            publicPages.bound(o.host(), pages.port());
            if (o.inbound()) {
                inbound = InboundService.start(node, o.host(), o.inboundPort() != null ? o.inboundPort() : node.config.sender().inboundPort(),
                        subscriptions);
                inbound.mailroom.onLate(events::late);
            }
            return new Site(subscriptions, pages, inbound, outbox, webhookSender, finisher(node));
        } catch (IOException | RuntimeException e) {
            if (pages != null) {
                pages.close();
            }
            outbox.close();
            webhookSender.close();
            throw e;
        }
    }

    /** The REST API on the node's own services: the campaign workflow and the domain check the CLI and the web UI call. */
    public static Api api(Node node, String dns, QueueMailer mailer, String baseUrl) {
        return api(node, node.launch(dns), node.transactional(), mailer, baseUrl);
    }

    private static Api api(Node node, dev.homing.campaign.Launch launch, dev.homing.campaign.Transactional transactional,
                           QueueMailer mailer, String baseUrl) {
        return new Api(new Wiring(node.db, node.providers, node.subscriptions, mailer, baseUrl, node.queue, launch, transactional));
    }

    public int port() {
        return pages.port();
    }

    @Override
    public void close() {
        finisher.interrupt();
        if (inbound != null) {
            inbound.close();
        }
        pages.close();
        outbox.close();
        webhookSender.close();
    }
}
