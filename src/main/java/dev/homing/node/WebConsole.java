package dev.homing.node;

import dev.homing.delivery.ThrottleRecord;
import dev.homing.list.Subscriptions;
import dev.homing.sandbox.Behaviour;
import dev.homing.provider.ProviderDetector;
import dev.homing.web.Console;

/** The web UI of a node (serve and demo): built on the node, its first-run admin account made and announced. */
final class WebConsole {
    /** Where the first admin's password may come from instead of being generated. */
    static final String ADMIN_PASSWORD = "HOMING_ADMIN_PASSWORD";

    private WebConsole() {
    }

    public static Console start(Node node, dev.homing.campaign.Launch launch, dev.homing.campaign.Transactional transactional,
                                Subscriptions subscriptions, ProviderDetector providers, dev.homing.webhook.Outbox outbox) {
        java.util.Map<String, java.net.InetSocketAddress> routes = node.resolver.routes().asMap();
        java.net.InetSocketAddress sandbox = routes.getOrDefault(Behaviour.DOMAIN, routes.get(Behaviour.ACCEPT.domain()));
        Console.Services services = new Console.Services(launch, transactional, new ThrottleRecord(node.db),
                sandbox == null ? null : sandbox.getHostString() + ":" + sandbox.getPort(),
                domain -> sandbox != null && node.resolver.routes().find(domain).map(r -> sandbox.equals(r.target())).orElse(false),
                new Console.Operation(new WebhookSettings(new dev.homing.webhook.Webhooks(node.db, dev.homing.list.InstallSecret.load(node.home)),
                        node.config.guards().webhookPrivateTargets(), outbox), () -> EffectiveSettings.of(node.config, node.home)));
        Console console = new Console(node.db, services, node.queue, subscriptions, providers, node.config.web(),
                node.home.resolve("data").resolve("uploads"));
        console.firstRun(System.getenv(ADMIN_PASSWORD)).ifPresent(once -> {
            System.out.println("web UI: first run, an account was made: user \"admin\", one-time password " + once);
            System.out.println("        (log in with it and choose your own; or set " + ADMIN_PASSWORD + " before the first run)");
        });
        return console;
    }
}
