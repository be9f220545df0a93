package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.store.Database;
import dev.homing.webhook.EventKind;
import dev.homing.webhook.Webhook;
import dev.homing.webhook.Webhooks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code homing webhook add|ls|rm|log}: URLs that receive delivery events, and what happened when we posted to them. */
@Command(name = "webhook", description = "Webhooks out: delivery events posted, signed, to your URLs.",
        subcommands = {WebhookCommand.Add.class, WebhookCommand.Ls.class, WebhookCommand.Rm.class, WebhookCommand.Log.class})
final class WebhookCommand {

    @Command(name = "add", description = "Post events to URL. Prints the signing secret once: keep it to verify Homing-Signature.")
    static final class Add implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "URL")
        String url;
        @Option(names = "--events", paramLabel = "KIND,...",
                description = "Events to send: delivered, deferred, bounced, complained, unsubscribed, uncertain, expired. Default: all.")
        String events;
        @Option(names = "--secret", description = "The signing secret (default: 32 random bytes in hex).")
        String secret;

        @Override
        public Integer call() {
            boolean allowPrivate = Config.load(home.home()).guards().webhookPrivateTargets();
            try (Database db = home.database()) {
                Webhook w;
                try {
                    w = new Webhooks(db, dev.homing.list.InstallSecret.load(home.home())).add(url, EventKind.parse(events), secret, allowPrivate);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("not added: " + e.getMessage(), e);
                }
                System.out.println("webhook " + w.id() + " posts " + join(w) + " to " + w.shownUrl());
                System.out.println("secret: " + w.secret());
                System.err.println("(shown once: receivers check Homing-Signature t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\"> with it)");
                return 0;
            }
        }
    }

    @Command(name = "ls", description = "List webhooks (removed ones too: their log stays).")
    static final class Ls implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                List<Webhook> all = new Webhooks(db, dev.homing.list.InstallSecret.load(home.home())).all();
                if (all.isEmpty()) {
                    System.out.println("no webhooks; add one with: homing webhook add URL");
                }
                for (Webhook w : all) {
                    System.out.printf("%d\t%s\t%s\t%s\t%s%n", w.id(), w.active() ? "active" : "removed", w.shownUrl(), join(w), w.createdAt());
                }
                return 0;
            }
        }
    }

    @Command(name = "rm", description = "Stop posting to webhook ID; its pending events fail, its log stays.")
    static final class Rm implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                if (!new Webhooks(db, dev.homing.list.InstallSecret.load(home.home())).remove(id)) {
                    throw new IllegalArgumentException("no active webhook " + id + " (see homing webhook ls)");
                }
                System.out.println("webhook " + id + " removed");
                return 0;
            }
        }
    }

    @Command(name = "log", description = "The latest attempts to post events, newest first (of webhook ID, else of all).")
    static final class Log implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "ID", arity = "0..1")
        Long id;
        @Option(names = "--limit", defaultValue = "50", description = "Attempts to show.")
        int limit;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                List<Webhooks.Logged> log = new Webhooks(db, dev.homing.list.InstallSecret.load(home.home())).log(id, limit);
                if (log.isEmpty()) {
                    System.out.println("no attempts yet");
                }
                for (Webhooks.Logged l : log) {
                    System.out.printf("%s\twebhook %d\tevent %d %s\t%s\t%d ms\tnow %s%n", l.at(), l.webhookId(), l.eventId(), l.kind(),
                            l.error() == null ? "HTTP " + l.status() : l.error(), l.durationMs(), l.state());
                }
                return 0;
            }
        }
    }

    private static String join(Webhook w) {
        return String.join(",", w.events().stream().sorted().map(EventKind::label).toList());
    }
}
