package dev.homing.sandbox;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads the message after DATA up to the terminating {@code CRLF.CRLF}, counting bytes and keeping
 * nothing, except, when asked, the header section (for late-bounce DSNs), capped at
 * {@link #HEADER_CAP}. Reads in chunks through the session's buffered stream and steps back with
 * mark/reset so that pipelined commands after the dot stay unread for the command loop.
 * One reader per session (it owns a chunk buffer); not thread-safe.
 */
final class DataReader {
    static final int CHUNK = 8192;
    static final int HEADER_CAP = 64 * 1024;

    /**
     * @param complete whether the terminating dot arrived (false: the client went away mid-message)
     * @param bytes    bytes read, as on the wire (dot-stuffed, terminator included)
     * @param headers  the header section, unstuffed, CRLF line ends, ending with CRLF; null when not asked
     */
    record Result(boolean complete, long bytes, byte[] headers) {
    }

    private static final int LINE_START = 0;
    private static final int MID = 1;
    private static final int CR = 2;
    private static final int EMPTY_CR = 3;
    private static final int DOT = 4;
    private static final int DOT_CR = 5;

    private final byte[] buf = new byte[CHUNK];
    private int state;
    private boolean capturing;
    private boolean headersEnded;
    private byte[] captured;
    private int capturedLen;

    Result read(InputStream in, boolean wantHeaders) throws IOException {
        state = LINE_START;
        capturing = wantHeaders;
        headersEnded = false;
        captured = wantHeaders ? new byte[1024] : null;
        capturedLen = 0;
        long total = 0;
        boolean chunked = in.markSupported();
        while (true) {
            int n;
            if (chunked) {
                in.mark(CHUNK);
                n = in.read(buf, 0, CHUNK);
            } else {
                int b = in.read();
                n = b < 0 ? -1 : 1;
                buf[0] = (byte) b;
            }
            if (n < 0) {
                return new Result(false, total, null);
            }
            int end = scan(n);
            if (end >= 0) {
                if (chunked && end < n) {
                    in.reset();
                    skipFully(in, end);
                }
                total += end;
                return new Result(true, total, wantHeaders ? headers() : null);
            }
            total += n;
        }
    }

    /** Runs the state machine over buf[0..n); returns the index just after the terminator, or -1. */
    private int scan(int n) {
        int captureFrom = 0;
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            switch (state) {
                case LINE_START -> state = b == '.' ? DOT : b == '\r' ? EMPTY_CR : MID;
                case MID -> state = b == '\r' ? CR : MID;
                case CR -> state = b == '\n' ? LINE_START : b == '\r' ? CR : MID;
                case EMPTY_CR -> {
                    if (b == '\n') {
                        state = LINE_START;
                        if (capturing) {
                            capture(captureFrom, i + 1);
                            capturing = false;
                            headersEnded = true;
                        }
                    } else {
                        state = b == '\r' ? CR : MID;
                    }
                }
                case DOT -> state = b == '\r' ? DOT_CR : MID;
                case DOT_CR -> {
                    if (b == '\n') {
                        if (capturing) {
                            // keep what precedes ".\r\n"; parts of it may sit in earlier chunks
                            int dot = i - 2;
                            capture(captureFrom, Math.max(captureFrom, dot));
                            if (dot < 0) {
                                capturedLen = Math.max(0, capturedLen + dot);
                            }
                            capturing = false;
                        }
                        return i + 1;
                    }
                    state = b == '\r' ? CR : MID;
                }
                default -> throw new IllegalStateException("state " + state);
            }
        }
        if (capturing) {
            capture(captureFrom, n);
        }
        return -1;
    }

    private void capture(int from, int to) {
        int len = Math.min(to - from, HEADER_CAP - capturedLen);
        if (len <= 0) {
            return;
        }
        if (capturedLen + len > captured.length) {
            captured = Arrays.copyOf(captured, Math.min(HEADER_CAP, Math.max(captured.length * 2, capturedLen + len)));
        }
        System.arraycopy(buf, from, captured, capturedLen, len);
        capturedLen += len;
        if (capturedLen >= HEADER_CAP) {
            capturing = false;
        }
    }

    /** The captured header section, whole lines only, dot-unstuffed, without the blank separator line. */
    private byte[] headers() {
        int len = capturedLen;
        if (headersEnded && len >= 2) {
            len -= 2; // the blank line's CRLF
        }
        int lastLf = -1;
        for (int i = len - 1; i >= 0; i--) {
            if (captured[i] == '\n') {
                lastLf = i;
                break;
            }
        }
        len = lastLf + 1;
        byte[] out = new byte[len];
        int o = 0;
        boolean lineStart = true;
        for (int i = 0; i < len; i++) {
            byte b = captured[i];
            if (!(lineStart && b == '.')) {
                out[o++] = b;
            }
            lineStart = b == '\n';
        }
        return Arrays.copyOf(out, o);
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("stream ended while skipping");
                }
                s = 1;
            }
            n -= s;
        }
    }
}
