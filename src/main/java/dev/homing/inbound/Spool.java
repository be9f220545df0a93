package dev.homing.inbound;

import dev.homing.store.OwnerOnly;
import org.subethamail.smtp.RejectException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * Where a message being received goes while its DATA arrives: a file of its own in an owner-only folder, written in
 * chunks, so the node holds one chunk per session in memory whatever outsiders send. The bytes spooled at once, all
 * sessions together, are bounded too (the disk is as finite as the heap): a message larger than the size limit is read
 * to its end and dropped (552), and one that would pass the budget while others are spooled is read to its end and
 * refused for now (452), so the sender keeps it and tries later.
 */
final class Spool {
    private static final int CHUNK = 64 * 1024;
    private final Path dir;
    private final Semaphore kilobytes;

    /**
     * @param dir   the folder spool files are written to (made owner-only)
     * @param bytes the bytes all sessions may spool at once
     */
    Spool(Path dir, long bytes) throws IOException {
        this.dir = OwnerOnly.folder(dir);
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / 1024)));
        // files of a node that stopped mid-DATA: their senders never got a 250, so they still hold the messages
        try (var old = Files.newDirectoryStream(dir, "in-*.eml")) {
            for (Path p : old) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One message spooled to its file; close deletes the file and frees its share of the budget. */
    static final class Spooled implements AutoCloseable {
        private final Path file;
        private final long size;
        private final int reserved;
        private final Semaphore from;

        private Spooled(Path file, long size, int reserved, Semaphore from) {
            this.file = file;
            this.size = size;
            this.reserved = reserved;
            this.from = from;
        }

        long size() {
            return size;
        }

        InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next start clears the folder
            } finally {
                from.release(reserved);
            }
        }
    }

    /**
     * Reads one message (the DATA stream, to its end) to a spool file, within the size limit and the budget.
     *
     * @throws RejectException 552 when it is larger than {@code maxSize}, 452 when the budget is spent by other messages,
     *                         451 when the file cannot be written
     */
    Spooled read(InputStream data, int maxSize) throws IOException, RejectException {
        Path file;
        try {
            file = OwnerOnly.file(dir, "in-", ".eml");
        } catch (IOException e) {
            data.transferTo(OutputStream.nullOutputStream());
            throw new RejectException(451, "4.3.0 cannot spool the message now, try again later");
        }
        byte[] chunk = new byte[CHUNK];
        int reserved = 0;
        long size = 0;
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = data.readNBytes(chunk, 0, chunk.length)) > 0) {
                if (size + n > maxSize) {
                    data.transferTo(OutputStream.nullOutputStream()); // read to the end of DATA, then refuse: the sender keeps it
                    throw new RejectException(552, "5.3.4 message larger than " + maxSize + " bytes");
                }
                int need = (int) ((size + n + 1023) / 1024) - reserved;
                if (need > 0 && !kilobytes.tryAcquire(need)) {
                    data.transferTo(OutputStream.nullOutputStream());
                    throw new RejectException(452, "4.3.1 too much mail in progress here, try again later");
                }
                reserved += Math.max(0, need);
                try {
                    out.write(chunk, 0, n);
                } catch (IOException e) {
                    data.transferTo(OutputStream.nullOutputStream());
                    throw new RejectException(451, "4.3.0 cannot spool the message now, try again later");
                }
                size += n;
            }
            kept = true;
        } finally {
            if (!kept) {
                kilobytes.release(reserved);
                Files.deleteIfExists(file);
            }
        }
        return new Spooled(file, size, reserved, kilobytes);
    }

    /** Kilobytes free now (for tests). */
    int available() {
        return kilobytes.availablePermits();
    }
}
