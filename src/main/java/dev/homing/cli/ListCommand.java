package dev.homing.cli;

import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** {@code homing list ...}: lists and their members. */
@Command(name = "list", description = "Create, show, update, delete and export lists.",
        subcommands = {ListCommand.Create.class, ListCommand.Ls.class, ListCommand.Show.class, ListCommand.Update.class,
                ListCommand.Remove.class, ListCommand.Fields.class,
                ListCommand.Delete.class, ListCommand.Export.class, ListCommand.HygieneCheck.class,
                ListCommand.ConsentExport.class})
final class ListCommand {

    /** The address as members are keyed; a wrong one is said in one line. */
    static String key(String address) {
        return switch (dev.homing.list.Address.check(address)) {
            case dev.homing.list.Address.Valid v -> v.address();
            case dev.homing.list.Address.Invalid i -> throw new IllegalArgumentException("\"" + address + "\" is not an address: " + i.reason());
        };
    }

    /** The file given with --out, or standard output (left open: closing the writer must not close System.out). */
    static Writer output(Path out) throws IOException {
        if (out != null) {
            return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        }
        java.io.OutputStream keepOpen = new java.io.FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        return new BufferedWriter(new OutputStreamWriter(keepOpen, StandardCharsets.UTF_8));
    }

    @Command(name = "create", description = "Create a list.")
    static final class Create implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--description")
        String description;

        @Override
        public void run() {
            try (Database db = home.database()) {
                MailingList l = new Lists(db).create(name, description);
                System.out.println("created list \"" + l.name() + "\"");
            }
        }
    }

    @Command(name = "ls", description = "List the lists with their member counts.")
    static final class Ls implements Runnable {
        @Mixin
        HomeOptions home;

        @Override
        public void run() {
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                System.out.printf("%-30s %12s %12s %12s%n", "list", "confirmed", "unconfirmed", "unsubscribed");
                for (MailingList l : lists.all()) {
                    Map<MemberStatus, Long> c = lists.counts(l);
                    System.out.printf("%-30s %12d %12d %12d%n", l.name(), c.getOrDefault(MemberStatus.CONFIRMED, 0L),
                            c.getOrDefault(MemberStatus.UNCONFIRMED, 0L), c.getOrDefault(MemberStatus.UNSUBSCRIBED, 0L));
                }
            }
        }
    }

    @Command(name = "show", description = "Show one list.")
    static final class Show implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                MailingList l = lists.get(name);
                Map<MemberStatus, Long> c = lists.counts(l);
                System.out.println("list:         " + l.name());
                System.out.println("description:  " + (l.description() == null ? "" : l.description()));
                System.out.println("created:      " + l.createdAt());
                for (MemberStatus s : MemberStatus.values()) {
                    System.out.printf("%-13s %d%n", s.label() + ":", c.getOrDefault(s, 0L));
                }
            }
        }
    }

    @Command(name = "update", description = "Rename a list or change its description.")
    static final class Update implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--name", paramLabel = "NEW")
        String newName;
        @Option(names = "--description")
        String description;

        @Override
        public void run() {
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                MailingList l = lists.update(lists.get(name), newName, description);
                System.out.println("updated list \"" + l.name() + "\"");
            }
        }
    }

    @Command(name = "delete", description = "Delete a list and its memberships (subscribers and suppressions stay).")
    static final class Delete implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                lists.delete(lists.get(name));
                System.out.println("deleted list \"" + name + "\"");
            }
        }
    }

    @Command(name = "remove", description = "Take one member off a list (the subscriber's record, other lists, consent history and"
            + " suppressions stay; 'homing suppress erase' erases a person).")
    static final class Remove implements java.util.concurrent.Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "LIST")
        String name;
        @Parameters(index = "1", paramLabel = "ADDRESS")
        String address;

        @Override
        public Integer call() {
            String key = key(address);
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                if (!lists.remove(lists.get(name), key)) {
                    throw new IllegalArgumentException(key + " is not on the list \"" + name + "\"");
                }
                System.out.println("removed " + key + " from the list \"" + name + "\"");
                return 0;
            }
        }
    }

    @Command(name = "fields", description = "Show a member's merge fields, or change them: NAME=VALUE sets a field, NAME= removes it;"
            + " the others stay (the web UI's subscriber page and the API's PUT .../attributes change them too).")
    static final class Fields implements java.util.concurrent.Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "LIST")
        String name;
        @Parameters(index = "1", paramLabel = "ADDRESS")
        String address;
        @Parameters(index = "2..*", paramLabel = "NAME=VALUE", arity = "0..*", description = "Fields to set (NAME= removes one).")
        java.util.List<String> changes = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            String key = key(address);
            java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
            for (String c : changes) {
                int eq = c.indexOf('=');
                if (eq <= 0 || c.substring(0, eq).isBlank()) {
                    throw new IllegalArgumentException("\"" + c + "\": write NAME=VALUE (NAME= removes the field)");
                }
                set.put(c.substring(0, eq).strip(), c.substring(eq + 1).strip());
            }
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                Lists.Membership m = lists.member(lists.get(name), key)
                        .orElseThrow(() -> new IllegalArgumentException(key + " is not on the list \"" + name + "\""));
                java.util.Map<String, String> fields = new java.util.TreeMap<>();
                m.fields().forEach((k, v) -> fields.put(k, v == null ? "" : String.valueOf(v)));
                if (!set.isEmpty()) {
                    set.forEach((k, v) -> {
                        if (v.isEmpty()) {
                            fields.remove(k);
                        } else {
                            fields.put(k, v);
                        }
                    });
                    lists.attributes(m.emailKey(), fields);
                    System.err.println("fields of " + m.email() + " saved");
                }
                fields.forEach((k, v) -> System.out.println(k + " = " + v));
                return 0;
            }
        }
    }

    @Command(name = "hygiene", description = "Check every address of a list: syntax, domain (DNS), typos, role accounts; counts and what to do.")
    static final class HygieneCheck implements Runnable {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public void run() {
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                MailingList l = lists.get(name);
                dev.homing.list.Hygiene hygiene = home.noDns ? dev.homing.list.Hygiene.withoutDns()
                        : new dev.homing.list.Hygiene(home.resolver().mailDomains());
                dev.homing.list.HygieneReport report = new dev.homing.list.HygieneReport();
                lists.forEachAddress(l, address -> report.add(address, hygiene.check(address)));
                System.out.println("hygiene of \"" + l.name() + "\"");
                report.render(System.out);
            }
        }
    }

    @Command(name = "consent", description = "Export the list's consent record as CSV: every request, confirmation and unsubscribe with time, IP, user agent, source and the text shown.")
    static final class ConsentExport implements java.util.concurrent.Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Database db = home.database()) {
                MailingList l = new Lists(db).get(name);
                var subs = new dev.homing.list.Subscriptions(db,
                        new dev.homing.list.Tokens(db, dev.homing.list.InstallSecret.load(home.home())));
                try (Writer w = output(out)) {
                    long n = subs.exportRecord(l, w);
                    if (out != null) {
                        System.out.println("exported " + n + " consent events of \"" + l.name() + "\" to " + out);
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "export", description = "Export a list as CSV (email, status, consent, joined, attributes).")
    static final class Export implements java.util.concurrent.Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output.")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (Database db = home.database()) {
                Lists lists = new Lists(db);
                MailingList l = lists.get(name);
                try (Writer w = output(out)) {
                    long n = lists.export(l, w);
                    if (out != null) {
                        System.out.println("exported " + n + " members of \"" + l.name() + "\" to " + out);
                    }
                }
                return 0;
            }
        }
    }
}
