package dev.homing.queue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Append-only journal with group commit. Dot marks wait until a shared fsync covers them, so many
 * sending sessions share one disk flush; settlements are written at once (a killed process loses
 * nothing the kernel has) without waiting for a flush. One writer thread owns the file.
 * Claims are durable the same way, so that deliveries taken off the database's work list are
 * known after a crash. Segments are rotated at checkpoints and deleted once the database holds
 * what they record; claims and dots still open are carried into the new segment.
 */
final class Journal implements AutoCloseable {
    private static final String PREFIX = "journal-";
    private static final String SUFFIX = ".log";

    private final Path dir;
    /**
     * Guards the fields below. The writer waits on {@link #work}; callers waiting for their record to be on
     * disk wait on {@link #done}, signalled once per write: an append wakes the writer only, never the
     * hundreds of sessions waiting for the previous fsync (that thundering herd cost a tenth of a core).
     */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final java.util.concurrent.locks.Condition work = lock.newCondition();
    private final java.util.concurrent.locks.Condition done = lock.newCondition();
    /** Dots written and not settled yet, each with its record (carried over when the journal rotates). */
    private final java.util.Map<Long, String> openDots = new ConcurrentHashMap<>();
    private final Set<Long> openClaims = ConcurrentHashMap.newKeySet();
    private final Thread writer;

    // guarded by lock
    private StringBuilder pending = new StringBuilder(8192);
    private long appended;
    private long synced;
    private boolean syncWanted;
    private boolean rotateWanted;
    private Path rotatedOut;
    private IOException failure;
    private boolean closed;

    private FileChannel channel;
    private Path current;
    private long segment;
    /** Held for the life of the journal: two processes replaying and appending one journal would resend mail. */
    private final FileChannel ownerFile;
    private final java.nio.channels.FileLock owner;

    Journal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            ownerFile = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock l;
            try {
                l = ownerFile.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ownerFile.close();
                throw new JournalInUse("another Homing process is delivering from " + dir.getParent() + " (its journal is in use);"
                        + " stop it first, or run this command in that process's place");
            }
            owner = l;
            segment = existingSegments().stream().mapToLong(Journal::segmentNo).max().orElse(0) + 1;
            current = dir.resolve(PREFIX + segment + SUFFIX);
            channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new QueueException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
        writer = Thread.ofPlatform().name("homing-journal").daemon(true).start(this::run);
    }

    /** Every line of every segment but the one just opened, oldest first: what recovery replays. */
    List<String> previousLines() {
        List<String> lines = new ArrayList<>();
        for (Path p : existingSegments()) {
            if (p.equals(current)) {
                continue;
            }
            try {
                lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new QueueException("cannot read the journal segment " + p + ": " + e.getMessage(), e);
            }
        }
        return lines;
    }

    /** Deletes every segment but the current one (after recovery has applied them). */
    void deletePrevious() {
        for (Path p : existingSegments()) {
            if (!p.equals(current)) {
                delete(p);
            }
        }
    }

    /** Records that the dot for this delivery may be written, and returns once that is on disk. */
    void markDot(long deliveryId, String mxHost, String mxIp) {
        String record = JournalCodec.dot(deliveryId, java.time.Instant.now(), mxHost, mxIp);
        openDots.put(deliveryId, record);
        durably(record);
    }

    /**
     * As {@link #markDot}, without waiting for the disk: a clustered node records each dot in the shared
     * database, which is what a node taking its shard over reads; its own journal's dots are not replayed.
     */
    void noteDot(long deliveryId, String mxHost, String mxIp) {
        String record = JournalCodec.dot(deliveryId, java.time.Instant.now(), mxHost, mxIp);
        openDots.put(deliveryId, record);
        appendNoWait(record);
    }

    /** Hands records to the writer without waiting for the disk (they are written promptly, fsynced with the next durable record). */
    private void appendNoWait(CharSequence records) {
        lock.lock();
        try {
            pending.append(records);
            appended++;
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Records deliveries taken off the work list, and returns once that is on disk. */
    void markClaimed(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(ids.size() * 12);
        for (long id : ids) {
            sb.append(JournalCodec.claim(id));
        }
        openClaims.addAll(ids);
        durably(sb.toString());
    }

    /** Records claimed deliveries put back unsent (no flush needed: a lost release reads as a claim, and both requeue). */
    void released(List<Long> ids) {
        StringBuilder sb = new StringBuilder(ids.size() * 12);
        for (long id : ids) {
            sb.append(JournalCodec.release(id));
        }
        appendNoWait(sb);
        ids.forEach(openClaims::remove);
    }

    /** Deliveries claimed by this process and not yet settled or released. */
    int inFlight() {
        return openClaims.size();
    }

    private void durably(String records) {
        long seq;
        lock.lock();
        try {
            pending.append(records);
            seq = ++appended;
            syncWanted = true;
            work.signal();
            while (synced < seq && failure == null && !closed) {
                waitOn(done);
            }
            if (failure != null) {
                throw new QueueException("the journal in " + dir + " cannot be written: " + failure.getMessage(), failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Appends a settlement; written promptly, fsynced with the next dot mark or checkpoint. */
    void append(Settlement s) {
        appendNoWait(JournalCodec.settlement(s));
        openDots.remove(s.deliveryId());
        openClaims.remove(s.deliveryId());
    }

    /**
     * Starts a new segment (carrying over dot marks not yet settled) and returns the previous one,
     * which the caller deletes once the database holds every settlement in it.
     */
    Path rotate() {
        lock.lock();
        try {
            rotateWanted = true;
            rotatedOut = null;
            work.signal();
            while (rotateWanted && failure == null && !closed) {
                waitOn(done);
            }
            if (failure != null) {
                throw new QueueException("the journal in " + dir + " cannot be rotated: " + failure.getMessage(), failure);
            }
            return rotatedOut;
        } finally {
            lock.unlock();
        }
    }

    static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new QueueException("cannot delete the journal segment " + p + ": " + e.getMessage(), e);
        }
    }

    private void run() {
        while (true) {
            StringBuilder batch;
            long upTo;
            boolean sync;
            boolean rotate;
            lock.lock();
            try {
                while (pending.isEmpty() && !rotateWanted && !closed) {
                    waitOn(work);
                }
                if (closed && pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new StringBuilder(Math.max(8192, batch.length()));
                upTo = appended;
                sync = syncWanted;
                syncWanted = false;
                rotate = rotateWanted;
            } finally {
                lock.unlock();
            }
            try {
                write(batch);
                if (rotate) {
                    Path old = current;
                    channel.force(false);
                    channel.close();
                    segment++;
                    current = dir.resolve(PREFIX + segment + SUFFIX);
                    channel = FileChannel.open(current, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    // what is still in flight must survive the old segment's deletion
                    StringBuilder carried = new StringBuilder();
                    for (Long id : openClaims) {
                        if (!openDots.containsKey(id)) {
                            carried.append(JournalCodec.claim(id));
                        }
                    }
                    for (String dot : openDots.values()) {
                        carried.append(dot);
                    }
                    write(carried);
                    channel.force(false);
                    lock.lock();
                    try {
                        rotatedOut = old;
                        rotateWanted = false;
                    } finally {
                        lock.unlock();
                    }
                } else if (sync) {
                    channel.force(false);
                }
                lock.lock();
                try {
                    synced = Math.max(synced, upTo);
                    done.signalAll();
                } finally {
                    lock.unlock();
                }
            } catch (IOException e) {
                lock.lock();
                try {
                    failure = e;
                    done.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
        }
    }

    private void write(StringBuilder sb) throws IOException {
        if (sb.isEmpty()) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    private void waitOn(java.util.concurrent.locks.Condition c) {
        try {
            c.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted while waiting for the journal", e);
        }
    }

    private List<Path> existingSegments() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted((a, b) -> Long.compare(segmentNo(a), segmentNo(b)))
                    .toList();
        } catch (IOException e) {
            throw new QueueException("cannot list the journal folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private static long segmentNo(Path p) {
        String n = p.getFileName().toString();
        return Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length()));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signal();
            done.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(5_000);
            channel.force(false);
            channel.close();
            owner.release();
            ownerFile.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new QueueException("cannot close the journal " + current + ": " + e.getMessage(), e);
        }
    }
}
