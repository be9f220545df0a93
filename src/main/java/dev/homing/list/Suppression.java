package dev.homing.list;

import java.time.Instant;

/**
 * One suppressed address.
 *
 * @param listId 0 when it holds for every list
 * @param reason userunknown, hostunknown, hasmoved, softbounce, complaint, unsubscribe or manual
 * @param status {@code active} (not mailed) or {@code suspected} (a likely false positive: still
 *               mailed, suppressed only if it repeats, listed for review)
 * @param source what caused it: the reply and campaign, or who added it
 */
public record Suppression(String emailKey, long listId, String reason, String status, String source, Instant createdAt) {
    public static final String ACTIVE = "active";
    public static final String SUSPECTED = "suspected";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
