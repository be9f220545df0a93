package dev.homing.store;

/** The database could not be opened, migrated or written; the message says which and why. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
