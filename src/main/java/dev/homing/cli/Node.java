package dev.homing.cli;

import dev.homing.delivery.Engine;
import dev.homing.delivery.MxResolver;
import dev.homing.delivery.Routes;
import dev.homing.outcome.Judge;
import dev.homing.queue.Queue;
import dev.homing.queue.RecoveryReport;
import dev.homing.store.Database;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;

import java.nio.file.Path;
import java.time.Duration;

/** One running Homing: database, queue (recovered), resolver and engine, opened from a home folder. */
final class Node implements AutoCloseable {
    final Path home;
    final Config config;
    final Database db;
    final Queue queue;
    final MxResolver resolver;
    final Engine engine;
    final Judge judge = new Judge();
    final dev.homing.list.Suppressions suppressions;
    final dev.homing.list.SuppressionRules rules;
    final RecoveryReport recovery;
    /** This node's shard leases when it is one of several (cluster.node / --node), else null. */
    final dev.homing.cluster.Cluster cluster;
    /** MX-based provider lookups (cached), shared by the rollup, the composer and the public pages; offline without DNS. */
    final dev.homing.provider.ProviderDetector providers;

    private Node(Path home, Config config, Database db, Queue queue, MxResolver resolver, Engine engine, RecoveryReport recovery,
                 dev.homing.cluster.Cluster cluster, dev.homing.provider.ProviderDetector providers) {
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
    }

    /** Applies the suppression rules to every finished message and says what changed. */
    void judgeFinished(java.io.PrintStream out) {
        dev.homing.list.SuppressionRules.Judgement j = rules.judgeFinished(queue);
        if (j.suppressed() + j.suspected() + j.confirmedRepeats() + j.softSuppressed() > 0) {
            out.printf("suppression: %d addresses suppressed (hard bounces), %d after repeated soft bounces, %d suspected"
                            + " filtering kept for now ('homing suppress review'), %d suspected ones confirmed by a repeat%n",
                    j.suppressed(), j.softSuppressed(), j.suspected(), j.confirmedRepeats());
        }
    }

    /**
     * @param useDns false to resolve through routes only (demo, tests): unrouted domains are then
     *               reported as not existing instead of being looked up on the internet
     */
    static Node open(Path home, Config config, Routes extra, boolean useDns) {
        try {
            // the journal, the install secret and uploads live here even when the database is PostgreSQL
            dev.homing.store.OwnerOnly.folder(home.resolve("data"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data folder " + home.resolve("data") + ": " + e.getMessage(), e);
        }
        Database db = config.dbUrl() == null ? Database.embedded(home)
                : Database.fromUrl(config.dbUrl(), config.dbUser(), config.dbPassword());
        Queue queue = Queue.open(db, home.resolve("data").resolve("journal"), config.retry());
        try {
            // the journal's files (the embedded database's were narrowed when it opened)
            dev.homing.store.OwnerOnly.tighten(home.resolve("data").resolve("journal"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot restrict the journal " + home.resolve("data").resolve("journal") + " to its owner: "
                    + e.getMessage(), e);
        }
        Routes routes = Routes.none().addAll(config.routes().asMap()).addAll(extra.asMap());
        dev.homing.provider.ProviderDetector providers = useDns ? new dev.homing.provider.ProviderDetector(systemDns())
                : dev.homing.provider.ProviderDetector.offline();
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
        MxResolver resolver = new MxResolver(useDns ? systemDns() : null, routes, 25);
        Engine engine = new Engine(queue, resolver, new Judge(), config.engine(), composer(home, config, db, providers));
        engine.recordThrottles(new dev.homing.delivery.ThrottleRecord(db));
        return new Node(home, config, db, queue, resolver, engine, recovery, cluster, providers);
    }

    /** Campaign messages are built, signed and VERP-addressed; other messages are plain templates. */
    static dev.homing.campaign.CampaignComposer composer(Path home, Config config, Database db, boolean useDns) {
        return composer(home, config, db, useDns ? new dev.homing.provider.ProviderDetector(systemDns())
                : dev.homing.provider.ProviderDetector.offline());
    }

    static dev.homing.campaign.CampaignComposer composer(Path home, Config config, Database db,
                                                         dev.homing.provider.ProviderDetector providers) {
        return new dev.homing.campaign.CampaignComposer(new dev.homing.campaign.Campaigns(db), new dev.homing.list.Lists(db), home,
                config.sender().dkimSelectors(), verp(home, config), providers, config.sender().ips(), config.sender().publicUrl());
    }

    static dev.homing.campaign.Verp verp(Path home, Config config) {
        return new dev.homing.campaign.Verp(dev.homing.list.InstallSecret.load(home), config.sender().bounceDomain());
    }

    static Resolver systemDns() {
        ExtendedResolver r = new ExtendedResolver();
        r.setTimeout(Duration.ofSeconds(5));
        return r;
    }

    @Override
    public void close() {
        engine.close();
        if (cluster != null) {
            queue.flush();
            cluster.close();
        }
        queue.close();
        db.close();
    }
}
