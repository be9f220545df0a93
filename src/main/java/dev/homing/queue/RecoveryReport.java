package dev.homing.queue;

/**
 * What recovery found after an unclean stop.
 *
 * @param settledFromJournal deliveries whose outcome was in the journal but not yet in the database
 * @param uncertain          deliveries caught after the dot: now {@code uncertain} (147), not resent
 * @param requeued           deliveries that never reached the dot: queued again, safe to resend
 */
public record RecoveryReport(int settledFromJournal, int uncertain, int requeued) {
    public boolean clean() {
        return settledFromJournal == 0 && uncertain == 0 && requeued == 0;
    }
}
