package dev.homing.api;

import dev.homing.campaign.Campaign;
import dev.homing.campaign.PreflightReport;

import java.io.IOException;

/** The pre-flight report of a campaign, made as {@code homing campaign preflight} makes it on this node. */
@FunctionalInterface
public interface PreflightCheck {
    /** @throws dev.homing.campaign.CampaignException when it cannot be made (no member to render a sample for) */
    PreflightReport run(Campaign campaign) throws IOException;
}
