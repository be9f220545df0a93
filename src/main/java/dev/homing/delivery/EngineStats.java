package dev.homing.delivery;

/**
 * Live counters of the engine since it started: attempts by the state they left the delivery in.
 *
 * @param attempts    attempts judged
 * @param delivered   accepted after the dot
 * @param bounced     permanent failures
 * @param deferred    temporary failures that will be retried
 * @param expired     temporary failures past the maximum queue age
 * @param uncertain   caught after the dot
 * @param connections connections opened
 * @param open        connections open now
 * @param slowDowns   times a destination asked us to slow down
 */
public record EngineStats(long attempts, long delivered, long bounced, long deferred, long expired, long uncertain,
                          long connections, int open, long slowDowns) {
    /** Deliveries this engine brought to a final state. */
    public long finished() {
        return delivered + bounced + expired + uncertain;
    }
}
