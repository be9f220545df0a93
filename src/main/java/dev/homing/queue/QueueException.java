package dev.homing.queue;

/** The queue could not read or write its journal or database; the message names the file or table. */
public final class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
