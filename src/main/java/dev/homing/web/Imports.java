package dev.homing.web;

import dev.homing.list.ImportReport;
import dev.homing.list.Importer;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CSV imports started from the web UI: the upload is kept in a file of the node's own upload folder
 * (owner-only: it holds subscribers), read on a thread of its own, and its progress (bytes of the file
 * read) is what the page polls. Rejected rows go to a file beside it as they come, so memory does not
 * grow with a file full of bad rows; the page shows the first of them and links the whole file. Jobs
 * live in memory: an import is short, and the rows it wrote are in the database whatever happens to the page.
 */
public final class Imports {
    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    /** Rejected rows shown on the page; the rest are in the file it links. */
    static final int REJECTS_SHOWN = 50;

    private final Lists lists;
    private final Path folder;
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param folder where uploads and reject files are kept (made owner-only; what a previous run left there is removed) */
    Imports(Lists lists, Path folder) {
        this.lists = lists;
        this.folder = folder;
        try {
            dev.homing.store.OwnerOnly.folder(folder);
            try (var old = Files.list(folder)) {
                for (Path p : (Iterable<Path>) old::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare the upload folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** A new owner-only file in the upload folder. */
    Path file(String suffix) throws IOException {
        return dev.homing.store.OwnerOnly.file(folder, "import-", suffix);
    }

    /** One import: where it is, and how it ended. */
    public static final class Job {
        public final long id;
        public final String list;
        public final String file;
        final long size;
        volatile long bytes;
        public volatile long rows;
        public volatile ImportReport report;
        public volatile String error;
        /** The first rejected rows, for the page. */
        public volatile String rejects = "";
        volatile Path rejectFile;
        /** The header's columns when none was recognised as the address: the page asks which one (null otherwise). */
        public volatile java.util.List<String> columns;
        /** What a retry with a chosen column needs: the upload (kept while the page asks), the list and the consent. */
        volatile Path upload;
        volatile MailingList target;
        volatile String consent;

        Job(long id, String list, String file, long size) {
            this.id = id;
            this.list = list;
            this.file = file;
            this.size = size;
        }

        Path rejectFile() {
            return rejectFile;
        }

        public boolean done() {
            return report != null || error != null;
        }

        /** Percent of the file read, 0 to 100. */
        public int percent() {
            if (report != null) {
                return 100;
            }
            return size <= 0 ? 0 : (int) Math.min(99, bytes * 100 / size);
        }
    }

    /** Starts reading the uploaded file (which this job deletes when done). */
    Job start(MailingList list, Path upload, String fileName, String consent) throws IOException {
        return start(list, upload, fileName, consent, null);
    }

    /** Reads the file of an import that stopped at its header again, with the address in the column the user chose. */
    Job retry(Job stopped, String column) throws IOException {
        if (stopped.columns == null || stopped.upload == null || !Files.isRegularFile(stopped.upload)) {
            throw new IllegalStateException("this import cannot be retried: upload the file again");
        }
        if (stopped.columns.stream().noneMatch(c -> c.strip().equalsIgnoreCase(column == null ? "" : column.strip()))) {
            throw new IllegalArgumentException("choose one of the file's columns: " + String.join(", ", stopped.columns));
        }
        Path upload = stopped.upload;
        stopped.upload = null; // the retry owns it now
        return start(stopped.target, upload, stopped.file, stopped.consent, column);
    }

    private Job start(MailingList list, Path upload, String fileName, String consent, String emailColumn) throws IOException {
        Job job = new Job(ids.incrementAndGet(), list.name(), fileName, Files.size(upload));
        job.target = list;
        job.consent = consent;
        jobs.put(job.id, job);
        Path rejectFile = file(".rejects.csv");
        job.rejectFile = rejectFile;
        Thread.ofVirtual().name("import-" + job.id).start(() -> {
            // the outcome is published last, after the reject file is read back: the page polls done(), and a job
            // that says done shows all it has
            ImportReport report = null;
            String error = null;
            try (var in = Files.newInputStream(upload); var rejects = Files.newBufferedWriter(rejectFile, StandardCharsets.UTF_8)) {
                report = new Importer(lists, list, consent).withEmailColumn(emailColumn).run(in, "web upload " + fileName, rejects, p -> {
                    job.bytes = p.bytes();
                    job.rows = p.rows();
                });
            } catch (Importer.NoEmailColumn e) {
                // nothing was imported: the page asks which column holds the addresses, and the upload waits for the answer
                job.upload = upload;
                job.columns = e.columns();
                error = e.getMessage();
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                log.error("import of {} into {} failed: {}", fileName, list.name(), e.getMessage(), e);
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                try {
                    if (job.upload == null) {
                        Files.deleteIfExists(upload);
                    }
                } catch (IOException e) {
                    log.warn("temporary upload {} not deleted: {}", upload, e.getMessage());
                }
            }
            try (var lines = Files.lines(rejectFile, StandardCharsets.UTF_8)) {
                // the header and the first rows: enough to see what went wrong, the rest is one click away
                job.rejects = lines.limit(REJECTS_SHOWN + 1).collect(java.util.stream.Collectors.joining("\n"));
            } catch (IOException | java.io.UncheckedIOException e) {
                log.warn("reject file {} not read: {}", rejectFile, e.getMessage());
            }
            job.error = error;
            job.report = report;
        });
        return job;
    }

    Job find(long id) {
        return jobs.get(id);
    }
}
