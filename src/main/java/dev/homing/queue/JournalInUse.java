package dev.homing.queue;

/**
 * Another process delivers from this home: it holds the journal. Only one process may deliver from a home (two would
 * replay one journal and resend mail); the others work beside it through the database.
 */
public final class JournalInUse extends RuntimeException {
    JournalInUse(String message) {
        super(message);
    }
}
