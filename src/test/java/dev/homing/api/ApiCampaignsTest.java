package dev.homing.api;

import dev.homing.access.Scope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homing.dns.Dns;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignState;
import dev.homing.delivery.Routes;
import dev.homing.list.Consent;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.provider.ProviderDetector;
import dev.homing.report.RecipientLine;
import dev.homing.report.Reports;
import dev.homing.queue.DeliveryState;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.homing.api.ApiNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Campaigns over the API, as the {@code campaign} commands: create with template checks, pre-flight, send to the sandbox, pause, resume. */
class ApiCampaignsTest {
    static Sandbox sandbox;

    @TempDir
    Path home;
    ApiNode node;
    String key;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void start() {
        // an http public URL and no DKIM key: the one-click unsubscribe check blocks, as it would for a real send
        node = new ApiNode(home, Routes.none().addAll(sandbox.routes()), Dns.server("127.0.0.1:9"), "http://127.0.0.1:8080");
        key = node.key(Scope.CAMPAIGNS_READ, Scope.CAMPAIGNS_WRITE, Scope.REPORTS_READ, Scope.LISTS_READ);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** A list of confirmed members (through the confirmation link, as double opt-in makes them). */
    MailingList list(String name, String... members) {
        MailingList list = node.lists.create(name, null);
        for (String m : members) {
            Subscriptions.Requested r = node.subscriptions.subscribe(list, m, Map.of("first_name", m.substring(0, m.indexOf('@'))),
                    new Consent("127.0.0.1", "test", "fixture", "yes"));
            node.subscriptions.confirm(((Subscriptions.NeedsConfirmation) r).token(), new Consent("127.0.0.1", "test", "link", null));
        }
        return list;
    }

    static String draft(String name, String list, String html) {
        return "{\"name\": \"" + name + "\", \"list\": \"" + list + "\", \"from\": \"news@news.homing.test\", \"from_name\": \"News\","
                + " \"subject\": \"Hello {{first_name|friend}}\", \"html\": \"" + html + "\"}";
    }

    /** The JSON object with one more member. */
    static String with(String json, String member) {
        return json.substring(0, json.lastIndexOf('}')) + ", " + member + "}";
    }

    @Test
    void createChecksTemplatesAndInputAsTheCommandDoes() throws Exception {
        list("news", "ann@accept.sandbox.test");
        HttpResponse<String> unknown = node.post("/api/v1/campaigns", key, draft("spring", "news", "<p>Hi {{frist_name}}</p>"));
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
        assertThat(json(unknown).get("field").asText()).isEqualTo("html");
        assertThat(json(unknown).get("merge_field").asText()).isEqualTo("frist_name");
        assertThat(json(unknown).get("detail").asText()).contains("line 1, column");
        assertThat(node.campaigns.find("spring")).as("nothing kept").isEmpty();
        HttpResponse<String> subject = node.post("/api/v1/campaigns", key, draft("spring", "news", "<p>Hi</p>")
                .replace("{{first_name|friend}}", "{{town}}"));
        assertThat(json(subject).get("field").asText()).isEqualTo("subject");
        assertThat(json(subject).get("merge_field").asText()).isEqualTo("town");

        assertThat(json(node.post("/api/v1/campaigns", key, draft("spring", "nope", "<p>Hi</p>"))).get("field").asText()).isEqualTo("list");
        HttpResponse<String> from = node.post("/api/v1/campaigns", key, draft("spring", "news", "<p>Hi</p>").replace("news@news.homing.test", "news@"));
        assertThat(from.statusCode()).isEqualTo(422);
        assertThat(json(from).get("field").asText()).isEqualTo("from");
        assertThat(json(node.post("/api/v1/campaigns", key, "{\"name\": \"x\", \"list\": \"news\", \"from\": \"a@b.example\", \"subject\": \"s\"}"))
                .get("detail").asText()).isEqualTo("html: give html, text or both");
        assertThat(json(node.post("/api/v1/campaigns", key, with(draft("spring", "news", "<p>Hi</p>"), "\"send_at\": \"tomorrow\"")))
                .get("field").asText()).isEqualTo("send_at");
        assertThat(json(node.post("/api/v1/campaigns", key, with(draft("spring", "news", "<p>Hi</p>"), "\"bcc\": \"x\"")))
                .get("field").asText()).isEqualTo("bcc");
        HttpResponse<String> spaced = node.post("/api/v1/campaigns", key, draft("spring sale", "news", "<p>Hi</p>"));
        assertThat(spaced.statusCode()).as("a name is a path segment").isEqualTo(400);
        assertThat(json(spaced).get("field").asText()).isEqualTo("name");
        assertThat(node.campaigns.find("spring")).isEmpty();

        HttpResponse<String> created = node.post("/api/v1/campaigns", key, draft("spring", "news", "<p>Hi {{first_name}}</p>"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/campaigns/spring");
        assertThat(json(created).get("state").asText()).isEqualTo("draft");
        assertThat(json(created).get("from_name").asText()).isEqualTo("News");
        assertThat(node.campaign("spring").html()).isEqualTo("<p>Hi {{first_name}}</p>");
        HttpResponse<String> twice = node.post("/api/v1/campaigns", key, draft("spring", "news", "<p>Hi</p>"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("field").asText()).isEqualTo("name");
        assertThat(node.post("/api/v1/campaigns", node.key(Scope.CAMPAIGNS_READ), draft("x", "news", "<p>Hi</p>")).statusCode()).isEqualTo(403);

        List<String> expected = new ArrayList<>(List.of("spring"));
        for (int i = 0; i < 4; i++) {
            assertThat(node.post("/api/v1/campaigns", key, draft("c" + i, "news", "<p>Hi</p>")).statusCode()).isEqualTo(201);
            expected.add("c" + i);
        }
        assertThat(node.walk("/api/v1/campaigns", key, 2, "name")).containsExactlyElementsOf(expected);

        // a list nobody can be sent to has no sample to check: the pre-flight says why
        node.lists.create("empty", null);
        assertThat(node.post("/api/v1/campaigns", key, draft("lonely", "empty", "<p>Hi</p>").replace("{{first_name|friend}}", "you"))
                .statusCode()).isEqualTo(201);
        HttpResponse<String> none = node.get("/api/v1/campaigns/lonely/preflight", key);
        assertThat(none.statusCode()).isEqualTo(409);
        assertThat(json(none).get("detail").asText()).contains("no confirmed, unsuppressed member");
    }

    @Test
    void sendIsRefusedOnABlockingFindingUnlessOverriddenThenTheSandboxGetsIt() throws Exception {
        list("news", "ann@accept.sandbox.test", "bob@accept.sandbox.test", "cy@user-unknown.sandbox.test");
        assertThat(node.post("/api/v1/campaigns", key, draft("spring", "news", "<p>Hi {{first_name}}</p>")).statusCode()).isEqualTo(201);

        JsonNode preflight = json(node.get("/api/v1/campaigns/spring/preflight", key));
        assertThat(preflight.get("sendable").asBoolean()).isFalse();
        assertThat(preflight.get("blocking").asInt()).isPositive();
        assertThat(preflight.get("items")).anySatisfy(i -> {
            assertThat(i.get("check").asText()).isEqualTo("one-click unsubscribe (RFC 8058)");
            assertThat(i.get("blocking").asBoolean()).isTrue();
            assertThat(i.get("section").asText()).isEqualTo("bulk_sender");
        });
        assertThat(preflight.get("text").asText()).contains("Pre-flight report for campaign \"spring\"");

        for (String body : new String[]{null, "{}", "{\"override\": \"  \"}"}) {
            HttpResponse<String> refused = node.post("/api/v1/campaigns/spring/send", key, body);
            assertThat(refused.statusCode()).as(String.valueOf(body)).isEqualTo(409);
            assertThat(json(refused).get("type").asText()).endsWith("/preflight-blocked");
            assertThat(json(refused).get("blocking")).anySatisfy(i -> assertThat(i.get("check").asText()).isEqualTo("one-click unsubscribe (RFC 8058)"));
        }
        assertThat(json(node.post("/api/v1/campaigns/spring/send", key, "{\"overide\": \"typo\"}")).get("field").asText()).isEqualTo("overide");
        assertThat(node.campaign("spring").state()).isEqualTo(CampaignState.DRAFT);
        assertThat(node.campaign("spring").messageId()).as("nothing queued").isNull();

        HttpResponse<String> sent = node.post("/api/v1/campaigns/spring/send", key, "{\"override\": \"rehearsal in the sandbox\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(json(sent).get("queued").asLong()).isEqualTo(3);
        assertThat(json(sent).at("/campaign/state").asText()).isEqualTo("sending");
        Campaign c = node.campaign("spring");
        assertThat(c.override()).contains("API key test (").contains("rehearsal in the sandbox").contains("one-click unsubscribe");
        assertThat(json(node.get("/api/v1/campaigns/spring", key)).get("override").asText()).contains("rehearsal in the sandbox");

        node.engine.start();
        long message = c.messageId();
        await().atMost(Duration.ofSeconds(30)).until(() -> node.queue.view().unfinished(message) == 0);
        node.queue.flush();
        assertThat(node.queue.view().countByState(message)).containsEntry(DeliveryState.DELIVERED, 2L).containsEntry(DeliveryState.BOUNCED, 1L);
        assertThat(sandbox.stats().timesAccepted("ann@accept.sandbox.test")).isEqualTo(1);
        assertThat(sandbox.stats().timesAccepted("bob@accept.sandbox.test")).isEqualTo(1);

        assertThat(json(node.get("/api/v1/campaigns/spring", key)).get("state").asText()).isEqualTo("sent");
        JsonNode report = json(node.get("/api/v1/campaigns/spring/report", key));
        assertThat(report.at("/by_state/delivered").asLong()).isEqualTo(2);
        assertThat(report.at("/by_state/bounced").asLong()).isEqualTo(1);
        // the temporary answers met on the way have their place (none here: every delivery was settled at its first answer)
        assertThat(report.get("temporary").isArray()).as(report.toString()).isTrue();
        assertThat(report.get("temporary")).isEmpty();
        // each recipient's line, as the report's per-recipient table has it
        List<JsonNode> lines = all("/api/v1/campaigns/spring/deliveries", 2);
        assertThat(lines).extracting(l -> l.get("recipient").asText())
                .containsExactly("ann@accept.sandbox.test", "bob@accept.sandbox.test", "cy@user-unknown.sandbox.test");
        assertThat(lines).extracting(l -> l.get("state").asText()).containsExactly("delivered", "delivered", "bounced");
        assertSameAsTheReport("spring", lines);
        List<JsonNode> bounced = all("/api/v1/campaigns/spring/deliveries?state=bounced", 5);
        assertThat(bounced).singleElement().satisfies(l -> {
            assertThat(l.get("recipient").asText()).isEqualTo("cy@user-unknown.sandbox.test");
            assertThat(l.get("code").asInt()).isBetween(500, 599);
            assertThat(l.get("campaign").asText()).isEqualTo("spring");
            assertThat(l.get("last_event").asText()).contains("attempt 1");
        });
        // the member's newest delivery has its timeline, and the member's deliveries link to it
        JsonNode ann = json(node.get("/api/v1/lists/news/subscribers/ann%40accept.sandbox.test", key));
        long delivery = ann.at("/recent_deliveries/0").asLong();
        assertThat(ann.get("deliveries").asText()).isEqualTo("/api/v1/lists/news/subscribers/ann%40accept.sandbox.test/deliveries");
        List<JsonNode> toAnn = all(ann.get("deliveries").asText(), 10);
        assertThat(toAnn).singleElement().satisfies(l -> {
            assertThat(l.get("id").asLong()).isEqualTo(delivery);
            assertThat(l.get("campaign").asText()).isEqualTo("spring");
            assertThat(l.get("outcome").asText()).isEqualTo("delivered");
        });
        JsonNode timeline = json(node.get("/api/v1/deliveries/" + delivery, key));
        assertThat(timeline.get("state").asText()).isEqualTo("delivered");
        assertThat(timeline.get("campaign").asText()).isEqualTo("spring");

        HttpResponse<String> again = node.post("/api/v1/campaigns/spring/send", key, "{\"override\": \"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("detail").asText()).contains("sent");
        assertThat(sandbox.stats().timesAccepted("ann@accept.sandbox.test")).as("nobody gets two").isEqualTo(1);
    }

    @Test
    void aCampaignsDeliveriesArePagedInQueueOrderAndFilteredByState() throws Exception {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            members.add("p" + i + "@accept.sandbox.test");
        }
        list("big", members.toArray(String[]::new));
        // suppressed before the send: recorded suppressed, never sent (the engine is not even started here)
        Suppressions suppressions = new Suppressions(node.db);
        List<String> suppressed = List.of("p0@accept.sandbox.test", "p5@accept.sandbox.test", "p10@accept.sandbox.test");
        suppressed.forEach(a -> suppressions.put(a, 0, "manual", Suppression.ACTIVE, "test"));

        assertThat(node.get("/api/v1/campaigns/big/deliveries", key).statusCode()).isEqualTo(404);
        assertThat(node.post("/api/v1/campaigns", key, draft("big", "big", "<p>Hi</p>")).statusCode()).isEqualTo(201);
        JsonNode draft = json(node.get("/api/v1/campaigns/big/deliveries", key));
        assertThat(draft.get("items")).as("a draft has queued nobody").isEmpty();
        assertThat(draft.get("next").isNull()).isTrue();
        HttpResponse<String> sent = node.post("/api/v1/campaigns/big/send", key, "{\"override\": \"paging test\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(json(sent).get("suppressed").asLong()).isEqualTo(3);

        List<JsonNode> lines = all("/api/v1/campaigns/big/deliveries", 4);
        assertThat(lines).extracting(l -> l.get("recipient").asText()).containsExactlyInAnyOrderElementsOf(members);
        List<Long> ids = lines.stream().map(l -> l.get("id").asLong()).toList();
        assertThat(ids).as("in id order, each once").isSorted().doesNotHaveDuplicates();
        assertSameAsTheReport("big", lines);
        assertThat(all("/api/v1/campaigns/big/deliveries?state=suppressed", 2)).extracting(l -> l.get("recipient").asText())
                .containsExactlyInAnyOrderElementsOf(suppressed);
        List<JsonNode> queued = all("/api/v1/campaigns/big/deliveries?state=queued", 3);
        assertThat(queued).hasSize(8).allSatisfy(l -> assertThat(l.get("outcome").asText()).isEqualTo("waiting"));
        assertThat(all("/api/v1/campaigns/big/deliveries?state=delivered", 3)).isEmpty();
        // a page exactly as long as the limit says whether more follow
        JsonNode first = json(node.get("/api/v1/campaigns/big/deliveries?limit=11", key));
        assertThat(first.get("items")).hasSize(11);
        assertThat(first.get("next").isNull()).isTrue();
        JsonNode ten = json(node.get("/api/v1/campaigns/big/deliveries?limit=10", key));
        JsonNode rest = json(node.get("/api/v1/campaigns/big/deliveries?limit=10&cursor=" + ten.get("next").asText(), key));
        assertThat(rest.get("items")).singleElement().satisfies(l -> assertThat(l.get("id").asLong()).isEqualTo(ids.getLast()));

        HttpResponse<String> badState = node.get("/api/v1/campaigns/big/deliveries?state=lost", key);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(json(badState).get("field").asText()).isEqualTo("state");
        assertThat(json(badState).get("detail").asText()).contains("\"lost\"", "delivered", "bounced");
        assertThat(json(node.get("/api/v1/campaigns/big/deliveries?cursor=" + Page.encode("seven"), key)).get("field").asText())
                .isEqualTo("cursor");
        assertThat(json(node.get("/api/v1/campaigns/big/deliveries?limit=0", key)).get("field").asText()).isEqualTo("limit");
        HttpResponse<String> noReports = node.get("/api/v1/campaigns/big/deliveries", node.key(Scope.CAMPAIGNS_READ, Scope.LISTS_READ));
        assertThat(noReports.statusCode()).isEqualTo(403);
        assertThat(noReports.body()).doesNotContain("p1@");
    }

    /** Every item of a collection, {@code limit} a page, following 'next' to the end. */
    List<JsonNode> all(String path, int limit) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> r = node.get(path + (path.contains("?") ? "&" : "?") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor), key);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = json(r);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(items::add);
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        return items;
    }

    /** The API's lines hold what the report's per-recipient table holds, member by member. */
    void assertSameAsTheReport(String campaign, List<JsonNode> lines) {
        Map<Long, RecipientLine> table = new HashMap<>();
        new Reports(node.db, ProviderDetector.offline()).forEachRecipient(campaign, l -> table.put(l.deliveryId(), l));
        assertThat(lines).hasSameSizeAs(table.keySet());
        for (JsonNode l : lines) {
            RecipientLine t = table.get(l.get("id").asLong());
            assertThat(t).as(l.toString()).isNotNull();
            assertThat(l.get("campaign").asText()).isEqualTo(campaign);
            assertThat(l.get("recipient").asText()).isEqualTo(t.recipient());
            assertThat(l.get("state").asText()).isEqualTo(t.state());
            assertThat(l.get("outcome").asText()).isEqualTo(t.outcome());
            assertThat(l.get("reason").asText()).isEqualTo(t.reason());
            assertThat(l.get("code").isNull() ? null : l.get("code").asInt()).isEqualTo(t.code());
            assertThat(l.get("enhanced").isNull() ? null : l.get("enhanced").asText()).isEqualTo(t.enhanced());
            assertThat(l.get("responsible").asText()).isEqualTo(t.responsible());
            assertThat(l.get("action").asText()).isEqualTo(t.action());
            assertThat(l.get("provider").asText()).isEqualTo(t.provider());
            assertThat(l.get("last_event").asText()).isEqualTo(t.lastEvent());
        }
    }

    @Test
    void pauseAndResumeFollowTheCampaignsState() throws Exception {
        list("later", "dan@accept.sandbox.test");
        String tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        HttpResponse<String> created = node.post("/api/v1/campaigns", key,
                with(draft("later", "later", "<p>Hi</p>"), "\"send_at\": \"" + tomorrow + "\""));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("send_at").asText()).isEqualTo(tomorrow);

        HttpResponse<String> draftPause = node.post("/api/v1/campaigns/later/pause", key, null);
        assertThat(draftPause.statusCode()).isEqualTo(409);
        assertThat(json(draftPause).get("detail").asText()).contains("draft");
        assertThat(node.post("/api/v1/campaigns/later/resume", key, null).statusCode()).isEqualTo(409);

        assertThat(node.post("/api/v1/campaigns/later/send", key, "{\"override\": \"scheduled\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> paused = node.post("/api/v1/campaigns/later/pause", key, null);
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("state").asText()).isEqualTo("paused");
        assertThat(node.campaign("later").state()).isEqualTo(CampaignState.PAUSED);
        assertThat(node.queue.heldMessages()).contains(node.campaign("later").messageId());
        assertThat(json(node.post("/api/v1/campaigns/later/send", key, null)).get("detail").asText()).contains("resume");
        assertThat(node.post("/api/v1/campaigns/later/pause", key, null).statusCode()).isEqualTo(409);

        HttpResponse<String> resumed = node.post("/api/v1/campaigns/later/resume", key, null);
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(json(resumed).get("state").asText()).isEqualTo("sending");
        assertThat(node.queue.heldMessages()).doesNotContain(node.campaign("later").messageId());
        assertThat(node.post("/api/v1/campaigns/nope/pause", key, null).statusCode()).isEqualTo(404);
        assertThat(node.post("/api/v1/campaigns/later/pause", node.key(Scope.CAMPAIGNS_READ), null).statusCode()).isEqualTo(403);
    }
}
