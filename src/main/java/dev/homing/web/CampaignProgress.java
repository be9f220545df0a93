package dev.homing.web;

import java.util.Map;

/** Where a sending campaign is, for the live progress bar: deliveries by state, and how many are final. */
public record CampaignProgress(String campaign, String state, long total, long finished, Map<String, Long> byState) {
    public int percent() {
        return total == 0 ? 0 : (int) (finished * 100 / total);
    }

    /** Worth polling again: the campaign sends (it is marked sent a moment after its last delivery is final). */
    public boolean live() {
        return state.equals("sending");
    }
}
