package dev.homing.api;

import dev.homing.access.ApiKeys;
import dev.homing.access.Scope;

import com.fasterxml.jackson.databind.JsonNode;
import dev.homing.list.Consent;
import dev.homing.list.MailingList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.homing.api.ApiNode.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API over real HTTP against a real H2 database: keys, scopes, problems, pagination, lists, the OpenAPI document. */
class ApiTest {
    @TempDir
    Path home;
    ApiNode node;

    @BeforeEach
    void start() {
        node = ApiNode.bare(home);
    }

    @AfterEach
    void stop() {
        node.close();
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        return node.get(path, key);
    }

    HttpResponse<String> post(String path, String key, String body) throws Exception {
        return node.post(path, key, body);
    }

    String key(Scope... scopes) {
        return node.key(scopes);
    }

    @Test
    void anOversizedOrDeeplyNestedBodyIsTheClientsErrorNotOurs() throws Exception {
        node.lists.create("news", null);
        String key = key(Scope.LISTS_WRITE);
        HttpResponse<String> huge = post("/api/v1/lists/news/subscribers", key, "{\"email\": \"a@example.com\", \"attributes\": {\"x\": \""
                + "y".repeat(3_000_000) + "\"}}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(huge).get("detail").asText()).contains("larger than");
        HttpResponse<String> deep = post("/api/v1/lists/news/subscribers", key, "[".repeat(200_000) + "]".repeat(200_000));
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(json(deep).get("status").asInt()).isEqualTo(400);
        assertThat(node.subscriptions.record("a@example.com", node.lists.get("news").id())).isEmpty();
    }

    @Test
    void noKeyOrABadKeyGets401AndNothingElse() throws Exception {
        node.lists.create("news", null);
        String good = key(Scope.LISTS_READ);
        for (String bad : new String[]{null, "nonsense", good + "x", "hk_00000000_" + "0".repeat(64)}) {
            HttpResponse<String> r = get("/api/v1/lists", bad);
            assertThat(r.statusCode()).as("key %s", bad).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(json(r).get("status").asInt()).isEqualTo(401);
            assertThat(r.body()).doesNotContain("news");
        }
        // a write without a key changes nothing
        HttpResponse<String> r = post("/api/v1/lists/news/subscribers", null, "{\"email\": \"ann@example.com\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("ann@");
        assertThat(node.subscriptions.record("ann@example.com", node.lists.get("news").id())).isEmpty();
        assertThat(node.confirmations).isEmpty();
    }

    @Test
    void withoutALiveKeyEveryPathIsTheSame401AndTheRouteMapStaysHidden() throws Exception {
        ApiKeys keys = new ApiKeys(node.db);
        ApiKeys.Issued revoked = keys.create("old", java.util.EnumSet.allOf(Scope.class));
        keys.revoke(revoked.key().id());
        String good = key(Scope.LISTS_READ);
        // served, served under another method only, served by nothing: told apart only with a key
        List<String[]> requests = List.of(new String[]{"GET", "/api/v1/lists"}, new String[]{"DELETE", "/api/v1/lists"},
                new String[]{"PUT", "/api/v1/lists/news"}, new String[]{"GET", "/api/v1/messages"},
                new String[]{"GET", "/api/v1/nothing/here"}, new String[]{"POST", "/api/v1/nothing/here"},
                new String[]{"PATCH", "/api/v1/campaigns/x/deliveries"}, new String[]{"GET", "/api/v1"}, new String[]{"GET", "/api/v1/"});
        for (String bad : new String[]{null, "nonsense", good + "x", revoked.token()}) {
            for (String[] mp : requests) {
                HttpResponse<String> r = node.send(mp[0], mp[1], bad, mp[0].equals("GET") ? null : "{}");
                String what = mp[0] + " " + mp[1] + " with key " + bad;
                assertThat(r.statusCode()).as(what).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).as(what).get().asString().startsWith("Bearer realm=\"homing\"");
                assertThat(r.headers().firstValue("Allow")).as(what).isEmpty();
                assertThat(r.headers().firstValue("Content-Type")).as(what).get().asString().startsWith("application/problem+json");
                JsonNode p = json(r);
                assertThat(p.get("type").asText()).as(what).endsWith("/unauthorized");
                assertThat(p.get("detail").asText()).as(what).doesNotContain("route", "openapi", "answers");
                assertThat(p.get("status").asInt()).as(what).isEqualTo(401);
            }
        }
        // the same requests with a live key of any scope tell them apart
        assertThat(node.send("DELETE", "/api/v1/lists", good, null).statusCode()).isEqualTo(405);
        assertThat(node.send("PATCH", "/api/v1/campaigns/x/deliveries", good, "{}").headers().firstValue("Allow")).contains("GET");
        assertThat(node.send("GET", "/api/v1/nothing/here", key(Scope.MESSAGES_SEND), null).statusCode()).isEqualTo(404);
    }

    @Test
    void revokedKeyGets401() throws Exception {
        ApiKeys keys = new ApiKeys(node.db);
        ApiKeys.Issued k = keys.create("old", java.util.EnumSet.of(Scope.LISTS_READ));
        assertThat(get("/api/v1/lists", k.token()).statusCode()).isEqualTo(200);
        keys.revoke(k.key().id());
        assertThat(get("/api/v1/lists", k.token()).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongScopeGets403RightScope200() throws Exception {
        node.lists.create("news", "the <b>news</b>");
        HttpResponse<String> r = get("/api/v1/lists", key(Scope.SUPPRESSION_READ));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("detail").asText()).contains("lists:read");
        assertThat(r.body()).doesNotContain("news");
        r = get("/api/v1/lists", key(Scope.LISTS_READ));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("items").get(0).get("name").asText()).isEqualTo("news");
        assertThat(json(r).get("next").isNull()).isTrue();
        // a read key cannot write, and each new scope guards its route
        assertThat(post("/api/v1/lists", key(Scope.LISTS_READ), "{\"name\": \"other\"}").statusCode()).isEqualTo(403);
        assertThat(node.lists.find("other")).isEmpty();
        assertThat(json(get("/api/v1/domains/example.com/check", key(Scope.LISTS_READ))).get("detail").asText()).contains("domains:read");
        assertThat(json(post("/api/v1/messages", key(Scope.CAMPAIGNS_WRITE), "{}")).get("detail").asText()).contains("messages:send");
    }

    @Test
    void listsAreCreatedShownAndPagedInNameOrder() throws Exception {
        String k = key(Scope.LISTS_READ, Scope.LISTS_WRITE);
        HttpResponse<String> r = post("/api/v1/lists", k, "{\"name\": \"spring-news\", \"description\": \"<i>seasonal</i>\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).contains("/api/v1/lists/spring-news");
        assertThat(json(r).get("description").asText()).isEqualTo("<i>seasonal</i>");
        assertThat(json(r).at("/members/confirmed").asLong()).isZero();
        assertThat(node.lists.find("spring-news")).isPresent();

        HttpResponse<String> again = post("/api/v1/lists", k, "{\"name\": \"spring-news\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("field").asText()).isEqualTo("name");
        // a name is a path segment: plain characters only, as the list store takes them
        for (String bad : new String[]{"a/b", "spring news", "x".repeat(101), "caf\u00e9"}) {
            HttpResponse<String> refused = post("/api/v1/lists", k, "{\"name\": \"" + bad + "\"}");
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(refused).get("field").asText()).isEqualTo("name");
            assertThat(json(refused).get("detail").asText()).contains("letters, digits");
        }
        assertThat(json(post("/api/v1/lists", k, "{\"description\": \"no name\"}")).get("detail").asText()).isEqualTo("name: required");
        assertThat(json(post("/api/v1/lists", k, "{\"name\": \"x\", \"colour\": \"red\"}")).get("field").asText()).isEqualTo("colour");

        MailingList spring = node.lists.get("spring-news");
        node.subscriptions.subscribe(spring, "ann@example.com", Map.of(), new Consent("127.0.0.1", "test", "test", "yes"));
        JsonNode one = json(get("/api/v1/lists/spring-news", k));
        assertThat(one.get("name").asText()).isEqualTo("spring-news");
        assertThat(one.at("/members/unconfirmed").asLong()).isEqualTo(1);
        assertThat(get("/api/v1/lists/autumn", k).statusCode()).isEqualTo(404);

        Set<String> expected = new TreeSet<>(Set.of("spring-news"));
        for (int i = 0; i < 6; i++) {
            node.lists.create("list" + i, null);
            expected.add("list" + i);
        }
        List<String> seen = node.walk("/api/v1/lists", k, 3, "name");
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void paginationWalksEverySubscriberExactlyOnce() throws Exception {
        MailingList list = node.lists.create("news", null);
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 23; i++) {
            String email = "person" + i + "@example.com";
            node.subscriptions.subscribe(list, email, Map.of(), new Consent("127.0.0.1", "test", "test", "yes"));
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
        List<String> seen = node.walk("/api/v1/suppressions", k, 3, "email");
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
        assertThat(p.get("detail").asText()).contains("line 1, column");
        assertThat(p.get("title").asText()).isEqualTo("Invalid request");
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/suppressions");
        assertThat(p.get("type").asText()).startsWith("https://");
        assertThat(p.has("more")).as("extensions are members of their own").isFalse();
        assertThat(json(post("/api/v1/suppressions", k, "{\"email\": \"not an address\"}")).get("field").asText()).isEqualTo("email");
        assertThat(json(post("/api/v1/suppressions", k, "{}")).get("detail").asText()).isEqualTo("email: required");
        assertThat(json(post("/api/v1/suppressions", k, "{\"email\": 7}")).get("detail").asText()).isEqualTo("email: must be a string");
        assertThat(json(post("/api/v1/suppressions", k, "[1")).get("field").asText()).isEqualTo("body");
        assertThat(json(post("/api/v1/suppressions", k, "")).get("field").asText()).isEqualTo("body");
        assertThat(json(post("/api/v1/suppressions", k, "{\"email\": \"a@example.com\", \"list\": \"none\"}")).get("field").asText())
                .isEqualTo("list");
    }

    @Test
    void htmlInAnAttributeComesBackAsJsonData() throws Exception {
        MailingList list = node.lists.create("news", null);
        String evil = "<script>alert(1)</script><b onmouseover=\"x()\">Ann</b>";
        node.subscriptions.subscribe(list, "ann@example.com", Map.of("name", evil), new Consent("127.0.0.1", "test", "test", "yes"));
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
        assertThat(get("/api/v1/campaigns/none/preflight", k).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/deliveries/12345", k).statusCode()).isEqualTo(404);
        assertThat(json(get("/api/v1/deliveries/abc", k)).get("field").asText()).isEqualTo("id");
    }

    @Test
    void unknownPathsAre404ProblemsAndOtherMethods405() throws Exception {
        String k = key(Scope.LISTS_READ);
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> r = node.send(method, "/api/v1/nothing/here", k, method.equals("GET") ? null : "{}");
            assertThat(r.statusCode()).as(method).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(method).get().asString().startsWith("application/problem+json");
            assertThat(json(r).get("status").asInt()).isEqualTo(404);
            assertThat(json(r).get("instance").asText()).isEqualTo("/api/v1/nothing/here");
        }
        assertThat(node.send("GET", "/api/v1", k, null).statusCode()).isEqualTo(404);

        HttpResponse<String> r = node.send("DELETE", "/api/v1/lists", k, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, POST");
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(r).get("detail").asText()).contains("DELETE");
        assertThat(node.send("PUT", "/api/v1/lists/news", k, "{}").headers().firstValue("Allow")).contains("GET");
        assertThat(node.send("GET", "/api/v1/messages", k, null).headers().firstValue("Allow")).contains("POST");
        assertThat(node.send("GET", "/api/v1/lists/news/subscribers/a@b.example/unsubscribe", k, null).statusCode()).isEqualTo(405);

        // a route's own 404 keeps its words; pages outside the API keep theirs
        node.lists.create("news", null);
        assertThat(json(get("/api/v1/lists/nope", k)).get("detail").asText()).contains("no list named \"nope\"");
        HttpResponse<String> page = node.send("GET", "/no-such-page", null, null);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).doesNotContain("problem+json");
        assertThat(node.send("GET", "/subscribe/news", null, null).body()).contains("name=\"email\"");
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
        for (String route : node.pages.routes()) {
            String[] mp = route.split(" ", 2);
            if (mp[1].startsWith("/api/v1/") && Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(mp[0])) {
                served.add(route);
            }
        }
        assertThat(served).isNotEmpty();
        assertThat(documented).isEqualTo(served);
        // every operation names the scopes its route is guarded with, none for "any live key"
        assertThat(documentedScopes(doc)).isEqualTo(node.api.scopes());
        // every $ref resolves, and every operation declares exactly its path's {parameters}
        doc.findValues("$ref").forEach(ref -> assertThat(doc.at(ref.asText().substring(1)).isMissingNode()).as(ref.asText()).isFalse());
        doc.get("paths").fields().forEachRemaining(p -> {
            Set<String> inPath = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-z]+)}").matcher(p.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            p.getValue().fields().forEachRemaining(op -> {
                Set<String> declared = new TreeSet<>();
                op.getValue().path("parameters").forEach(x -> {
                    if (x.get("in").asText().equals("path")) {
                        declared.add(x.get("name").asText());
                    }
                });
                assertThat(declared).as(op.getKey() + " " + p.getKey()).isEqualTo(inPath);
                assertThat(op.getValue().get("responses").fieldNames()).as(op.getKey() + " " + p.getKey()).toIterable()
                        .anyMatch(code -> code.startsWith("2"));
            });
        });
        assertThat(doc.at("/paths/~1api~1v1~1messages/post/security/0/apiKey/0").asText()).isEqualTo("messages:send");
        assertThat(doc.at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
        // the document itself needs a live key, of any scope
        assertThat(get("/api/v1/openapi.json", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/openapi.json", key(Scope.MESSAGES_SEND)).statusCode()).isEqualTo(200);
    }

    /** "GET /api/v1/lists" to the scopes its operation's security requirement lists. */
    static Map<String, Set<Scope>> documentedScopes(JsonNode doc) {
        Map<String, Set<Scope>> out = new java.util.HashMap<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String route = op.getKey().toUpperCase() + " " + p.getKey();
            JsonNode security = op.getValue().get("security");
            assertThat(security).as(route).hasSize(1);
            JsonNode scopes = security.get(0).get("apiKey");
            assertThat(scopes.isArray()).as(route).isTrue();
            Set<Scope> named = java.util.EnumSet.noneOf(Scope.class);
            scopes.forEach(s -> named.addAll(Scope.parse(s.asText())));
            out.put(route, named);
        }));
        return out;
    }

    @Test
    void everyOperationIsRefusedWithoutTheScopeItDocumentsAndPassesTheGuardWithIt() throws Exception {
        JsonNode doc = json(get("/api/v1/openapi.json", key(Scope.LISTS_READ)));
        Map<String, Set<Scope>> documented = documentedScopes(doc);
        assertThat(documented).hasSizeGreaterThan(20);
        for (Map.Entry<String, Set<Scope>> e : documented.entrySet()) {
            String[] mp = e.getKey().split(" ", 2);
            // every parameter "x": an unknown name, a bad id or domain; POST bodies "{}" lack what they need; nothing changes
            String path = mp[1].replaceAll("\\{[a-z]+}", "x");
            String body = mp[0].equals("POST") ? "{}" : null;
            if (e.getValue().isEmpty()) {
                for (Scope any : Scope.values()) {
                    assertThat(node.send(mp[0], path, key(any), body).statusCode()).as(e.getKey() + " " + any).isEqualTo(200);
                }
                continue;
            }
            Scope needed = e.getValue().iterator().next();
            HttpResponse<String> without = node.send(mp[0], path, key(java.util.EnumSet.complementOf(java.util.EnumSet.copyOf(e.getValue()))
                    .toArray(Scope[]::new)), body);
            assertThat(without.statusCode()).as(e.getKey() + " without " + needed).isEqualTo(403);
            assertThat(json(without).get("detail").asText()).as(e.getKey()).endsWith(" " + needed.label());
            HttpResponse<String> with = node.send(mp[0], path, key(e.getValue().toArray(Scope[]::new)), body);
            assertThat(with.statusCode()).as(e.getKey() + " with " + e.getValue() + ": " + with.body()).isIn(200, 400, 404);
        }
        assertThat(node.lists.page("", 10)).isEmpty();
        assertThat(node.campaigns.page(0, 10)).isEmpty();
    }
}
