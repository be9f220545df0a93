package dev.homing.api;

import dev.homing.access.ApiKeys;
import dev.homing.access.Scope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.dns.Dns;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignComposer;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.Launch;
import dev.homing.campaign.Transactional;
import dev.homing.auth.SenderIdentity;
import dev.homing.campaign.Verp;
import dev.homing.delivery.Engine;
import dev.homing.delivery.EngineSettings;
import dev.homing.delivery.MxResolver;
import dev.homing.delivery.Routes;
import dev.homing.list.Hygiene;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.outcome.Judge;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.store.Database;
import dev.homing.list.ConfirmationMailer;
import dev.homing.web.PublicPages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A node for the API tests, wired as node.Site wires one: an H2 database in a temporary folder, the
 * queue and the engine (not started until a test starts it; routed to the SMTP servers a test gives),
 * and the public pages with the API on 127.0.0.1, a free port. Requests go over real HTTP.
 */
final class ApiNode implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNCES = "bounces.homing.test";
    static final String SELECTOR = "s1";

    /** A confirmation the API asked the mailer to send. */
    record Confirmation(String list, String address, String confirmUrl) {
    }

    final Path home;
    final Database db;
    final Queue queue;
    final Engine engine;
    final Lists lists;
    final Campaigns campaigns;
    final Subscriptions subscriptions;
    final List<Confirmation> confirmations = new CopyOnWriteArrayList<>();
    final Api api;
    final PublicPages pages;
    final String base;

    /**
     * @param routes    where the engine delivers (the sandbox, a capture server)
     * @param dns       what the domain check asks
     * @param publicUrl where the public pages are said to be (unsubscribe links); https makes the one-click check pass
     */
    ApiNode(Path home, Routes routes, Dns dns, String publicUrl) {
        this.home = home;
        db = Database.embedded(home);
        queue = Queue.open(db, home.resolve("data").resolve("journal"), RetrySchedule.standard());
        queue.recover();
        lists = new Lists(db);
        campaigns = new Campaigns(db);
        subscriptions = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
        Verp verp = new Verp(InstallSecret.load(home), BOUNCES);
        CampaignComposer composer = new CampaignComposer(campaigns, lists, home, List.of(SELECTOR), verp, ProviderDetector.offline(),
                List.of(), publicUrl);
        engine = new Engine(queue, new MxResolver(null, routes, 25), new Judge(), EngineSettings.defaults("api.homing.test"), composer);
        CampaignSender sender = new CampaignSender(campaigns, lists, subscriptions, queue, verp, publicUrl);
        // the node's identity without a EHLO name (no PTR check); the pre-flight as with --no-dns: authentication unchecked
        SenderIdentity identity = new SenderIdentity(home, BOUNCES, List.of(InetAddress.getLoopbackAddress()), "mx." + BOUNCES,
                List.of(SELECTOR), null);
        Launch launch = new Launch(db, composer, sender, subscriptions, identity, publicUrl,
                new Launch.Checks(dns, false, null, Hygiene.withoutDns(), false));
        ConfirmationMailer mailer = new ConfirmationMailer() {
            @Override
            public void send(MailingList list, String address, String confirmUrl, String pagesUrl) {
                confirmations.add(new Confirmation(list.name(), address, confirmUrl));
            }

            @Override
            public void welcome(MailingList list, String address, String unsubscribeUrl, String pagesUrl) {
            }
        };
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // the node's public URL is its own address here: links in mail are built from it, never from a request's Host
        base = "http://127.0.0.1:" + port;
        api = new Api(new Wiring(db, ProviderDetector.offline(), subscriptions, mailer, base, queue, launch, new Transactional(db, queue, identity)));
        pages = PublicPages.start("127.0.0.1", port, base, lists, subscriptions, mailer, ProviderDetector.offline(), null, api::register);
    }

    /** A node whose engine delivers nowhere and whose DNS is never asked. */
    static ApiNode bare(Path home) {
        return new ApiNode(home, Routes.none(), Dns.server("127.0.0.1:9"), "https://mail.homing.test");
    }

    String key(Scope... scopes) {
        return new ApiKeys(db).create("test", EnumSet.copyOf(List.of(scopes))).token();
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        return send("GET", path, key, null);
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        return send("POST", path, key, body);
    }

    HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Follows a collection's 'next' cursors to the end and returns every item's {@code member}. */
    List<String> walk(String path, String key, int limit, String member) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> r = get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor), key);
            if (r.statusCode() != 200) {
                throw new AssertionError(r.statusCode() + " " + r.body());
            }
            JsonNode page = json(r);
            if (page.get("items").size() > limit) {
                throw new AssertionError("a page longer than its limit: " + r.body());
            }
            page.get("items").forEach(i -> seen.add(i.get(member).asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return seen;
    }

    Campaign campaign(String name) {
        return campaigns.get(name);
    }

    @Override
    public void close() {
        pages.close();
        engine.close();
        queue.close();
        db.close();
    }
}
