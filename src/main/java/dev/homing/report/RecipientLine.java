package dev.homing.report;

/**
 * One recipient of a campaign as the per-recipient table shows it.
 *
 * @param outcome     the diagnosis's outcome ("suspected filtering" where the state says bounced)
 * @param responsible who is responsible, in words
 * @param action      the next action, in a few words
 * @param lastEvent   the latest thing that happened to it, with its time
 */
public record RecipientLine(long deliveryId, String recipient, String state, String outcome, String reason, Integer code, String enhanced,
                            String responsible, String action, String provider, String lastEvent) {
}
