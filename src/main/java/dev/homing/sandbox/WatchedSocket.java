package dev.homing.sandbox;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A socket accepted by the simulated MX whose reads an {@link IdleSweep} can see: each read notes when
 * it began, and a read the sweep ended for idleness fails with a {@link SocketTimeoutException}, as a
 * socket read timeout would (SubEthaSMTP answers that with its 421 and ends the session). Made by the
 * front's server socket through {@code implAccept}.
 */
final class WatchedSocket extends Socket {
    /** When the read under way began ({@code System.nanoTime()}); 0: no read under way. */
    private volatile long readingSince;
    private volatile boolean expired;
    /** Set once a behaviour holds the connection silent on purpose (a hang keeps its own limit). */
    private volatile boolean exempt;
    private final IdleSweep sweep;
    private InputStream in;

    WatchedSocket(IdleSweep sweep) {
        this.sweep = sweep;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new Watched(super.getInputStream());
        }
        return in;
    }

    /** Exempts the connection from the idle limit from now on. */
    void exempt() {
        exempt = true;
    }

    /** True when a read has been waiting since before {@code limitStart} (and the connection is not exempt). */
    boolean idleSince(long limitStart) {
        long since = readingSince;
        return since != 0 && !exempt && since - limitStart < 0;
    }

    /** Ends the waiting read: it returns at once and fails as timed out. */
    void expire() throws IOException {
        expired = true;
        shutdownInput();
    }

    @Override
    public void close() throws IOException {
        sweep.forget(this);
        super.close();
    }

    private final class Watched extends FilterInputStream {
        Watched(InputStream in) {
            super(in);
        }

        /** Rare: SubEthaSMTP reads through a buffer of its own. */
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            long now = System.nanoTime();
            readingSince = now == 0 ? 1 : now;
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                throw expired ? timedOut() : e;
            } finally {
                readingSince = 0;
            }
            if (expired) {
                // the sweep ended the read: whatever it returned (end of stream, or a last-moment byte), it timed out
                throw timedOut();
            }
            return n;
        }

        private SocketTimeoutException timedOut() {
            return new SocketTimeoutException("no command or data within the sandbox's idle limit");
        }
    }
}
