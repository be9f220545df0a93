package dev.homing.delivery;

/**
 * Live counters of the engine since it started.
 *
 * @param attempts       attempts judged
 * @param delivered      accepted after the dot
 * @param deferred       temporary failures (will be retried or have expired)
 * @param failed         permanent failures
 * @param uncertain      caught after the dot
 * @param connections    connections opened
 * @param open           connections open now
 * @param slowDowns      times a destination asked us to slow down
 */
public record EngineStats(long attempts, long delivered, long deferred, long failed, long uncertain, long connections,
                          int open, long slowDowns) {
}
