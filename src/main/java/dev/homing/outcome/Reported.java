package dev.homing.outcome;

import dev.homing.smtp.Reply;
import dev.homing.smtp.Stage;

import java.util.Objects;

/**
 * What a delivery report (a bounce, a delay notice) says about one recipient, as the judge weighs it.
 *
 * @param stage        the SMTP command the report says the remote server answered, or null when it names none
 * @param reply        the remote server's reply as the report quotes it; its code is inferred from the status
 *                     class when the report quotes none
 * @param quotesWords  true when the report quotes words about this recipient (a diagnostic text)
 * @param delayed      true for a delay notice (RFC 3464 Action: delayed): the reporting server is still trying
 * @param reportWords  the reporting server's own words (its notice around the quoted reply), or null: read, only when it
 *                     matters, for its words of giving up after retrying ({@link Judge#saysGaveUp})
 * @param localProgram true when a local delivery program failed (Diagnostic-Code of type x-unix, a pipe)
 */
public record Reported(Stage stage, Reply reply, boolean quotesWords, boolean delayed, String reportWords, boolean localProgram) {
    public Reported {
        Objects.requireNonNull(reply, "reply");
    }
}
