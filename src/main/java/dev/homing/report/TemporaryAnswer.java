package dev.homing.report;

import dev.homing.outcome.Reason;

/**
 * A temporary answer met on the way (a 421, 450, 451: greylisting, a rate limit, a server busy), with the deliveries it
 * touched and how those ended: what the final states hide, since a delivery deferred three times and then delivered
 * shows only "delivered".
 *
 * @param code          the reply code (or an internal 1xx code for a failure without a reply)
 * @param enhanced      its enhanced status, or null
 * @param deliveries    deliveries that met it at least once
 * @param attempts      attempts that got it
 * @param deliveredLater of those deliveries, delivered on a later try (the 250 may have followed a late bounce since)
 * @param expired       given up after the maximum queue age
 * @param failedLater   ended by a permanent answer later
 * @param waiting       still waiting for their next try
 * @param sentence      what it means, in the judge's words for a deferral
 * @param example       the server's words, one of them
 */
public record TemporaryAnswer(int code, String enhanced, Reason reason, long deliveries, long attempts, long deliveredLater, long expired,
                              long failedLater, long waiting, String sentence, String example) {
    /** "delivered on retry 40, expired 2, still waiting 1". */
    public String ended() {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (deliveredLater > 0) {
            parts.add("delivered on retry " + deliveredLater);
        }
        if (expired > 0) {
            parts.add("expired " + expired);
        }
        if (failedLater > 0) {
            parts.add("failed later " + failedLater);
        }
        if (waiting > 0) {
            parts.add("still waiting " + waiting);
        }
        return String.join(", ", parts);
    }
}
