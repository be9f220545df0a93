package dev.homing.cli;

import dev.homing.store.Database;
import dev.homing.access.Accounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code homing user reset NAME}: a one-time password for the web UI (a lost password, or a new user). */
@Command(name = "user", description = "People who log in to the web UI.", subcommands = UserCommand.Reset.class)
final class UserCommand {

    @Command(name = "reset", description = "Give a user a new one-time password (making the user if there is none); their sessions end.")
    static final class Reset implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                String once = new Accounts(db).reset(name);
                System.out.println("user \"" + name.strip() + "\": one-time password " + once);
                System.err.println("(log in with it at the web UI and choose your own)");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("homing user reset: " + e.getMessage());
                return 2;
            }
        }
    }
}
