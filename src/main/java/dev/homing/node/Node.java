package dev.homing.node;

import dev.homing.dns.Dns;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.Launch;
import dev.homing.delivery.Engine;
import dev.homing.delivery.TlsPolicy;
import dev.homing.list.Hygiene;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.delivery.MxResolver;
import dev.homing.delivery.Routes;
import dev.homing.outcome.Judge;
import dev.homing.queue.Queue;
import dev.homing.queue.RecoveryReport;
import dev.homing.store.Database;

import java.nio.file.Path;

/** One running Homing: database, queue (recovered), resolver and engine, opened from a home folder. */
public final class Node implements AutoCloseable {
    public final Path home;
    public final Config config;
    public final Database db;
    public final Queue queue;
    public final MxResolver resolver;
    public final Engine engine;
    public final Judge judge = new Judge();
    public final dev.homing.list.Suppressions suppressions;
    public final dev.homing.list.SuppressionRules rules;
    public final RecoveryReport recovery;
    /** This node's shard leases when it is one of several (cluster.node / --node), else null. */
    public final dev.homing.cluster.Cluster cluster;
    /** MX-based provider lookups (cached), shared by the rollup, the composer and the public pages; offline without DNS. */
    public final dev.homing.provider.ProviderDetector providers;
    /** The node's one instance: whoever listens to unsubscribes (the webhooks) hears every face's. */
    public final Subscriptions subscriptions;
    /** The loopback server sharing the embedded database with the commands run beside this node (nothing on PostgreSQL). */
    private AutoCloseable share = () -> { };
    /** False: resolution through routes only (--no-dns); the pre-flight then checks no authentication. */
    public final boolean useDns;

    private Node(Path home, Config config, Database db, Queue queue, MxResolver resolver, Engine engine, RecoveryReport recovery,
                 dev.homing.cluster.Cluster cluster, dev.homing.provider.ProviderDetector providers, boolean useDns) {
        this.useDns = useDns;
        this.cluster = cluster;
        this.providers = providers;
        this.home = home;
        this.config = config;
        this.db = db;
        this.queue = queue;
        this.resolver = resolver;
        this.engine = engine;
        this.recovery = recovery;
        this.suppressions = new dev.homing.list.Suppressions(db);
        this.rules = new dev.homing.list.SuppressionRules(suppressions, config.suppression());
        this.subscriptions = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)), config.optIn());
    }

    /** Applies the suppression rules to every finished message and says what changed. */
    public void judgeFinished(java.io.PrintStream out) {
        dev.homing.list.SuppressionRules.Judgement j = rules.judgeFinished(queue);
        if (j.suppressed() + j.suspected() + j.confirmedRepeats() + j.softSuppressed() > 0) {
            out.printf("suppression: %d addresses suppressed (hard bounces), %d after repeated soft bounces, %d suspected"
                            + " filtering kept for now ('homing suppress review'), %d suspected ones confirmed by a repeat%n",
                    j.suppressed(), j.softSuppressed(), j.suspected(), j.confirmedRepeats());
        }
    }

    /** Expands, pauses, resumes and finishes campaigns into this node's queue. */
    public CampaignSender sender() {
        return new CampaignSender(new Campaigns(db), new Lists(db), subscriptions, queue, verp(home, config), config.sender().publicUrl());
    }

    /** One message to one address, outside campaigns (the API's messages, the sandbox page's test). */
    public dev.homing.campaign.Transactional transactional() {
        return new dev.homing.campaign.Transactional(db, queue, config.identity(home));
    }

    /**
     * The campaign workflow every face calls.
     *
     * @param dnsServer HOST:PORT of the DNS server the domain checks ask, or null for the system's
     *                  (authentication is then unchecked on a node run without DNS)
     */
    public Launch launch(String dnsServer) {
        return launch(home, config, db, resolver, useDns, dnsServer, sender(), subscriptions, providers);
    }

    /**
     * The campaign workflow of a process that only checks (preview, pre-flight, content check): the database alone,
     * never the queue, which a delivering node may hold. It sends nothing.
     */
    public static Launch checking(Path home, Config config, Database db, MxResolver resolver, boolean useDns, String dnsServer) {
        Subscriptions subscriptions = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)), config.optIn());
        dev.homing.provider.ProviderDetector providers = providers(useDns);
        return launch(home, config, db, resolver, useDns, dnsServer, null, subscriptions, providers);
    }

    /**
     * The campaign workflow of a process beside the node that delivers from this home: a send expands into the database
     * they share, where that node's engine claims the deliveries; this process claims and delivers nothing.
     */
    public record Beside(Launch launch, Queue queue) implements AutoCloseable {
        @Override
        public void close() {
            queue.close();
        }
    }

    public static Beside beside(Path home, Config config, Database db, Routes extra, boolean useDns, String dnsServer) {
        Queue queue = Queue.submitting(db, config.retry());
        Routes routes = Routes.none().addAll(config.routes().asMap()).addAll(extra.asMap());
        dev.homing.provider.ProviderDetector providers = providers(useDns);
        // the same shards as the delivering node's queue gives them
        queue.rollup(new ServiceRollup(providers, routes, config.engine().limitsByDomain().keySet()));
        Subscriptions subscriptions = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)), config.optIn());
        CampaignSender sender = new CampaignSender(new Campaigns(db), new Lists(db), subscriptions, queue, verp(home, config),
                config.sender().publicUrl());
        MxResolver resolver = new MxResolver(useDns ? dev.homing.dns.DnsClient.systemResolver() : null, routes, 25);
        return new Beside(launch(home, config, db, resolver, useDns, dnsServer, sender, subscriptions, providers), queue);
    }

    private static Launch launch(Path home, Config config, Database db, MxResolver resolver, boolean useDns, String dnsServer,
                                 CampaignSender sender, Subscriptions subscriptions, dev.homing.provider.ProviderDetector providers) {
        Dns dns = dnsServer != null ? Dns.server(dnsServer) : Dns.system();
        Hygiene hygiene = useDns ? new Hygiene(resolver.mailDomains()) : Hygiene.withoutDns();
        Launch.Checks checks = new Launch.Checks(dns, useDns || dnsServer != null, config.spamd(), hygiene,
                config.engine().tls() != TlsPolicy.NONE);
        return new Launch(db, composer(home, config, db, providers), sender, subscriptions, config.identity(home),
                config.sender().publicUrl(), checks);
    }

    /**
     * @param useDns false to resolve through routes only (demo, tests): unrouted domains are then
     *               reported as not existing instead of being looked up on the internet
     */
    public static Node open(Path home, Config config, Routes extra, boolean useDns) {
        try {
            // the journal, the install secret and uploads live here even when the database is PostgreSQL
            dev.homing.store.OwnerOnly.folder(home.resolve("data"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data folder " + home.resolve("data") + ": " + e.getMessage(), e);
        }
        Database db = config.dbUrl() == null ? Database.embedded(home)
                : Database.fromUrl(config.dbUrl(), config.dbUser(), config.dbPassword());
        Queue queue;
        try {
            queue = Queue.open(db, home.resolve("data").resolve("journal"), config.retry());
        } catch (RuntimeException e) {
            db.close(); // another process delivers from this home (its journal is locked): said in one line by the caller
            throw e;
        }
        try {
            // the journal's files (the embedded database's were narrowed when it opened)
            dev.homing.store.OwnerOnly.tighten(home.resolve("data").resolve("journal"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot restrict the journal " + home.resolve("data").resolve("journal") + " to its owner: "
                    + e.getMessage(), e);
        }
        Routes routes = Routes.none().addAll(config.routes().asMap()).addAll(extra.asMap());
        dev.homing.provider.ProviderDetector providers = providers(useDns);
        queue.rollup(new ServiceRollup(providers, routes, config.engine().limitsByDomain().keySet()));
        dev.homing.cluster.Cluster cluster = null;
        if (config.cluster().node() != null) {
            try {
                cluster = new dev.homing.cluster.Cluster(db, queue, new dev.homing.cluster.Cluster.Settings(config.cluster().node(),
                        config.cluster().lease()));
            } catch (IllegalArgumentException e) {
                queue.close();
                db.close();
                throw e;
            }
            // before recovery: a clustered node leaves its unfinished claims to whoever leases their shards next
            queue.cluster(cluster);
            cluster.join();
        }
        RecoveryReport recovery = queue.recover();
        if (cluster != null) {
            cluster.start();
        }
        MxResolver resolver = new MxResolver(useDns ? dev.homing.dns.DnsClient.systemResolver() : null, routes, 25);
        Engine engine = new Engine(queue, resolver, new Judge(), config.engine(), composer(home, config, db, providers));
        engine.recordThrottles(new dev.homing.delivery.ThrottleRecord(db));
        Node node = new Node(home, config, db, queue, resolver, engine, recovery, cluster, providers, useDns);
        // this process delivers from the home: the commands an operator runs beside it (status, reports, lists, keys) reach
        // its embedded database through it
        node.share = db.share();
        return node;
    }

    /** MX-based mailbox provider lookups, or offline ones for a node run without DNS. */
    private static dev.homing.provider.ProviderDetector providers(boolean useDns) {
        return useDns ? new dev.homing.provider.ProviderDetector(dev.homing.dns.DnsClient.systemResolver())
                : dev.homing.provider.ProviderDetector.offline();
    }

    /** Campaign messages are built, signed and VERP-addressed; other messages are plain templates. */
    public static dev.homing.campaign.CampaignComposer composer(Path home, Config config, Database db, boolean useDns) {
        return composer(home, config, db, providers(useDns));
    }

    public static dev.homing.campaign.CampaignComposer composer(Path home, Config config, Database db,
                                                         dev.homing.provider.ProviderDetector providers) {
        return new dev.homing.campaign.CampaignComposer(new dev.homing.campaign.Campaigns(db), new dev.homing.list.Lists(db), home,
                config.sender().dkimSelectors(), verp(home, config), providers, config.sender().ips(), config.sender().publicUrl());
    }

    public static dev.homing.campaign.Verp verp(Path home, Config config) {
        return new dev.homing.campaign.Verp(dev.homing.list.InstallSecret.load(home), config.sender().bounceDomain());
    }

    @Override
    public void close() {
        engine.close();
        if (cluster != null) {
            queue.flush();
            cluster.close();
        }
        queue.close();
        try {
            share.close();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Node.class).warn("stopping the database share: {}", e.getMessage());
        }
        db.close();
    }
}
