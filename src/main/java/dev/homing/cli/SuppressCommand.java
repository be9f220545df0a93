package dev.homing.cli;

import dev.homing.list.Address;
import dev.homing.list.Lists;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code homing suppress ...}: the suppression list and the review queue of suspected false positives. */
@Command(name = "suppress", description = "Suppress addresses, list suppressions, review suspected false positives.",
        subcommands = {SuppressCommand.Add.class, SuppressCommand.Erase.class, SuppressCommand.Ls.class, SuppressCommand.Review.class,
                SuppressCommand.Release.class, SuppressCommand.Confirm.class})
final class SuppressCommand {

    static String key(String address) {
        return switch (Address.check(address)) {
            case Address.Valid v -> v.address();
            case Address.Invalid i -> throw new IllegalArgumentException("\"" + address + "\" " + i.reason());
        };
    }

    static long listId(Database db, String list) {
        return list == null ? 0 : new Lists(db).get(list).id();
    }

    static void print(List<Suppression> rows) {
        System.out.printf("%-40s %-10s %-12s %-10s %s%n", "address", "list", "reason", "status", "why");
        for (Suppression s : rows) {
            System.out.printf("%-40s %-10s %-12s %-10s %s%n", s.emailKey(), s.listId() == 0 ? "all" : String.valueOf(s.listId()),
                    s.reason(), s.status(), s.source() == null ? "" : s.source());
        }
    }

    @Command(name = "add", description = "Suppress an address (for every list, or one with --list).")
    static final class Add implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "ADDRESS")
        String address;
        @Option(names = "--list", paramLabel = "NAME")
        String list;
        @Option(names = "--note", paramLabel = "TEXT", defaultValue = "added by the operator")
        String note;

        @Override
        public void run() {
            try (Database db = home.database()) {
                new Suppressions(db).put(key(address), listId(db, list), "manual", Suppression.ACTIVE, note);
                System.out.println("suppressed " + key(address) + (list == null ? " for every list" : " for \"" + list + "\""));
            }
        }
    }

    @Command(name = "ls", description = "List every suppression.")
    static final class Ls implements Runnable {
        @Mixin
        HomeOptions home;

        @Override
        public void run() {
            try (Database db = home.database()) {
                print(new Suppressions(db).list(null));
            }
        }
    }

    @Command(name = "review", description = "The review queue: 'user unknown' answers suspected to be filtering, not dead addresses.")
    static final class Review implements Runnable {
        @Mixin
        HomeOptions home;

        @Override
        public void run() {
            try (Database db = home.database()) {
                List<Suppression> rows = new Suppressions(db).list(Suppression.SUSPECTED);
                print(rows);
                System.out.println(rows.size() + " suspected; they are still mailed and are suppressed if the refusal repeats."
                        + " 'homing suppress confirm ADDRESS' suppresses now, 'homing suppress release ADDRESS' clears it.");
            }
        }
    }

    @Command(name = "release", description = "Remove a suppression (or a suspicion).")
    static final class Release implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "ADDRESS")
        String address;
        @Option(names = "--list", paramLabel = "NAME")
        String list;

        @Override
        public void run() {
            try (Database db = home.database()) {
                boolean was = new Suppressions(db).release(key(address), listId(db, list));
                System.out.println(was ? "released " + key(address) : key(address) + " was not suppressed");
            }
        }
    }

    @Command(name = "confirm", description = "Turn a suspected false positive into an active suppression.")
    static final class Confirm implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "ADDRESS")
        String address;

        @Override
        public void run() {
            try (Database db = home.database()) {
                Suppressions s = new Suppressions(db);
                var found = s.find(List.of(key(address)), 0).getOrDefault(key(address), List.of()).stream()
                        .filter(x -> x.listId() == 0 && Suppression.SUSPECTED.equals(x.status())).findFirst();
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(key(address) + " is not in the review queue");
                }
                s.put(found.get().emailKey(), 0, found.get().reason(), Suppression.ACTIVE, "confirmed by the operator; " + found.get().source());
                System.out.println("suppressed " + key(address));
            }
        }
    }

    @Command(name = "erase", description = "Erase a person at their request (GDPR art. 17): subscriber record, memberships, consent"
            + " events, suppressions and the address on past deliveries go; a hashed mark keeps an import from re-adding them.")
    static final class Erase implements java.util.concurrent.Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "ADDRESS")
        String address;

        @Override
        public Integer call() {
            try (dev.homing.store.Database db = home.database()) {
                dev.homing.list.Erasure.Erased e = new dev.homing.list.Erasure(db, new dev.homing.inbound.ErasedReports(db)).erase(address);
                System.out.printf("erased %s: %d memberships, %d consent events, %d suppressions removed; %d past deliveries now read %s"
                                + " (their transcripts too); %d stored bounce or complaint reports deleted; an import will not add the address again%n",
                        e.address(), e.memberships(), e.consentEvents(), e.suppressions(), e.deliveries(), dev.homing.queue.Forgetting.ERASED,
                        e.reports());
                return 0;
            }
        }
    }
}
