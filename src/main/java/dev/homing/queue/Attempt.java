package dev.homing.queue;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.time.Instant;

/**
 * One attempt to deliver: where it went, how far the dialog got, what the server (or the
 * failure) said, and how long it took.
 *
 * @param mxHost     the MX host name tried last, or null when none was reached (DNS failure)
 * @param mxIp       its address, or null
 * @param stage      the stage the deciding reply answered
 * @param reply      the deciding reply (an internal 1xx code when there was none)
 * @param connectMs  time to connect and read the banner, or -1 when the connection was reused
 * @param durationMs time of this message's transaction
 * @param transcript every reply of this transaction, one per line: "stage code elapsed-ms text"
 */
public record Attempt(Instant startedAt, String mxHost, String mxIp, Stage stage, Reply reply, int connectMs,
                      int durationMs, String transcript) {
}
