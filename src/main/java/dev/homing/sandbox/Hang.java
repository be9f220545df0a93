package dev.homing.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Keeps a connection open without answering, the way a stuck server does. Whatever the client
 * sends meanwhile is read and thrown away, so that its disconnect is noticed at once. Ends when
 * the client goes away, when the socket is closed under it (the sandbox closing), or when the
 * hang duration has passed. No polling: one blocking read with the remaining time as timeout.
 */
final class Hang {

    enum End {
        /** The client closed or reset the connection. */
        CLIENT_LEFT,
        /** The socket was closed on our side (the sandbox is closing) or failed. */
        CLOSED,
        /** The hang duration passed with the client still waiting. */
        EXPIRED
    }

    private Hang() {
    }

    static End untilClientLeaves(Socket socket, InputStream in, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        byte[] sink = new byte[1024];
        try {
            while (true) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    return End.EXPIRED;
                }
                socket.setSoTimeout((int) Math.min(leftMs, Integer.MAX_VALUE));
                try {
                    if (in.read(sink) < 0) {
                        return End.CLIENT_LEFT;
                    }
                } catch (SocketTimeoutException e) {
                    // loop: the deadline decides
                }
            }
        } catch (IOException e) {
            return socket.isClosed() ? End.CLOSED : End.CLIENT_LEFT;
        }
    }
}
