package dev.homing.cli;

import dev.homing.auth.DkimKey;
import dev.homing.auth.Dns;
import dev.homing.auth.SenderDomainCheck;
import dev.homing.auth.SenderDomainReport;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignComposer;
import dev.homing.campaign.CampaignException;
import dev.homing.campaign.CampaignMessage;
import dev.homing.campaign.ContentCheck;
import dev.homing.campaign.ContentReport;
import dev.homing.campaign.Preflight;
import dev.homing.campaign.PreflightReport;
import dev.homing.campaign.SpamdClient;
import dev.homing.campaign.UnsubscribeFields;
import dev.homing.delivery.TlsPolicy;
import dev.homing.list.Hygiene;
import dev.homing.list.HygieneReport;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.store.Database;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the campaign commands share before sending: one subscriber's copy rendered exactly as it
 * would be sent, the content check of it, and the pre-flight report.
 */
final class CampaignCheck {
    private final Path home;
    private final Config config;
    private final Database db;
    private final HomeOptions options;
    private final Lists lists;
    private final CampaignComposer composer;

    CampaignCheck(HomeOptions options, Config config, Database db) {
        this.options = options;
        this.home = options.home();
        this.config = config;
        this.db = db;
        this.lists = new Lists(db);
        this.composer = Node.composer(home, config, db, !options.noDns);
    }

    MailingList list(Campaign c) {
        return lists.find(c.listId())
                .orElseThrow(() -> new CampaignException("the list of campaign \"" + c.name() + "\" no longer exists"));
    }

    /** The signed copy this member would receive (delivery id 0: none exists yet), templates checked first. */
    byte[] render(Campaign c, Lists.Member m) {
        CampaignMessage message = composer.message(c, composer.knownFields(c));
        Subscriptions subs = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
        Map<String, Object> vars = new UnsubscribeFields(subs, config.sender().publicUrl(), config.sender().bounceDomain()).of(m, c.listId());
        return message.message(0, m.email(), vars, Instant.now());
    }

    /** The copy of the first member a send would mail. */
    byte[] sample(Campaign c) {
        MailingList list = list(c);
        Lists.Member m = lists.firstSendable(list)
                .orElseThrow(() -> new CampaignException("list \"" + list.name() + "\" has no confirmed, unsuppressed member to render"));
        return render(c, m);
    }

    /** The content check of a sample copy; spamd too when given (--spamd) or configured (spamd.address). */
    ContentReport content(byte[] sample, String spamd) {
        ContentCheck check = ContentCheck.standard();
        String address = spamd != null ? spamd : config.spamd();
        if (address != null) {
            check = check.withSpamd(SpamdClient.of(address, Duration.ofSeconds(30)));
        }
        return check.check(sample);
    }

    /** Sender-domain findings, or empty with --no-dns (a sandbox rehearsal asks no DNS). */
    Optional<SenderDomainReport> authentication(Campaign c, String dnsServer) throws IOException {
        if (options.noDns && dnsServer == null) {
            return Optional.empty();
        }
        List<InetAddress> ips = new ArrayList<>();
        for (String ip : config.sender().ips()) {
            ips.add(InetAddress.getByName(ip)); // literals: homing.properties lists IP addresses
        }
        List<DkimKey> keys = composer.keys(c);
        Dns dns = dnsServer == null ? Dns.system() : Dns.server(dnsServer);
        String selector = config.sender().dkimSelector();
        return Optional.of(new SenderDomainCheck(dns).check(new SenderDomainCheck.Identity(c.fromDomain(), config.sender().bounceDomain(), ips,
                keys, config.sender().inboundHost(), selector, config.engine().client().helo())));
    }

    PreflightReport preflight(Campaign c, String dnsServer, String spamd) throws IOException {
        byte[] sample = sample(c);
        MailingList list = list(c);
        Hygiene hygiene = options.noDns ? Hygiene.withoutDns() : new Hygiene(options.resolver().mailDomains());
        HygieneReport report = new HygieneReport();
        lists.forEachConfirmed(list, m -> {
            if (m.suppressed() == null) {
                report.add(m.email(), hygiene.check(m.email()));
            }
        });
        boolean tls = config.engine().tls() != TlsPolicy.NONE;
        return Preflight.of(c, authentication(c, dnsServer), sample, content(sample, spamd), lists.audience(list), report, tls);
    }
}
