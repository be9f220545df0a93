package dev.homing.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of {@code /api/v1}. Written out by hand, path by path, rather than derived
 * from the route table, so that ApiOpenApiTest comparing it with the routes the server registered
 * catches a route added without its description (or a description left after its route).
 */
final class OpenApi {
    private static final String PROBLEM = "application/problem+json";
    private static final Map<String, Object> DOCUMENT = build();

    private OpenApi() {
    }

    static Map<String, Object> document() {
        return DOCUMENT;
    }

    private static Map<String, Object> build() {
        Map<String, Object> paths = new LinkedHashMap<>();
        paths.put("/api/v1/openapi.json", Map.of("get", op("openapi", "This document", null, List.of(), ref("Object"), false)));
        paths.put("/api/v1/lists", Map.of("get", op("listLists", "Lists with member counts by status", Scope.LISTS_READ,
                List.of(), ref("List"), true)));
        Map<String, Object> subscribers = new LinkedHashMap<>();
        subscribers.put("get", op("listSubscribers", "A list's members with their attributes, in address order", Scope.LISTS_READ,
                List.of(path("list", "The list's name")), ref("Subscriber"), true));
        subscribers.put("post", subscribe());
        paths.put("/api/v1/lists/{list}/subscribers", subscribers);
        paths.put("/api/v1/campaigns", Map.of("get", op("listCampaigns", "Campaigns in creation order", Scope.CAMPAIGNS_READ,
                List.of(), ref("Campaign"), true)));
        paths.put("/api/v1/campaigns/{name}", Map.of("get", op("getCampaign", "One campaign", Scope.CAMPAIGNS_READ,
                List.of(path("name", "The campaign's name")), ref("Campaign"), false)));
        paths.put("/api/v1/campaigns/{name}/report", Map.of("get", op("getCampaignReport",
                "The campaign's diagnosis: counts by state, reason and code; failures grouped by provider and reason with advice",
                Scope.REPORTS_READ, List.of(path("name", "The campaign's name")), ref("Object"), false)));
        paths.put("/api/v1/deliveries/{id}", Map.of("get", op("getDelivery",
                "One delivery: every attempt and late event in time order, the verdict and the next action", Scope.REPORTS_READ,
                List.of(path("id", "The delivery's id")), ref("Object"), false)));
        Map<String, Object> suppressions = new LinkedHashMap<>();
        suppressions.put("get", op("listSuppressions", "Suppressed addresses (list_id 0: every list)", Scope.SUPPRESSION_READ,
                List.of(), ref("Suppression"), true));
        Map<String, Object> add = op("addSuppression", "Suppress an address by hand (reason manual)", Scope.SUPPRESSION_WRITE,
                List.of(), ref("Suppression"), false);
        add.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", Map.of(
                "type", "object", "required", List.of("email"), "properties", Map.of(
                        "email", Map.of("type", "string", "format", "email"),
                        "list", Map.of("type", "string", "description", "a list's name; absent: every list")))))));
        Map<String, Object> responses = responses(add);
        responses.put("201", responses.remove("200"));
        suppressions.put("post", add);
        paths.put("/api/v1/suppressions", suppressions);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Homing API", "version", "1",
                "description", "Errors are RFC 9457 problem documents. Collections are paginated: pass 'limit' (1 to "
                        + Page.MAX_LIMIT + ", default " + Page.DEFAULT_LIMIT + ") and the 'next' cursor of the previous page."));
        doc.put("security", List.of(Map.of("apiKey", List.of())));
        doc.put("paths", paths);
        doc.put("components", components());
        return doc;
    }

    /** The public subscribe route: no key (it is the API twin of the subscribe form), double opt-in. */
    private static Map<String, Object> subscribe() {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", "subscribe");
        op.put("summary", "Subscribe an address; a confirmation mail is sent (double opt-in). Needs no key; rate limited per client.");
        op.put("security", List.of());
        op.put("parameters", List.of(path("list", "The list's name")));
        op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", Map.of(
                "type", "object", "required", List.of("email"), "properties", Map.of(
                        "email", Map.of("type", "string", "format", "email"),
                        "attributes", Map.of("type", "object"),
                        "consent_text", Map.of("type", "string")))))));
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "already confirmed"));
        responses.put("202", Map.of("description", "confirmation mail sent"));
        responses.put("404", Map.of("description", "no such list"));
        responses.put("422", problem("the address cannot receive mail"));
        responses.put("429", problem("too many requests from this client"));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> op(String id, String summary, Scope scope, List<Map<String, Object>> params,
                                          Map<String, Object> item, boolean paginated) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", id);
        op.put("summary", summary);
        op.put("security", List.of(Map.of("apiKey", scope == null ? List.of() : List.of(scope.label()))));
        List<Map<String, Object>> all = new java.util.ArrayList<>(params);
        if (paginated) {
            all.add(query("limit", Map.of("type", "integer", "minimum", 1, "maximum", Page.MAX_LIMIT, "default", Page.DEFAULT_LIMIT),
                    "How many items at most"));
            all.add(query("cursor", Map.of("type", "string"), "The 'next' value of the previous page; absent for the first"));
        }
        if (!all.isEmpty()) {
            op.put("parameters", all);
        }
        Map<String, Object> body = paginated ? Map.of("type", "object", "required", List.of("items", "next"), "properties", Map.of(
                "items", Map.of("type", "array", "items", item),
                "next", Map.of("type", List.of("string", "null"), "description", "the cursor of the next page; null on the last")))
                : item;
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "OK", "content", Map.of("application/json", Map.of("schema", body))));
        if (!params.isEmpty() || paginated || id.equals("addSuppression")) {
            responses.put("400", problem("a parameter or the body is invalid; 'field' names it"));
        }
        responses.put("401", Map.of("$ref", "#/components/responses/Unauthorized"));
        if (scope != null) {
            responses.put("403", Map.of("$ref", "#/components/responses/Forbidden"));
        }
        if (!params.isEmpty()) {
            responses.put("404", problem("no such " + params.getFirst().get("name")));
        }
        op.put("responses", responses);
        return op;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Map<String, Object> op) {
        return (Map<String, Object>) op.get("responses");
    }

    private static Map<String, Object> components() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put("Problem", Map.of("type", "object", "description", "RFC 9457 problem details", "properties", Map.of(
                "type", Map.of("type", "string", "format", "uri"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"), "instance", Map.of("type", "string"),
                "field", Map.of("type", "string", "description", "the request field at fault"))));
        schemas.put("Object", Map.of("type", "object"));
        schemas.put("List", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "integer"),
                "name", Map.of("type", "string"), "description", Map.of("type", List.of("string", "null")),
                "created_at", Map.of("type", "string", "format", "date-time"), "members", Map.of("type", "object"))));
        schemas.put("Subscriber", Map.of("type", "object", "properties", Map.of("email", Map.of("type", "string"),
                "status", Map.of("type", "string", "enum", List.of("unconfirmed", "confirmed", "unsubscribed")),
                "consent_source", Map.of("type", List.of("string", "null")),
                "joined", Map.of("type", "string", "format", "date-time"),
                "attributes", Map.of("type", "object", "description", "merge fields as given: data, to be escaped by whoever shows them"))));
        schemas.put("Campaign", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "integer"),
                "name", Map.of("type", "string"), "list_id", Map.of("type", "integer"), "subject", Map.of("type", "string"),
                "state", Map.of("type", "string", "enum", List.of("draft", "sending", "paused", "sent")))));
        schemas.put("Suppression", Map.of("type", "object", "properties", Map.of("email", Map.of("type", "string"),
                "list_id", Map.of("type", "integer", "description", "0: every list"), "reason", Map.of("type", "string"),
                "status", Map.of("type", "string", "enum", List.of("active", "suspected")),
                "source", Map.of("type", List.of("string", "null")), "created_at", Map.of("type", "string", "format", "date-time"))));
        return Map.of(
                "securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer",
                        "description", "Authorization: Bearer hk_<prefix>_<secret>, from 'homing apikey create NAME --scopes ...'."
                                + " The security requirement lists the scope a route needs.")),
                "schemas", schemas,
                "responses", Map.of(
                        "Unauthorized", problem("no key, or not a live one (WWW-Authenticate: Bearer)"),
                        "Forbidden", problem("the key lacks the scope this route needs")));
    }

    private static Map<String, Object> problem(String description) {
        return Map.of("description", description, "content", Map.of(PROBLEM, Map.of("schema", ref("Problem"))));
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    private static Map<String, Object> path(String name, String description) {
        return Map.of("name", name, "in", "path", "required", true, "description", description, "schema", Map.of("type", "string"));
    }

    private static Map<String, Object> query(String name, Map<String, Object> schema, String description) {
        return Map.of("name", name, "in", "query", "required", false, "description", description, "schema", schema);
    }
}
