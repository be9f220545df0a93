package dev.homing.cli;

import dev.homing.auth.DkimKey;
import dev.homing.auth.Dns;
import dev.homing.auth.SenderDomainCheck;
import dev.homing.auth.SenderDomainReport;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignComposer;
import dev.homing.campaign.CampaignState;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.PreflightReport;
import dev.homing.list.Address;
import dev.homing.list.Hygiene;
import dev.homing.queue.NewDelivery;
import dev.homing.sandbox.Behaviour;
import dev.homing.web.Desk;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The web UI's work done the way the commands do it: same composer, pre-flight, sender-domain check and send path. */
final class NodeDesk implements Desk {
    private final Node node;
    private final HomeOptions options;
    private final Campaigns campaigns;
    private final String dnsServer;

    /** @param dnsServer HOST:PORT of the DNS server the domain checks ask, or null for the system's */
    NodeDesk(Node node, HomeOptions options, String dnsServer) {
        this.node = node;
        this.options = options;
        this.dnsServer = dnsServer;
        this.campaigns = new Campaigns(node.db);
    }

    @Override
    public Campaign create(Campaigns.Draft d) {
        if (d.name() == null || d.name().isBlank()) {
            throw new IllegalArgumentException("name: give the campaign a name");
        }
        if (campaigns.find(d.name()).isPresent()) {
            throw new IllegalArgumentException("name: a campaign named \"" + d.name() + "\" exists already");
        }
        compile(d);
        return campaigns.create(d);
    }

    @Override
    public Campaign update(Campaign campaign, Campaigns.Draft d) {
        compile(d);
        return campaigns.update(campaign, d);
    }

    /** Compiles before storing: a template error is reported with its line and column, and nothing is kept. */
    private void compile(Campaigns.Draft d) {
        CampaignComposer composer = Node.composer(node.home, node.config, node.db, node.providers);
        Campaign probe = new Campaign(0, d.name(), d.listId(), d.fromAddress(), d.fromName(), d.replyTo(), d.subject(), d.html(), d.text(),
                d.sendAt(), CampaignState.DRAFT, null, Instant.now(), null);
        composer.message(probe, composer.knownFields(probe));
    }

    @Override
    public PreflightReport preflight(Campaign campaign) throws IOException {
        return new CampaignCheck(options, node.config, node.db).preflight(campaign, null, null);
    }

    @Override
    public Sent send(Campaign c, String override, String who) throws IOException {
        if (c.messageId() == null) {
            PreflightReport r = preflight(c);
            if (r.hasBlocking()) {
                if (override == null) {
                    return new Sent.Blocked(r);
                }
                campaigns.recordOverride(c, who + " (web UI)", override, r);
            }
        }
        return new Sent.Queued(CampaignCommand.sender(node).send(c));
    }

    @Override
    public SenderDomainReport checkDomain(String domain) throws IOException {
        Config.Sender sender = node.config.sender();
        List<InetAddress> ips = new ArrayList<>();
        for (String ip : sender.ips()) {
            ips.add(InetAddress.getByName(ip)); // literals: homing.properties lists IP addresses
        }
        List<DkimKey> keys = new ArrayList<>();
        for (String selector : sender.dkimSelectors()) {
            keys.addAll(DkimKey.saved(node.home, domain, selector));
        }
        Dns dns = dnsServer != null ? Dns.server(dnsServer) : Dns.system();
        return new SenderDomainCheck(dns).check(new SenderDomainCheck.Identity(domain, sender.bounceDomain(), ips, keys, sender.inboundHost(),
                sender.dkimSelector(), node.config.engine().client().helo()));
    }

    @Override
    public List<dev.homing.delivery.Learned> throttles() {
        return new dev.homing.delivery.ThrottleRecord(node.db).read();
    }

    @Override
    public List<String> sendingDomains() {
        TreeSet<String> out = new TreeSet<>();
        campaigns.all().forEach(c -> out.add(c.fromDomain()));
        return List.copyOf(out);
    }

    @Override
    public Hygiene hygiene() {
        return options.noDns ? Hygiene.withoutDns() : new Hygiene(options.resolver().mailDomains());
    }

    @Override
    public String sandbox() {
        Map<String, InetSocketAddress> routes = node.resolver.routes().asMap();
        InetSocketAddress a = routes.get(Behaviour.DOMAIN);
        if (a == null) {
            a = routes.get(Behaviour.ACCEPT.domain());
        }
        return a == null ? null : a.getHostString() + ":" + a.getPort();
    }

    @Override
    public long sendTest(String to, String from) {
        if (!(Address.check(to) instanceof Address.Valid rcpt) || !(Address.check(from) instanceof Address.Valid sender)) {
            throw new IllegalArgumentException("not an address: " + to + " or " + from);
        }
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
        String content = "From: <" + sender.address() + ">\r\nTo: <" + rcpt.address() + ">\r\nSubject: Homing sandbox test\r\nDate: " + date
                + "\r\nMessage-ID: <test." + System.nanoTime() + "@" + sender.domain() + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nA test message from the web UI's sandbox page.\r\n";
        long message = node.queue.addMessage(sender.address(), "sandbox test", content);
        node.queue.addDeliveries(message, List.of(NewDelivery.valid(rcpt.address(), rcpt.domain(), null)));
        return node.queue.view().deliveries(message).get(0).id();
    }
}
