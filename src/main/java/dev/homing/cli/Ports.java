package dev.homing.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port a command will listen on, checked before any work starts: a busy port is one clear line and exit
 * code 2 at once, not a stack trace after a campaign has run.
 */
final class Ports {
    private Ports() {
    }

    /**
     * @param option the option or setting that named the port, for the message ("--port", "inbound.port")
     * @return the port (for 0, a free one the system chose; it may be taken again before it is used, rarely)
     * @throws IllegalArgumentException when the port cannot be bound on that host
     */
    static int check(String host, int port, String option) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " " + port + ": not a port (0 to 65535; 0 for a free one)");
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + port + ": cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); another program may hold it: choose another port, or 0 for a free one");
        }
    }
}
