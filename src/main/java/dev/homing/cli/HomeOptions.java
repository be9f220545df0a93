package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.delivery.Routes;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options every command that opens the queue shares. */
final class HomeOptions {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Homing's folder (database under DIR/data). Default: $HOMING_HOME, else the current folder.")
    Path home;

    @Option(names = "--route", paramLabel = "DOMAIN=HOST:PORT",
            description = "Send mail for DOMAIN (and its subdomains) to HOST:PORT instead of its MX. Repeatable.")
    List<String> routes = new ArrayList<>();

    @Option(names = "--no-dns", description = "Resolve through routes only; unrouted domains are reported as not existing.")
    boolean noDns;

    @Option(names = "--db", paramLabel = "URL",
            description = "PostgreSQL instead of the embedded database: postgresql://user:password@host:5432/name (default: db.url, else embedded).")
    String db;

    Path home() {
        if (home != null) {
            return home;
        }
        String env = System.getenv("HOMING_HOME");
        return env == null || env.isBlank() ? Path.of(".") : Path.of(env);
    }

    Routes routes() {
        Routes r = Routes.none();
        for (String s : routes) {
            r.add(s);
        }
        return r;
    }

    /** The database alone (list commands do not need the engine). */
    dev.homing.store.Database database() {
        Config c = Config.load(home()).withDb(db);
        dev.homing.store.Database d = c.dbUrl() == null ? dev.homing.store.Database.embedded(home())
                : dev.homing.store.Database.fromUrl(c.dbUrl(), c.dbUser(), c.dbPassword());
        if (d.shared()) {
            System.err.println("note: a node is delivering from " + home() + "; working through the database it shares on 127.0.0.1");
        }
        return d;
    }

    /** The engine's resolver as configured (routes from homing.properties and --route; DNS unless --no-dns). */
    dev.homing.delivery.MxResolver resolver() {
        Config c = Config.load(home());
        dev.homing.delivery.Routes r = Routes.none().addAll(c.routes().asMap()).addAll(routes().asMap());
        return new dev.homing.delivery.MxResolver(noDns ? null : dev.homing.dns.DnsClient.systemResolver(), r, 25);
    }

    /**
     * The campaign workflow on the database alone, for commands that check but do not deliver (they may run beside a
     * node that holds the queue).
     *
     * @param dnsServer HOST:PORT the authentication checks ask (--dns), or null for the system's (none with --no-dns)
     */
    dev.homing.campaign.Launch checking(dev.homing.store.Database db, String dnsServer) {
        return Node.checking(home(), Config.load(home()), db, resolver(), !noDns, dnsServer);
    }

    /** The campaign workflow beside the node that delivers from this home (it queues; that node sends). */
    Node.Beside beside(dev.homing.store.Database db, String dnsServer) {
        return Node.beside(home(), Config.load(home()).withDb(this.db), db, routes(), !noDns, dnsServer);
    }

    /** This node's name in a cluster, set by the commands that deliver (run, serve --node); null: not clustered. */
    String node;

    Node open() {
        return Node.open(home(), Config.load(home()).withDb(db).withNode(node), routes(), !noDns);
    }
}
