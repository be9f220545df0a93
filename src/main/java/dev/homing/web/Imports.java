package dev.homing.web;

import dev.homing.list.ImportReport;
import dev.homing.list.Importer;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * CSV imports started from the web UI: the upload is kept in a temporary file, read on a thread of its
 * own, and its progress (bytes of the file read) is what the page polls. Jobs live in memory: an import
 * is short, and the rows it wrote are in the database whatever happens to the page.
 */
public final class Imports {
    private static final Logger log = LoggerFactory.getLogger(Imports.class);
    /** Rejected rows kept for the page; the rest are counted. */
    private static final int REJECTS_SHOWN = 20_000;

    private final Lists lists;
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Imports(Lists lists) {
        this.lists = lists;
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
        public volatile String rejects = "";

        Job(long id, String list, String file, long size) {
            this.id = id;
            this.list = list;
            this.file = file;
            this.size = size;
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
        Job job = new Job(ids.incrementAndGet(), list.name(), fileName, Files.size(upload));
        jobs.put(job.id, job);
        Thread.ofVirtual().name("import-" + job.id).start(() -> {
            StringWriter rejects = new StringWriter();
            try (var in = Files.newInputStream(upload)) {
                job.report = new Importer(lists, list, consent).run(in, "web upload " + fileName, rejects, p -> {
                    job.bytes = p.bytes();
                    job.rows = p.rows();
                });
                String r = rejects.toString();
                job.rejects = r.length() > REJECTS_SHOWN * 80 ? r.substring(0, REJECTS_SHOWN * 80) : r;
            } catch (IOException | RuntimeException e) {
                log.error("import of {} into {} failed: {}", fileName, list.name(), e.getMessage(), e);
                job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            } finally {
                try {
                    Files.deleteIfExists(upload);
                } catch (IOException e) {
                    log.warn("temporary upload {} not deleted: {}", upload, e.getMessage());
                }
            }
        });
        return job;
    }

    Job find(long id) {
        return jobs.get(id);
    }
}
