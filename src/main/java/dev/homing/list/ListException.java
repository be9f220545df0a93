package dev.homing.list;

/** A list operation failed; the message says which list and why. */
public sealed class ListException extends RuntimeException permits Importer.NoEmailColumn {
    public ListException(String message) {
        super(message);
    }

    public ListException(String message, Throwable cause) {
        super(message, cause);
    }
}
