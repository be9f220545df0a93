package dev.homing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.homing.list.Consent;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.provider.ProviderDetector;
import dev.homing.store.Database;
import dev.homing.web.ConfirmationMailer;
import dev.homing.web.PublicPages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API over real HTTP against a real H2 database. */
class ApiTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    Database db;
    PublicPages pages;
    String base;
    Lists lists;
    Subscriptions subscriptions;

    static final class NoMail implements ConfirmationMailer {
        @Override
        public void send(MailingList list, String address, String confirmUrl, String pagesUrl) {
        }

        @Override
        public void welcome(MailingList list, String address, String unsubscribeUrl, String pagesUrl) {
        }
    }

    @BeforeEach
    void start() {
        db = Database.embedded(home);
        lists = new Lists(db);
        subscriptions = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
        pages = PublicPages.start("127.0.0.1", 0, null, lists, subscriptions, new NoMail(), ProviderDetector.offline(), null,
                new Api(db, ProviderDetector.offline()));
        base = "http://127.0.0.1:" + pages.port();
    }

    @AfterEach
    void stop() {
        pages.close();
        db.close();
    }

    String key(Scope... scopes) {
        return new ApiKeys(db).create("test", EnumSet.copyOf(List.of(scopes))).token();
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void noKeyOrABadKeyGets401AndNothingElse() throws Exception {
        lists.create("news", null);
        String good = key(Scope.LISTS_READ);
        for (String bad : new String[]{null, "nonsense", good + "x", "hk_00000000_" + "0".repeat(64)}) {
            HttpResponse<String> r = get("/api/v1/lists", bad);
            assertThat(r.statusCode()).as("key %s", bad).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(json(r).get("status").asInt()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("news");
        }
    }

    @Test
    void revokedKeyGets401() throws Exception {
        ApiKeys keys = new ApiKeys(db);
        ApiKeys.Issued k = keys.create("old", EnumSet.of(Scope.LISTS_READ));
        assertThat(get("/api/v1/lists", k.token()).statusCode()).isEqualTo(200);
        keys.revoke(k.key().id());
        assertThat(get("/api/v1/lists", k.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongScopeGets403RightScope200() throws Exception {
        lists.create("news", "the <b>news</b>");
        HttpResponse<String> r = get("/api/v1/lists", key(Scope.SUPPRESSION_READ));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).contains("lists:read");
        assertThat(r.body()).doesNotContain("news");
        r = get("/api/v1/lists", key(Scope.LISTS_READ));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("items").get(0).get("name").asText()).isEqualTo("news");
        assertThat(json(r).get("next").isNull()).isTrue();
    }

    @Test
    void paginationWalksEverySubscriberExactlyOnce() throws Exception {
        MailingList list = lists.create("news", null);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 23; i++) {
            String email = "person" + i + "@example.com";
            subscriptions.subscribe(list, email, Map.of(), new Consent("127.0.0.1", "test", "test", "yes"));
            expected.add(email);
        }
        String k = key(Scope.LISTS_READ);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> r = get("/api/v1/lists/news/subscribers?limit=5" + (cursor == null ? "" : "&cursor=" + cursor), k);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = json(r);
            page.get("items").forEach(i -> seen.add(i.get("email").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(5);
        assertThat(seen).hasSize(23).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(expected);
        assertThat(get("/api/v1/lists/news/subscribers?limit=501", k).statusCode()).isEqualTo(400);
        assertThat(json(get("/api/v1/lists/news/subscribers?cursor=!!", k)).get("field").asText()).isEqualTo("cursor");
        assertThat(get("/api/v1/lists/nope/subscribers", k).statusCode()).isEqualTo(404);
    }

    @Test
    void suppressionsAddedAndWalked() throws Exception {
        String k = key(Scope.SUPPRESSION_READ, Scope.SUPPRESSION_WRITE);
        for (int i = 0; i < 7; i++) {
            HttpResponse<String> r = post("/api/v1/suppressions", k, "{\"email\": \"gone" + i + "@example.com\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(json(r).get("reason").asText()).isEqualTo("manual");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/v1/suppressions?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), k));
            page.get("items").forEach(i -> seen.add(i.get("email").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(post("/api/v1/suppressions", key(Scope.SUPPRESSION_READ), "{\"email\": \"x@example.com\"}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void badBodiesGetAProblemNamingTheField() throws Exception {
        String k = key(Scope.SUPPRESSION_WRITE);
        HttpResponse<String> r = post("/api/v1/suppressions", k, "{\"email\": nope}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode p = json(r);
        assertThat(p.get("field").asText()).isEqualTo("email");
        assertThat(p.get("title").asText()).isEqualTo("Invalid request");
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/suppressions");
        assertThat(p.get("type").asText()).startsWith("https://");
        assertThat(json(post("/api/v1/suppressions", k, "{\"email\": \"not an address\"}")).get("field").asText()).isEqualTo("email");
        assertThat(json(post("/api/v1/suppressions", k, "{}")).get("detail").asText()).isEqualTo("email: required");
        assertThat(json(post("/api/v1/suppressions", k, "[1")).get("field").asText()).isEqualTo("body");
        assertThat(json(post("/api/v1/suppressions", k, "{\"email\": \"a@example.com\", \"list\": \"none\"}")).get("field").asText())
                .isEqualTo("list");
    }

    @Test
    void htmlInAnAttributeComesBackAsJsonData() throws Exception {
        MailingList list = lists.create("news", null);
        String evil = "<script>alert(1)</script><b onmouseover=\"x()\">Ann</b>";
        subscriptions.subscribe(list, "ann@example.com", Map.of("name", evil), new Consent("127.0.0.1", "test", "test", "yes"));
        HttpResponse<String> r = get("/api/v1/lists/news/subscribers", key(Scope.LISTS_READ));
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(json(r).get("items").get(0).get("attributes").get("name").asText()).isEqualTo(evil);
    }

    @Test
    void unknownCampaignAndDeliveryAre404Problems() throws Exception {
        String k = key(Scope.CAMPAIGNS_READ, Scope.REPORTS_READ);
        assertThat(get("/api/v1/campaigns", k).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/campaigns/none", k).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/campaigns/none/report", k).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/deliveries/12345", k).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/deliveries/abc", k)).get("field").asText()).isEqualTo("id");
    }

    @Test
    void openApiDocumentDescribesExactlyTheRegisteredRoutes() throws Exception {
        HttpResponse<String> r = get("/api/v1/openapi.json", key(Scope.LISTS_READ));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.1");
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> served = new TreeSet<>();
        for (String route : pages.routes()) {
            String[] mp = route.split(" ", 2);
            if (mp[1].startsWith("/api/v1/") && Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(mp[0])) {
                served.add(route);
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(documented).isEqualTo(served);
        assertThat(doc.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        assertThat(get("/api/v1/openapi.json", null).statusCode()).isEqualTo(401);
    }
}
