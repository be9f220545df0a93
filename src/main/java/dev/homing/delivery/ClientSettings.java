package dev.homing.delivery;

import java.time.Duration;

/**
 * How the SMTP client behaves on a connection.
 *
 * @param helo               the name we give in EHLO/HELO (should match our IP's PTR)
 * @param maxPerConnection   messages sent over one connection before it is closed
 * @param idle               how long a connection waits for another message to the same destination
 */
public record ClientSettings(String helo, Timeouts timeouts, int maxPerConnection, Duration idle) {
    public static ClientSettings defaults(String helo) {
        return new ClientSettings(helo, Timeouts.rfc5321(), 100, Duration.ofSeconds(5));
    }

    public ClientSettings withTimeouts(Timeouts t) {
        return new ClientSettings(helo, t, maxPerConnection, idle);
    }
}
