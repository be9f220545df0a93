package dev.homing.cli;

import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.store.Database;
import dev.homing.store.Peek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, erasing a person (GDPR art. 17) from the command line: nothing of the address is left in the audience
 * tables or on past deliveries, a hashed mark keeps an old file from re-adding it, and the outcome counts stay.
 */
class ErasureTest {
    @TempDir
    Path home;

    @Test
    void anErasedPersonIsGoneEverywhereAndAnOldFileDoesNotBringThemBack() throws Exception {
        assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
        assertThat(CommandsTest.run("list", "create", "deals", "--home", home.toString()).code()).isZero();
        Path csv = Files.writeString(home.resolve("people.csv"), "email,name\nAnn@Example.com,Ann\nbob@example.com,Bob\n");
        for (String list : List.of("news", "deals")) {
            assertThat(CommandsTest.run("import", list, csv.toString(), "--consent", "fair", "--home", home.toString()).code()).isZero();
        }
        assertThat(CommandsTest.run("suppress", "add", "Ann@example.com", "--home", home.toString()).code()).isZero();
        try (Database db = Database.embedded(home); Queue queue = Queue.open(db, home.resolve("data").resolve("journal"), RetrySchedule.standard())) {
            long m = queue.addMessage("from@example.com", "t", "Subject: hi\n\nbody\n");
            queue.addDeliveries(m, List.of(NewDelivery.valid("Ann@example.com", "example.com", "{\"name\": \"Ann\"}"),
                    NewDelivery.valid("bob@example.com", "example.com", null)));
            // what an attempt and a late bounce left about her: the server's words, the transcript, the stored report
            long ann = queue.view().deliveries(m).stream().filter(d -> d.recipient().startsWith("Ann")).findFirst().orElseThrow().id();
            Peek.jdbi(db).useHandle(h -> {
                h.execute("INSERT INTO attempt (delivery_id, attempt_no, started_at, stage, code, reply, disposition, reason, duration_ms, transcript)"
                        + " VALUES (?, 1, CURRENT_TIMESTAMP, 'dot', 250, '2.0.0 Ok: queued for <ann@example.com>', 'delivered', 'delivered', 5, ?)",
                        ann, "=== message <x@example.com>, 100 bytes, Subject: Hello Ann Smith\n -> RCPT TO:<Ann@example.com>\n"
                                + "<-  250 2.1.5 <ann@example.com> Ok (1 ms)");
                h.execute("INSERT INTO delivery_event (delivery_id, at, kind, detail) VALUES (?, CURRENT_TIMESTAMP, 'bounce', ?)",
                        ann, "550 5.2.1 <ann@example.com>: mailbox disabled");
            });
            dev.homing.inbound.Inbox inbox = new dev.homing.inbound.Inbox(db);
            long report = inbox.store("127.0.0.1", "", List.of("b-1@bounces.example.com"),
                    "Subject: Undelivered\r\n\r\nAnn@example.com: mailbox disabled\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            inbox.mark(report, dev.homing.inbound.Inbox.Status.PROCESSED, "bounce", ann, "matched");
        }

        CommandsTest.Run erased = CommandsTest.run("suppress", "erase", "Ann@EXAMPLE.com", "--home", home.toString());
        assertThat(erased.code()).as(erased.err()).isZero();
        assertThat(erased.out()).contains("erased Ann@example.com: 2 memberships").contains("1 past deliveries")
                .contains("1 stored bounce or complaint reports deleted");

        try (Database db = Database.embedded(home)) {
            // the address is in no table any more, in any case
            for (String table : List.of("subscriber", "membership", "consent", "suppression", "unsubscribe_mailbox", "address_history")) {
                long left = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE LOWER(email_key) = 'ann@example.com'")
                        .mapTo(Long.class).one());
                assertThat(left).as(table).isZero();
            }
            long mentions = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM delivery WHERE LOWER(recipient) LIKE '%ann@%'"
                    + " OR vars LIKE '%Ann%'").mapTo(Long.class).one());
            assertThat(mentions).isZero();
            // nor in what the servers said, the transcripts, the reports' text; the stored report itself is gone
            for (String column : List.of("attempt.reply", "attempt.transcript", "delivery_event.detail")) {
                String[] tc = column.split("\\.");
                long said = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + tc[0] + " WHERE LOWER(" + tc[1] + ") LIKE '%ann@%'")
                        .mapTo(Long.class).one());
                assertThat(said).as(column).isZero();
            }
            long shaped = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attempt WHERE transcript LIKE '%RCPT TO:<erased@erased.invalid>%'"
                    + " AND transcript LIKE '%, 100 bytes, Subject: (erased)%' AND transcript NOT LIKE '%Smith%'").mapTo(Long.class).one());
            assertThat(shaped).as("the transcript keeps its shape").isEqualTo(1);
            long stored = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM inbound_message").mapTo(Long.class).one());
            assertThat(stored).isZero();
            long deliveries = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM delivery").mapTo(Long.class).one());
            assertThat(deliveries).as("the outcome counts stay").isEqualTo(2);
            // one hashed mark stands for her; bob is untouched
            List<String> marks = Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT email_key FROM suppression WHERE reason = 'erased'")
                    .mapTo(String.class).list());
            assertThat(marks).hasSize(1).allSatisfy(k -> assertThat(k).startsWith("erased:").doesNotContainIgnoringCase("ann"));
            MailingList news = new Lists(db).get("news");
            assertThat(new Lists(db).member(news, "bob@example.com")).isPresent();
        }

        // the old file again: bob stays as he is, Ann is rejected with the reason, not re-added
        CommandsTest.Run again = CommandsTest.run("import", "news", csv.toString(), "--consent", "fair", "--home", home.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 added").contains("1 rejected");
        assertThat(Files.readString(home.resolve("people.csv.rejects.csv"))).contains("erased at the person's request");

        CommandsTest.Run twice = CommandsTest.run("suppress", "erase", "ann@example.com", "--home", home.toString());
        assertThat(twice.code()).as("repeating it is harmless").isZero();
        CommandsTest.Run bad = CommandsTest.run("suppress", "erase", "not an address", "--home", home.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("is not an address");
    }

    @Test
    void removeTakesOneMemberOffOneList() throws Exception {
        assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
        assertThat(CommandsTest.run("list", "create", "deals", "--home", home.toString()).code()).isZero();
        Path csv = Files.writeString(home.resolve("people.csv"), "email\nann@example.com\n");
        for (String list : List.of("news", "deals")) {
            assertThat(CommandsTest.run("import", list, csv.toString(), "--consent", "fair", "--home", home.toString()).code()).isZero();
        }
        CommandsTest.Run removed = CommandsTest.run("list", "remove", "news", "ann@example.com", "--home", home.toString());
        assertThat(removed.code()).as(removed.err()).isZero();
        assertThat(removed.out()).contains("removed ann@example.com from the list \"news\"");
        try (Database db = Database.embedded(home)) {
            Lists lists = new Lists(db);
            assertThat(lists.member(lists.get("news"), "ann@example.com")).isEmpty();
            assertThat(lists.member(lists.get("deals"), "ann@example.com")).as("her other list keeps her").isPresent();
        }
        CommandsTest.Run again = CommandsTest.run("list", "remove", "news", "ann@example.com", "--home", home.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("is not on the list \"news\"");
    }

    @Test
    void fieldsAreShownSetAndRemovedFromTheCommandLine() throws Exception {
        assertThat(CommandsTest.run("list", "create", "news", "--home", home.toString()).code()).isZero();
        Path csv = Files.writeString(home.resolve("people.csv"), "email,name,city\nann@example.com,Ann,Lyon\n");
        assertThat(CommandsTest.run("import", "news", csv.toString(), "--consent", "fair", "--home", home.toString()).code()).isZero();
        assertThat(CommandsTest.run("list", "fields", "news", "ann@example.com", "--home", home.toString()).out())
                .isEqualTo("city = Lyon\nname = Ann\n");
        CommandsTest.Run changed = CommandsTest.run("list", "fields", "news", "ann@example.com", "name=Anna", "city=", "plan=gold",
                "--home", home.toString());
        assertThat(changed.code()).as(changed.err()).isZero();
        assertThat(changed.out()).isEqualTo("name = Anna\nplan = gold\n");
        try (Database db = Database.embedded(home)) {
            Lists lists = new Lists(db);
            assertThat(lists.member(lists.get("news"), "ann@example.com").orElseThrow().fields()).isEqualTo(java.util.Map.of("name", "Anna", "plan", "gold"));
        }
        CommandsTest.Run bad = CommandsTest.run("list", "fields", "news", "ann@example.com", "=x", "--home", home.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("\"=x\": write NAME=VALUE");
        CommandsTest.Run stranger = CommandsTest.run("list", "fields", "news", "bob@example.com", "a=b", "--home", home.toString());
        assertThat(stranger.code()).isEqualTo(2);
        assertThat(stranger.err()).contains("bob@example.com is not on the list \"news\"");
    }
}
