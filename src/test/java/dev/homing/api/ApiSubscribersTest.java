package dev.homing.api;

import dev.homing.access.Scope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homing.list.Consent;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.webhook.EventKind;
import dev.homing.webhook.Events;
import dev.homing.webhook.Outbox;
import dev.homing.webhook.Receiver;
import dev.homing.webhook.Sender;
import dev.homing.webhook.Webhooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.homing.api.ApiNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscribers over the API: double opt-in (the confirmation link works), one member with its timeline, unsubscribe with its webhook. */
class ApiSubscribersTest {
    @TempDir
    Path home;
    ApiNode node;
    MailingList news;

    @BeforeEach
    void start() {
        node = ApiNode.bare(home);
        news = node.lists.create("news", null);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** Issue 20: consent gathered elsewhere, stated by the caller, adds a confirmed member as an import does. */
    @Test
    void aStatedConsentSourceAddsAConfirmedMemberWithoutAMail() throws Exception {
        String k = node.key(Scope.LISTS_WRITE, Scope.LISTS_READ);
        HttpResponse<String> r = node.post("/api/v1/lists/news/subscribers", k,
                "{\"email\": \"bo@example.com\", \"attributes\": {\"name\": \"Bo\"}, \"consent_source\": \"shop checkout box\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).get("status").asText()).isEqualTo("confirmed");
        assertThat(json(r).get("confirmation_sent").asBoolean()).isFalse();
        assertThat(node.confirmations).as("no confirmation mail: consent was given elsewhere").isEmpty();
        assertThat(node.lists.counts(news)).containsEntry(MemberStatus.CONFIRMED, 1L);
        List<Subscriptions.Event> timeline = node.subscriptions.record("bo@example.com", news.id());
        assertThat(timeline).extracting(Subscriptions.Event::event).containsExactly("imported");
        assertThat(timeline.getFirst().source()).startsWith("shop checkout box (API key test");

        HttpResponse<String> again = node.post("/api/v1/lists/news/subscribers", k,
                "{\"email\": \"bo@example.com\", \"consent_source\": \"shop checkout box\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(node.subscriptions.record("bo@example.com", news.id())).hasSize(1);

        // an unsubscribed member stays so: a stated source is no consent to come back
        node.post("/api/v1/lists/news/subscribers/bo@example.com/unsubscribe", k, null);
        HttpResponse<String> back = node.post("/api/v1/lists/news/subscribers", k,
                "{\"email\": \"bo@example.com\", \"consent_source\": \"shop checkout box\"}");
        assertThat(json(back).get("status").asText()).isEqualTo("unsubscribed");
        HttpResponse<String> bad = node.post("/api/v1/lists/news/subscribers", k, "{\"email\": \"not an address\", \"consent_source\": \"x\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
    }

    /** Issue 20: a member's fields are edited, and a member taken off one list, over the API. */
    @Test
    void fieldsAreReplacedAndAMemberIsRemovedFromOneList() throws Exception {
        String k = node.key(Scope.LISTS_WRITE, Scope.LISTS_READ);
        node.lists.create("deals", null);
        for (String list : List.of("news", "deals")) {
            assertThat(node.post("/api/v1/lists/" + list + "/subscribers", k,
                    "{\"email\": \"di@example.com\", \"attributes\": {\"name\": \"Di\"}, \"consent_source\": \"fair\"}").statusCode()).isEqualTo(201);
        }
        HttpResponse<String> put = node.send("PUT", "/api/v1/lists/news/subscribers/di@example.com/attributes", k,
                "{\"attributes\": {\"name\": \"Diana\", \"city\": \"Lyon\"}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json(put).at("/attributes/name").asText()).isEqualTo("Diana");
        assertThat(json(put).at("/attributes/city").asText()).isEqualTo("Lyon");

        HttpResponse<String> removed = node.send("DELETE", "/api/v1/lists/news/subscribers/di@example.com", k, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(node.get("/api/v1/lists/news/subscribers/di@example.com", k).statusCode()).isEqualTo(404);
        assertThat(node.get("/api/v1/lists/deals/subscribers/di@example.com", k).statusCode()).as("the other list keeps her").isEqualTo(200);
        assertThat(node.send("DELETE", "/api/v1/lists/news/subscribers/di@example.com", k, null).statusCode()).isEqualTo(404);
    }

    /** Issue 20: a person erased over the API is gone from the list, and an import-like add does not bring them back. */
    @Test
    void anErasedPersonIsGoneAndNotReAddedByAStatedSource() throws Exception {
        String k = node.key(Scope.LISTS_WRITE, Scope.LISTS_READ);
        assertThat(node.post("/api/v1/lists/news/subscribers", k,
                "{\"email\": \"cy@example.com\", \"consent_source\": \"shop checkout box\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> erased = node.post("/api/v1/subscribers/cy@example.com/erase", k, null);
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(json(erased).get("memberships").asInt()).isEqualTo(1);
        assertThat(json(erased).get("consent_events").asInt()).isEqualTo(1);
        assertThat(node.get("/api/v1/lists/news/subscribers/cy@example.com", k).statusCode()).isEqualTo(404);
        HttpResponse<String> back = node.post("/api/v1/lists/news/subscribers", k,
                "{\"email\": \"cy@example.com\", \"consent_source\": \"shop checkout box\"}");
        assertThat(back.statusCode()).isEqualTo(409);
        assertThat(json(back).get("detail").asText()).contains("erased at the person's request");
        assertThat(node.post("/api/v1/subscribers/not-an-address/erase", k, null).statusCode()).isEqualTo(400);
        assertThat(node.post("/api/v1/subscribers/cy@example.com/erase", node.key(Scope.LISTS_READ), null).statusCode())
                .as("erasing needs the write scope").isEqualTo(403);
    }

    @Test
    void subscribeSendsTheConfirmationAndItsLinkConfirms() throws Exception {
        String k = node.key(Scope.LISTS_WRITE, Scope.LISTS_READ);
        HttpResponse<String> r = node.post("/api/v1/lists/news/subscribers", k,
                "{\"email\": \"Ann@Example.COM\", \"attributes\": {\"name\": \"Ann\", \"age\": 41}, \"consent_text\": \"Yes, the news\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        JsonNode body = json(r);
        assertThat(body.get("email").asText()).isEqualTo("Ann@example.com");
        assertThat(body.get("status").asText()).isEqualTo("unconfirmed");
        assertThat(body.get("confirmation_sent").asBoolean()).isTrue();
        assertThat(node.lists.counts(news)).containsEntry(MemberStatus.UNCONFIRMED, 1L);

        assertThat(node.confirmations).hasSize(1);
        ApiNode.Confirmation mail = node.confirmations.getFirst();
        assertThat(mail.list()).isEqualTo("news");
        assertThat(mail.address()).isEqualTo("Ann@example.com");
        assertThat(mail.confirmUrl()).startsWith(node.base + "/confirm?t=");
        HttpResponse<String> confirmed = ApiNode.HTTP.send(HttpRequest.newBuilder(URI.create(mail.confirmUrl()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(node.lists.counts(news)).containsEntry(MemberStatus.CONFIRMED, 1L);

        // the consent record says which key asked, from where, with the text given
        Subscriptions.Event requested = node.subscriptions.record("Ann@example.com", news.id()).getFirst();
        assertThat(requested.event()).isEqualTo("requested");
        assertThat(requested.source()).startsWith("API key test (");
        assertThat(requested.ip()).isEqualTo("127.0.0.1");
        assertThat(requested.text()).isEqualTo("Yes, the news");

        // confirmed already: nothing more is sent
        HttpResponse<String> again = node.post("/api/v1/lists/news/subscribers", k, "{\"email\": \"Ann@EXAMPLE.com\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("status").asText()).isEqualTo("confirmed");
        assertThat(json(again).get("confirmation_sent").asBoolean()).isFalse();
        assertThat(node.confirmations).hasSize(1);

        JsonNode member = json(node.get("/api/v1/lists/news/subscribers/Ann%40example.com", k));
        assertThat(member.get("status").asText()).isEqualTo("confirmed");
        assertThat(member.at("/attributes/name").asText()).isEqualTo("Ann");
        assertThat(member.at("/attributes/age").asText()).isEqualTo("41");
        assertThat(member.get("timeline")).extracting(e -> e.get("event").asText()).containsExactly("requested", "confirmed");
        assertThat(member.at("/timeline/1/source").asText()).isEqualTo("confirmation link");
        assertThat(member.get("recent_deliveries").isArray()).isTrue();
        assertThat(member.get("suppressions")).isEmpty();
    }

    @Test
    void aMembersDeliveriesArePagedNewestFirstAcrossCampaignsAndMessages() throws Exception {
        for (String a : new String[]{"ann@example.com", "bob@example.com"}) {
            Subscriptions.Requested r = node.subscriptions.subscribe(news, a, Map.of(), new Consent("127.0.0.1", "test", "fixture", "yes"));
            node.subscriptions.confirm(((Subscriptions.NeedsConfirmation) r).token(), new Consent("127.0.0.1", "test", "link", null));
        }
        String k = node.key(Scope.CAMPAIGNS_WRITE, Scope.MESSAGES_SEND, Scope.REPORTS_READ, Scope.LISTS_READ);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "issue-" + i;
            assertThat(node.post("/api/v1/campaigns", k, "{\"name\": \"" + name + "\", \"list\": \"news\", \"from\": \"news@example.com\","
                    + " \"subject\": \"Issue\", \"text\": \"Hello\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> r = node.post("/api/v1/campaigns/" + Api.segment(name) + "/send", k, "{\"override\": \"test\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            sent.add(name);
        }
        HttpResponse<String> message = node.post("/api/v1/messages", k,
                "{\"to\": \"ann@example.com\", \"from\": \"shop@example.com\", \"subject\": \"Receipt\", \"text\": \"Thanks\"}");
        assertThat(message.statusCode()).as(message.body()).isEqualTo(202);

        String path = json(node.get("/api/v1/lists/news/subscribers/ann%40example.com", k)).get("deliveries").asText();
        assertThat(path).isEqualTo("/api/v1/lists/news/subscribers/ann%40example.com/deliveries");
        List<String> campaigns = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = node.get(path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), k);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = json(r);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
            page.get("items").forEach(l -> {
                assertThat(l.get("recipient").asText()).isEqualTo("ann@example.com");
                assertThat(l.get("state").asText()).isEqualTo("queued");
                campaigns.add(l.get("campaign").isNull() ? "(message)" : l.get("campaign").asText());
                ids.add(l.get("id").asLong());
            });
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(campaigns).containsExactly("(message)", "issue-4", "issue-3", "issue-2", "issue-1", "issue-0");
        assertThat(ids.getFirst()).isEqualTo(json(message).get("id").asLong());
        assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder()).doesNotHaveDuplicates();

        // bob's are his own; the page needs reports:read, a member of the list, and a cursor it gave out
        assertThat(json(node.get("/api/v1/lists/news/subscribers/bob%40example.com/deliveries", k)).get("items")).hasSize(5);
        HttpResponse<String> noReports = node.get(path, node.key(Scope.LISTS_READ));
        assertThat(noReports.statusCode()).isEqualTo(403);
        assertThat(json(noReports).get("detail").asText()).contains("reports:read");
        assertThat(node.get("/api/v1/lists/news/subscribers/cy%40example.com/deliveries", k).statusCode()).isEqualTo(404);
        assertThat(node.get("/api/v1/lists/none/subscribers/ann%40example.com/deliveries", k).statusCode()).isEqualTo(404);
        assertThat(json(node.get(path + "?cursor=" + Page.encode("x"), k)).get("field").asText()).isEqualTo("cursor");
    }

    @Test
    void badSubscriptionsAreProblemsNamingTheField() throws Exception {
        String k = node.key(Scope.LISTS_WRITE);
        HttpResponse<String> bad = node.post("/api/v1/lists/news/subscribers", k, "{\"email\": \"not an address\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(bad).get("field").asText()).isEqualTo("email");
        assertThat(json(node.post("/api/v1/lists/news/subscribers", k, "{\"email\": \"a@example.com\", \"attributes\": {\"x\": [1]}}"))
                .get("field").asText()).isEqualTo("attributes.x");
        assertThat(json(node.post("/api/v1/lists/news/subscribers", k, "{\"attributes\": {}}")).get("detail").asText())
                .isEqualTo("email: required");
        assertThat(json(node.post("/api/v1/lists/news/subscribers", k, "{\"email\": \"a@example.com\",}")).get("status").asInt())
                .isEqualTo(400);
        assertThat(node.post("/api/v1/lists/none/subscribers", k, "{\"email\": \"a@example.com\"}").statusCode()).isEqualTo(404);
        assertThat(node.post("/api/v1/lists/news/subscribers", node.key(Scope.LISTS_READ), "{\"email\": \"a@example.com\"}").statusCode())
                .isEqualTo(403);
        assertThat(node.confirmations).isEmpty();
        assertThat(node.lists.counts(news)).isEmpty();
    }

    @Test
    void unsubscribeByKeySuppressesAndFiresTheWebhook() throws Exception {
        node.subscriptions.subscribe(news, "bob+news@example.com", Map.of(), new Consent("127.0.0.1", "test", "fixture", "yes"));
        String k = node.key(Scope.LISTS_WRITE, Scope.LISTS_READ);
        try (Receiver receiver = new Receiver()) {
            new Webhooks(node.db, dev.homing.list.InstallSecret.load(home)).add(receiver.url(), EventKind.parse("unsubscribed"), null);
            try (Outbox outbox = new Outbox(node.db, Duration.ofMillis(50)); Sender sender = new Sender(node.db, dev.homing.list.InstallSecret.load(home),
                    Sender.Settings.defaults().allowingPrivateTargets(true))) {
                outbox.onWritten(sender::wake);
                node.subscriptions.onUnsubscribe(new Events(outbox)::unsubscribed);
                outbox.start();
                sender.start();

                String path = "/api/v1/lists/news/subscribers/bob%2Bnews%40example.com/unsubscribe";
                HttpResponse<String> r = node.post(path, k, null);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                JsonNode member = json(r);
                assertThat(member.get("email").asText()).isEqualTo("bob+news@example.com");
                assertThat(member.get("status").asText()).isEqualTo("unsubscribed");
                assertThat(member.get("timeline")).extracting(e -> e.get("event").asText()).containsExactly("requested", "unsubscribed");
                assertThat(member.at("/timeline/1/source").asText()).startsWith("API key test (");
                assertThat(member.at("/suppressions/0/reason").asText()).isEqualTo("unsubscribe");
                assertThat(member.at("/suppressions/0/list_id").asLong()).isEqualTo(news.id());

                await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.requests().isEmpty());
                Receiver.Request hook = receiver.requests().getFirst();
                assertThat(hook.header("Homing-Event")).isEqualTo("unsubscribed");
                assertThat(hook.body()).contains("bob+news@example.com").contains("\"list_id\":" + news.id());

                // again: harmless, and no second event
                assertThat(node.post(path, k, null).statusCode()).isEqualTo(200);
                Thread.sleep(500);
                assertThat(receiver.requests()).hasSize(1);
            }
        }
        // a '+' left unencoded in the path is the address's own, not a space
        assertThat(json(node.get("/api/v1/lists/news/subscribers/bob+news@example.com", k)).get("status").asText()).isEqualTo("unsubscribed");
        assertThat(new Suppressions(node.db).list(Suppression.ACTIVE)).extracting(Suppression::emailKey).containsExactly("bob+news@example.com");
        assertThat(node.post("/api/v1/lists/news/subscribers/nobody%40example.com/unsubscribe", k, null).statusCode()).isEqualTo(404);
        assertThat(json(node.get("/api/v1/lists/news/subscribers/not-an-address", k)).get("field").asText()).isEqualTo("email");
    }
}
