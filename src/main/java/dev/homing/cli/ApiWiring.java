package dev.homing.cli;

import dev.homing.api.Api;
import dev.homing.api.PreflightCheck;
import dev.homing.api.SenderSetup;
import dev.homing.api.Wiring;
import dev.homing.auth.DkimKey;
import dev.homing.auth.Dns;
import dev.homing.list.Subscriptions;
import dev.homing.provider.ProviderDetector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Builds the REST API of a node from what the node runs (serve and demo share it). */
final class ApiWiring {
    private ApiWiring() {
    }

    /**
     * @param home          the node's options: --no-dns leaves the pre-flight's authentication and hygiene unchecked, as the CLI does
     * @param dnsServer     HOST:PORT of the DNS server domain checks ask, or null for the system's (as 'homing check domain --dns')
     * @param subscriptions the node's own, whose listeners (webhooks) must hear the API's unsubscribes too
     * @param baseUrl       where people reach the public pages, for links in mail (public.url; never a request's Host header)
     */
    static Api build(Node node, HomeOptions home, String dnsServer, ProviderDetector providers, Subscriptions subscriptions,
                     QueueMailer mailer, String baseUrl) {
        Config.Sender sender = node.config.sender();
        // the CLI's own pre-flight, so 'homing campaign preflight' and the API never disagree
        CampaignCheck check = new CampaignCheck(home, node.config, node.db);
        PreflightCheck preflight = c -> check.preflight(c, dnsServer, null);
        Dns dns = dnsServer != null ? Dns.server(dnsServer) : Dns.system();
        SenderSetup setup = new SenderSetup(dns, sender.bounceDomain(), ips(sender.ips()), sender.inboundHost(), sender.dkimSelector(),
                keys(node, sender.dkimSelectors()));
        return new Api(new Wiring(node.db, providers, subscriptions, mailer, baseUrl, node.queue,
                Node.composer(node.home, node.config, node.db, node.providers), CampaignCommand.sender(node), preflight, setup));
    }

    /** A domain's saved keys under every configured selector, read when a message is sent (a key made meanwhile counts). */
    private static Function<String, List<DkimKey>> keys(Node node, List<String> selectors) {
        return domain -> {
            List<DkimKey> keys = new ArrayList<>();
            try {
                for (String selector : selectors) {
                    keys.addAll(DkimKey.saved(node.home, domain, selector));
                }
                return keys;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the DKIM keys of " + domain + ": " + e.getMessage(), e);
            }
        };
    }

    /** sending.ips are literals: no name is looked up here. */
    private static List<InetAddress> ips(List<String> literals) {
        List<InetAddress> out = new ArrayList<>();
        for (String ip : literals) {
            if (!ip.matches("[0-9A-Fa-f:.]+")) {
                throw new IllegalArgumentException("sending.ips: \"" + ip + "\" is not an IP address");
            }
            try {
                out.add(InetAddress.getByName(ip));
            } catch (IOException e) {
                throw new IllegalArgumentException("sending.ips: \"" + ip + "\" is not an IP address");
            }
        }
        return out;
    }
}
