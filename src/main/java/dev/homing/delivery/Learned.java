package dev.homing.delivery;

/**
 * What a receiving service's throttle learned from its answers, for status pages.
 *
 * @param service         the receiving service (a rollup key: every domain Google hosts is "google")
 * @param refusedAt       the connection count the receiver last refused (0: none)
 * @param refusedSecsAgo  seconds since that refusal, -1 when none
 * @param nextProbeSecs   seconds until one more connection (or more rate) may be tried, 0 when none is pending
 */
public record Learned(String service, int configuredConnections, int connections, double configuredRate, double rate, int slowDowns,
                      int refusedAt, long refusedSecsAgo, long nextProbeSecs) {
    /** Below what was configured: the receiver asked for less. */
    public boolean slowed() {
        return connections < configuredConnections || rate != configuredRate;
    }
}
