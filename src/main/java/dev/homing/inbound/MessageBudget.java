package dev.homing.inbound;

import org.subethamail.smtp.RejectException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;

/**
 * The memory the inbound server's messages take at once, all sessions together (twice their bytes, for the growing
 * buffer and the copy handed on). A message is read
 * in chunks, each reserved before it is kept: a message larger than the size limit is read to its end and dropped
 * (552), and one that would pass the budget while others are held is read to its end and refused for now (452): the
 * sender keeps it and tries later, and the node never runs out of memory whatever outsiders send at once.
 */
final class MessageBudget {
    private static final int CHUNK = 64 * 1024;
    private final Semaphore kilobytes;

    MessageBudget(long bytes) {
        this.kilobytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, Math.max(1, bytes / 1024)));
    }

    /** A message held in memory, its reservation released on close. */
    record Held(byte[] bytes, int reserved, Semaphore from) implements AutoCloseable {
        @Override
        public void close() {
            from.release(reserved);
        }
    }

    /**
     * Reads one message (the DATA stream, to its end) within the size limit and the budget.
     *
     * @throws RejectException 552 when it is larger than {@code maxSize}, 452 when the budget is spent by other messages
     */
    Held read(InputStream data, int maxSize) throws IOException, RejectException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
        byte[] chunk = new byte[CHUNK];
        int reserved = 0;
        try {
            int n;
            while ((n = data.readNBytes(chunk, 0, chunk.length)) > 0) {
                if (out.size() + n > maxSize) {
                    data.transferTo(OutputStream.nullOutputStream()); // read to the end of DATA, then refuse: the sender keeps it
                    throw new RejectException(552, "5.3.4 message larger than " + maxSize + " bytes");
                }
                // twice the bytes: the buffer grows by doubling, and the message is copied out of it once
                int need = (2 * (out.size() + n) + 1023) / 1024 - reserved;
                if (need > 0 && !kilobytes.tryAcquire(need)) {
                    data.transferTo(OutputStream.nullOutputStream());
                    throw new RejectException(452, "4.3.1 too much mail in progress here, try again later");
                }
                reserved += Math.max(0, need);
                out.write(chunk, 0, n);
            }
            Held held = new Held(out.toByteArray(), reserved, kilobytes);
            reserved = 0; // the holder releases it
            return held;
        } finally {
            if (reserved > 0) {
                kilobytes.release(reserved);
            }
        }
    }

    /** Kilobytes free now (for tests). */
    int available() {
        return kilobytes.availablePermits();
    }
}
