package dev.homing.campaign;

/** Where a campaign is: being written, sending (expanded into deliveries), paused, or done. */
public enum CampaignState {
    /** Written, not sent: can still change. */
    DRAFT,
    /** Expanded into deliveries; the engine is working through them (or waits for the send time). */
    SENDING,
    /** Held: no new attempts until resumed. */
    PAUSED,
    /** Every delivery has reached a final state. */
    SENT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static CampaignState of(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
