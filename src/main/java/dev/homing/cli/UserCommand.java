package dev.homing.cli;

import dev.homing.access.Accounts;
import dev.homing.access.Role;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code homing user reset NAME [--role ROLE]}, {@code homing user ls}: the people who log in to the web UI. */
@Command(name = "user", description = "People who log in to the web UI (admins manage them on its Settings > Users page too).",
        subcommands = {UserCommand.Reset.class, UserCommand.Ls.class})
final class UserCommand {

    @Command(name = "reset", description = "Give a user a new one-time password (making the user if there is none); their sessions end.")
    static final class Reset implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--role", paramLabel = "ROLE",
                description = "admin (everything), editor (lists, campaigns, sending) or viewer (reads only). A new user without it is an admin; "
                        + "an existing one keeps their role.")
        String role;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                Accounts accounts = new Accounts(db);
                String once = accounts.reset(name, role == null ? null : Role.of(role));
                Role now = accounts.find(name.strip()).map(Accounts.User::role).orElse(Role.ADMIN);
                System.out.println("user \"" + name.strip() + "\" (" + now.label() + "): one-time password " + once);
                System.err.println("(log in with it at the web UI and choose your own)");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("homing user reset: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "ls", description = "List the users with their roles.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                for (Accounts.User u : new Accounts(db).all()) {
                    System.out.printf("%-30s %-7s %s%n", u.username(), u.role().label(), u.mustChange() ? "one-time password not yet changed" : "");
                }
                return 0;
            }
        }
    }
}
