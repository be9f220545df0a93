package dev.homing.web;

import dev.homing.auth.SenderDomainReport;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.PreflightReport;
import dev.homing.list.Hygiene;

import java.io.IOException;
import java.util.List;

/**
 * What the web UI asks of the node it runs in: the work that needs the node's configuration (keys,
 * sending IPs, DNS, the public URL), so that the pages call the same code as the command line.
 */
public interface Desk {
    /** Compiles the templates (an error names line and column) and stores the draft. */
    Campaign create(Campaigns.Draft draft);

    /** Compiles the templates, then rewrites the draft. */
    Campaign update(Campaign campaign, Campaigns.Draft draft);

    PreflightReport preflight(Campaign campaign) throws IOException;

    /**
     * Pre-flight, then expansion into deliveries that the node's engine delivers.
     *
     * @param override the reason to send despite blocking findings (recorded with who), or null
     */
    Sent send(Campaign campaign, String override, String who) throws IOException;

    /** What a send did. */
    sealed interface Sent {
        record Queued(CampaignSender.Expansion expansion) implements Sent {
        }

        record Blocked(PreflightReport report) implements Sent {
        }
    }

    SenderDomainReport checkDomain(String domain) throws IOException;

    /** The domains the sender's campaigns send from, for the authentication page. */
    List<String> sendingDomains();

    /** What the engine's throttles learned from the receivers that asked it to slow down. */
    List<dev.homing.delivery.Learned> throttles();

    /** The address checks of the hygiene report (MX lookups unless the node runs without DNS). */
    Hygiene hygiene();

    /** Where the sandbox answers, or null when this node does not route to one. */
    String sandbox();

    /** Queues one plain test message (for the sandbox page). @return the delivery's id */
    long sendTest(String to, String from);
}
