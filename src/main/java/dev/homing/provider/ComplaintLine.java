package dev.homing.provider;

/**
 * The complaint rate past which the big mailbox providers start filtering a bulk sender: 0.3% of
 * the copies that reached a mailbox. Sources: Google's "Email sender guidelines" (keep spam rates
 * reported in Postmaster Tools below 0.10% and never reach 0.30%) and Yahoo's "Sender Best
 * Practices" (spam complaint rate below 0.3%), both in force since February 2024. The pre-flight,
 * the campaign report, the command line and the dashboard all draw the line here.
 */
public final class ComplaintLine {
    /** The line as a share of accepted copies. */
    public static final double RATE = 0.003;
    /** The line as people read it. */
    public static final String LABEL = "0.3%";

    private ComplaintLine() {
    }

    /** True when {@code complaints} out of {@code accepted} copies is above the line (integers: no rounding at the edge). */
    public static boolean above(long complaints, long accepted) {
        return complaints * 1000 > accepted * 3;
    }

    /** True when a rate (a share, 0.004 for 0.4%) is above the line. */
    public static boolean above(double rate) {
        return rate > RATE;
    }
}
