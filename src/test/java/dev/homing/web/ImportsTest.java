package dev.homing.web;

import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web import as the page polls it: the moment a job says it is done, everything the page shows of it is there.
 * (A job once published its report before it had read its reject file back, and the page showed an empty list of
 * rejected rows under "1 rejected".)
 */
class ImportsTest {
    @TempDir
    Path home;
    Database db;
    Lists lists;
    Imports imports;

    @BeforeEach
    void start() {
        db = Database.embedded(home);
        lists = new Lists(db);
        imports = new Imports(lists, home.resolve("uploads"));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void aDoneJobAlreadyHoldsItsRejectedRows() throws Exception {
        MailingList list = lists.create("news", null);
        // many small imports, each watched by a thread that looks at it as often as it can, as a page poll might
        for (int i = 0; i < 40; i++) {
            Path upload = imports.file(".csv");
            Files.writeString(upload, "email,name\nreader" + i + "@example.com,Reader\nnot an address,Broken\n");
            Imports.Job job = imports.start(list, upload, "readers" + i + ".csv", "signed up at the counter");
            while (!job.done()) {
                Thread.onSpinWait();
            }
            assertThat(job.report).as("import %d", i).isNotNull();
            assertThat(job.report.rejected()).isEqualTo(1);
            assertThat(job.rejects).as("import %d: the rejected rows when the job first says done", i)
                    .contains("not an address");
        }
    }
}
