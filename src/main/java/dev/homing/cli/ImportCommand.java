package dev.homing.cli;

import dev.homing.list.ImportReport;
import dev.homing.list.Importer;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code homing import LIST FILE}: stream a CSV into a list, with a progress bar and a reject file. */
@Command(name = "import", description = "Import a CSV file (an email column, other columns become attributes) into a list.")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    HomeOptions home;

    @Parameters(index = "0", paramLabel = "LIST")
    String listName;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--consent", paramLabel = "SOURCE",
            description = "Where consent for the whole file comes from (recorded); members are then confirmed, else unconfirmed.")
    String consent;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Reject file (default: FILE.rejects.csv beside the input).")
    Path rejects;

    @Option(names = "--email-column", paramLabel = "NAME",
            description = "The header of the column that holds the addresses, when it is not called email, e-mail, mail or address.")
    String emailColumn;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("the file " + file + " does not exist or is not a file");
        }
        long size = Files.size(file);
        Path rejectPath = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.csv");
        try (Database db = home.database()) {
            Lists lists = new Lists(db);
            MailingList list = lists.get(listName);
            String source = consent == null ? null : consent + " (import of " + file.getFileName() + ")";
            long start = System.nanoTime();
            long[] last = {0};
            ImportReport r;
            try (InputStream in = Files.newInputStream(file); Writer rej = Files.newBufferedWriter(rejectPath, StandardCharsets.UTF_8)) {
                r = new Importer(lists, list, source).withEmailColumn(emailColumn).run(in, file.toString(), rej, p -> {
                    long now = System.nanoTime();
                    if (now - last[0] < 500_000_000L && p.bytes() < size) {
                        return;
                    }
                    last[0] = now;
                    int width = 30;
                    int filled = size == 0 ? width : (int) Math.min(width, width * p.bytes() / size);
                    double secs = Math.max(0.001, (now - start) / 1e9);
                    System.err.printf("%s[%s%s] %d rows  %.0f rows/s%s", System.console() != null ? "\r" : "",
                            "#".repeat(filled), ".".repeat(width - filled), p.rows(), p.rows() / secs,
                            System.console() != null ? "" : "\n");
                });
            } catch (NoSuchFileException e) {
                throw new IOException("the file " + file + " does not exist");
            } catch (Importer.NoEmailColumn e) {
                Files.deleteIfExists(rejectPath);
                throw new IllegalArgumentException(e.getMessage() + (emailColumn == null ? "; say which holds the addresses with"
                        + " --email-column NAME" : ""), e);
            }
            if (System.console() != null) {
                System.err.println();
            }
            System.out.printf("imported %s into \"%s\": %d lines read (%d header, %d blank, %d in rows); %d rows: %d added, %d updated,"
                            + " %d unchanged, %d duplicates merged, %d rejected (%.1f s, %.0f rows/s)%n", file, list.name(), r.lines(),
                    r.lines() - r.blank() - r.rowLines(), r.blank(), r.rowLines(), r.rows(), r.added(), r.updated(), r.unchanged(),
                    r.duplicates(), r.rejected(), r.elapsed().toNanos() / 1e9, r.rowsPerSecond());
            if (r.windows1252() > 0) {
                System.out.printf("%d lines were not UTF-8 and were read as Windows-1252 (the first is line %d); check accented names%n",
                        r.windows1252(), r.firstWindows1252Line());
            }
            if (r.rejected() > 0) {
                System.out.println("rejected rows, with their line and reason: " + rejectPath);
            } else {
                Files.deleteIfExists(rejectPath);
            }
            System.out.println(consent == null
                    ? "members are unconfirmed: they receive no campaign until they confirm (double opt-in)"
                    : "members are confirmed; consent recorded as \"" + source + "\"");
            return 0;
        }
    }
}
