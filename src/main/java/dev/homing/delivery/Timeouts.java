package dev.homing.delivery;

import java.time.Duration;

/**
 * Per-stage timeouts of the SMTP client. Defaults follow RFC 5321 section 4.5.3.2 (greeting 5 min,
 * MAIL 5 min, RCPT 5 min, DATA initiation 2 min, data block 3 min, final dot 10 min); connect is
 * not in the RFC and uses 30 s, as Postfix does. A timeout maps to an internal code: connect and
 * banner to 160, anything before the dot to 146, the final reply to 147.
 */
public record Timeouts(Duration connect, Duration banner, Duration command, Duration mail, Duration rcpt,
                       Duration data, Duration dataBlock, Duration dot) {

    public static Timeouts rfc5321() {
        return new Timeouts(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10));
    }

    /** The same duration for every stage (tests, demo). */
    public static Timeouts all(Duration d) {
        return new Timeouts(d, d, d, d, d, d, d, d);
    }

    public Timeouts withDot(Duration d) {
        return new Timeouts(connect, banner, command, mail, rcpt, data, dataBlock, d);
    }
}
