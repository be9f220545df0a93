package dev.homing.list;

/** A list operation failed; the message says which list and why. */
public final class ListException extends RuntimeException {
    public ListException(String message) {
        super(message);
    }

    public ListException(String message, Throwable cause) {
        super(message, cause);
    }
}
