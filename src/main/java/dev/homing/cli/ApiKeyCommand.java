package dev.homing.cli;

import dev.homing.access.ApiKey;
import dev.homing.access.ApiKeys;
import dev.homing.access.Scope;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code homing apikey create|ls|revoke}: keys for the REST API under /api/v1. */
@Command(name = "apikey", description = "API keys for the REST API (/api/v1).",
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.Ls.class, ApiKeyCommand.Revoke.class})
final class ApiKeyCommand {

    @Command(name = "create", description = "Create a key. Prints it once: only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME", description = "What the key is for (shown in listings and in what it changes).")
        String name;
        @Option(names = "--scopes", required = true, paramLabel = "SCOPE,...",
                description = "lists:read, lists:write, campaigns:read, campaigns:write, reports:read, suppression:read, suppression:write, domains:read, messages:send.")
        String scopes;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                ApiKeys.Issued issued = new ApiKeys(db).create(name, Scope.parse(scopes));
                System.out.println("API key " + issued.key().id() + " (" + issued.key().name() + ", " + scopes(issued.key()) + "):");
                System.out.println(issued.token());
                System.err.println("(shown once: send it as 'Authorization: Bearer <key>')");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("homing apikey create: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "ls", description = "List keys (revoked ones too), without their secrets.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                List<ApiKey> all = new ApiKeys(db).all();
                if (all.isEmpty()) {
                    System.out.println("no API keys; create one with: homing apikey create NAME --scopes lists:read");
                }
                for (ApiKey k : all) {
                    System.out.printf("%d\thk_%s_…\t%s\t%s\t%s\t%s%n", k.id(), k.prefix(), k.revoked() ? "revoked " + k.revokedAt() : "live",
                            k.name(), scopes(k), k.createdAt());
                }
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Stop a key from working, at once.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                if (new ApiKeys(db).revoke(id)) {
                    System.out.println("API key " + id + " revoked");
                    return 0;
                }
                System.err.println("homing apikey revoke: no live API key " + id + " ('homing apikey ls' shows them)");
                return 1;
            }
        }
    }

    private static String scopes(ApiKey k) {
        return String.join(",", new TreeSet<>(k.scopes().stream().map(Scope::label).toList()));
    }
}
