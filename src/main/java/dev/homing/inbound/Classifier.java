package dev.homing.inbound;

/**
 * The entry point of bounce and complaint parsing: the raw bytes of one received message in, one
 * {@link Analysis} out. Stateless, thread-safe, and total: any input, however broken, gives an
 * answer ({@link Unparsed} at worst), never an exception.
 */
public final class Classifier {
    private Classifier() {
    }

    /** Larger than any report; past this the message is kept for the operator, not read. */
    public static final int MAX_BYTES = 80 * 1024 * 1024;

    /** Classifies one received message (the bytes as received, headers included; LF or CRLF). */
    public static Analysis classify(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return new Unparsed("the message is empty");
        }
        if (raw.length > MAX_BYTES) {
            return new Unparsed("the message is " + raw.length / (1024 * 1024) + " MB, larger than the " + MAX_BYTES / (1024 * 1024)
                    + " MB a report can be; kept unread");
        }
        try {
            Analysis read = Reading.of(raw);
            // a reading that gave no answer is a bug of ours like an exception: the message is kept as unparsed
            return read != null ? read : new Unparsed("could not be read (no reading gave an answer)");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // A bug of ours must not lose the message: the caller stores it as unparsed with this reason.
            return new Unparsed("could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }
}
