package dev.homing.inbound;

import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The received-message store: a 50 MB message is kept whole and read back, never lost. */
class InboxTest {
    @TempDir
    Path home;

    /** The database under test, opened (and closed) by the test: the embedded default here; {@link PostgresInboxTest} runs the same test on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    protected void dropDatabase() {
    }

    @AfterEach
    void drop() {
        dropDatabase();
    }

    @Test
    void purgingKeepsTheUnreadAndTheNewestWithinTheCap() {
        try (Database db = openDatabase()) {
            Inbox inbox = new Inbox(db);
            byte[] kb = new byte[1000];
            Arrays.fill(kb, (byte) 'x');
            long unread = inbox.store("127.0.0.1", "a@x", List.of("postmaster@b.test"), kb);
            long[] read = new long[3];
            for (int i = 0; i < 3; i++) {
                read[i] = inbox.store("127.0.0.1", "a@x", List.of("postmaster@b.test"), kb);
                inbox.mark(read[i], Inbox.Status.PROCESSED, "bounce", null, "x");
            }
            // within the retention period, but over the size cap: the oldest read ones go, the newest stays
            assertThat(inbox.purge(java.time.Instant.now().minusSeconds(3600), 1500)).isEqualTo(2);
            assertThat(inbox.raw(read[0])).isEmpty();
            assertThat(inbox.raw(read[1])).isEmpty();
            assertThat(inbox.raw(read[2])).isPresent();
            // past the retention period: every read one goes; the unread one stays, whatever its age and size
            assertThat(inbox.purge(java.time.Instant.now().plusSeconds(60), 0)).isEqualTo(1);
            assertThat(inbox.pending(10)).containsExactly(unread);
        }
    }

    @Test
    void aFiftyMegabyteMessageIsStoredWholeAndReadBack() {
        byte[] head = ("From: someone@example.org\r\nSubject: holiday pictures\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] raw = Arrays.copyOf(head, 50 * 1024 * 1024);
        for (int i = head.length; i < raw.length; i++) {
            raw[i] = (i % 78 == 76) ? (byte) '\r' : (i % 78 == 77) ? (byte) '\n' : (byte) ('A' + i % 26);
        }
        try (Database db = openDatabase()) {
            Inbox inbox = new Inbox(db);
            long id = inbox.store("127.0.0.1", "someone@example.org", List.of("postmaster@bounces.test"), raw);
            assertThat(inbox.pending(10)).containsExactly(id);
            assertThat(inbox.received(id)).hasValueSatisfying(r -> {
                assertThat(r.id()).isEqualTo(id);
                assertThat(r.raw()).hasSize(raw.length);
                assertThat(Arrays.equals(r.raw(), raw)).isTrue();
            });
            // the mailroom reads only the start of it: its memory does not grow with what was accepted
            assertThat(inbox.received(id, Mailroom.READ_LIMIT)).hasValueSatisfying(r ->
                    assertThat(r.raw()).hasSize(Mailroom.READ_LIMIT).isEqualTo(Arrays.copyOf(raw, Mailroom.READ_LIMIT)));
            assertThat(Classifier.classify(raw)).isInstanceOf(NotBounce.class);
            inbox.mark(id, Inbox.Status.IGNORED, "other", null, "not a report");
            assertThat(inbox.raw(id)).hasValueSatisfying(b -> assertThat(b).hasSize(raw.length));
        }
    }
}
