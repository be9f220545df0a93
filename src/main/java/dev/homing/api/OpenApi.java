package dev.homing.api;

import dev.homing.access.Scope;

import dev.homing.queue.DeliveryState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of {@code /api/v1}. Written out by hand, path by path, rather than derived
 * from the route table, so that ApiTest comparing it with the routes the server registered catches a
 * route added without its description (or a description left after its route).
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
        lists(paths);
        campaigns(paths);
        paths.put("/api/v1/deliveries/{id}", Map.of("get", op("getDelivery",
                "One delivery: every attempt (with its SMTP transcript: \"=== \" Homing's notes, \" -> \" sent, \"<-  \" received)"
                        + " and late event (with the report_id of the stored bounce or complaint) in time order, the verdict and the next action",
                Scope.REPORTS_READ, List.of(path("id", "The delivery's id")), ref("Object"), false)));
        paths.put("/api/v1/deliveries/{id}/reports/{report}", Map.of("get", op("getDeliveryReport",
                "A stored bounce or complaint of this delivery as it arrived (message/rfc822), kept for inbound.retention", Scope.REPORTS_READ,
                List.of(path("id", "The delivery's id"), path("report", "The report_id of one of its events")), ref("Object"), false)));
        Map<String, Object> suppressions = new LinkedHashMap<>();
        suppressions.put("get", op("listSuppressions", "Suppressed addresses (list_id 0: every list)", Scope.SUPPRESSION_READ,
                List.of(), ref("Suppression"), true));
        suppressions.put("post", status(body(op("addSuppression", "Suppress an address by hand (reason manual)", Scope.SUPPRESSION_WRITE,
                List.of(), ref("Suppression"), false), List.of("email"), Map.of(
                "email", Map.of("type", "string", "format", "email"),
                "list", Map.of("type", "string", "description", "a list's name; absent: every list"))), "201", "suppressed"));
        paths.put("/api/v1/suppressions", suppressions);
        paths.put("/api/v1/domains/{domain}/check", Map.of("get", op("checkDomain",
                "The sender-domain check of 'homing check domain': SPF, DKIM, DMARC, alignment, bounce MX and PTR against this"
                        + " node's sending IPs, bounce domain and DKIM keys, each finding with its fix", Scope.DOMAINS_READ,
                List.of(path("domain", "The From domain")), ref("DomainReport"), false)));
        Map<String, Object> send = body(op("sendMessage", "Send one transactional message: queued as one delivery (signed when"
                + " the From domain has DKIM keys here); follow it at /api/v1/deliveries/{id}. An address suppressed for every list"
                + " is recorded suppressed and not sent to.", Scope.MESSAGES_SEND, List.of(), ref("Accepted"), false),
                List.of("to", "from", "subject"), Map.of(
                        "to", Map.of("type", "string", "format", "email"), "from", Map.of("type", "string", "format", "email"),
                        "subject", Map.of("type", "string", "maxLength", 998),
                        "text", Map.of("type", "string", "description", "the plain-text body; give text, html or both"),
                        "html", Map.of("type", "string", "description", "the HTML body")));
        paths.put("/api/v1/messages", Map.of("post", problem(status(send, "202", "queued"), "422", "'to' or 'from' cannot receive mail")));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Homing API", "version", "1",
                "description", "Errors are RFC 9457 problem documents ('field' names the request member or parameter at fault)."
                        + " Without a live key every path under /api/v1, served or not, is the same 401 problem; with one, a path no"
                        + " route serves is a 404 problem and a path served under another method a 405 with Allow."
                        + " Collections are paginated: pass 'limit' (1 to " + Page.MAX_LIMIT + ", default " + Page.DEFAULT_LIMIT
                        + ") and the 'next' cursor of the previous page."));
        doc.put("security", List.of(Map.of("apiKey", List.of())));
        doc.put("paths", paths);
        doc.put("components", components());
        return doc;
    }

    private static void lists(Map<String, Object> paths) {
        Map<String, Object> lists = new LinkedHashMap<>();
        lists.put("get", op("listLists", "Lists with member counts by status, in name order", Scope.LISTS_READ, List.of(), ref("List"), true));
        lists.put("post", problem(status(body(op("createList", "Create a list", Scope.LISTS_WRITE, List.of(), ref("List"), false),
                List.of("name"), Map.of("name", pathName(),
                        "description", Map.of("type", "string", "maxLength", 1000))), "201", "created"), "409", "a list of that name exists"));
        paths.put("/api/v1/lists", lists);
        paths.put("/api/v1/lists/{list}", Map.of("get", op("getList", "One list with member counts by status", Scope.LISTS_READ,
                List.of(path("list", "The list's name")), ref("List"), false)));
        Map<String, Object> subscribers = new LinkedHashMap<>();
        subscribers.put("get", op("listSubscribers", "A list's members with their attributes, in address order", Scope.LISTS_READ,
                List.of(path("list", "The list's name")), ref("Subscriber"), true));
        Map<String, Object> subscribe = body(op("subscribe", "Subscribe an address with double opt-in: it becomes an unconfirmed member and"
                        + " is mailed a confirmation link, as from the public form (202); a confirmed member is left as is (200)."
                        + " With consent_source the member is added confirmed at once, as an import with a stated consent (201)",
                Scope.LISTS_WRITE, List.of(path("list", "The list's name")), ref("Subscribed"), false), List.of("email"), Map.of(
                "email", Map.of("type", "string", "format", "email"),
                "attributes", Map.of("type", "object", "description", "merge fields: names and plain values"),
                "consent_text", Map.of("type", "string", "maxLength", 2000, "description", "what the person agreed to, kept in the consent record"),
                "consent_source", Map.of("type", "string", "maxLength", 200, "description", "where consent was given elsewhere (a checkout,"
                        + " a form at a fair): the member is confirmed at once and the source recorded")));
        responses(subscribe).put("201", Map.of("description", "added confirmed with the stated consent_source",
                "content", Map.of("application/json", Map.of("schema", ref("Subscribed")))));
        responses(subscribe).put("200", Map.of("description", "already a confirmed member: nothing sent",
                "content", Map.of("application/json", Map.of("schema", ref("Subscribed")))));
        responses(subscribe).put("202", Map.of("description", "confirmation mail queued", "content",
                Map.of("application/json", Map.of("schema", ref("Subscribed")))));
        subscribers.put("post", problem(subscribe, "422", "the address cannot receive mail ('field': email)"));
        paths.put("/api/v1/lists/{list}/subscribers", subscribers);
        List<Map<String, Object>> member = List.of(path("list", "The list's name"), path("email", "The member's address, URL-encoded"));
        paths.put("/api/v1/lists/{list}/subscribers/{email}", Map.of("get", op("getSubscriber",
                "One member: status, attributes, the consent timeline (requested, confirmed, unsubscribed, with time, IP, user agent"
                        + " and source), suppressions, the ids of the newest deliveries to the address and the link to all of them",
                Scope.LISTS_READ, member, ref("SubscriberDetail"), false), "delete", op("removeSubscriber",
                "Take a member off this list only: the subscriber's record, other lists, consent history and suppressions stay"
                        + " (erasing a person is POST /api/v1/subscribers/{email}/erase)", Scope.LISTS_WRITE, member, ref("Removed"), false)));
        paths.put("/api/v1/lists/{list}/subscribers/{email}/attributes", Map.of("put", body(op("setSubscriberAttributes",
                "Replace the subscriber's merge fields (names and plain values; {} clears them)", Scope.LISTS_WRITE, member,
                ref("SubscriberDetail"), false), List.of("attributes"), Map.of("attributes", Map.of("type", "object",
                "description", "merge fields: names and plain values")))));
        paths.put("/api/v1/lists/{list}/subscribers/{email}/deliveries", Map.of("get", op("listSubscriberDeliveries",
                "Every delivery to the member's address as stored (any list's campaigns and transactional messages), newest first,"
                        + " each as a line of the campaign report's per-recipient table; /api/v1/deliveries/{id} has its timeline",
                Scope.REPORTS_READ, member, ref("DeliveryLine"), true)));
        paths.put("/api/v1/lists/{list}/subscribers/{email}/unsubscribe", Map.of("post", op("unsubscribe",
                "Unsubscribe a member at once and suppress the address for the list, as the one-click link does (the webhook"
                        + " 'unsubscribed' event follows); repeating it is harmless", Scope.LISTS_WRITE, member, ref("SubscriberDetail"), false)));
        paths.put("/api/v1/subscribers/{email}/erase", Map.of("post", op("erase",
                "Erase a person at their request (GDPR art. 17): subscriber record, memberships in every list, consent events,"
                        + " suppressions and the address on past deliveries go; a hashed mark keeps an import from re-adding them;"
                        + " repeating it is harmless", Scope.LISTS_WRITE, List.of(path("email", "The address, URL-encoded")), ref("Erased"),
                false)));
    }

    private static void campaigns(Map<String, Object> paths) {
        List<Map<String, Object>> name = List.of(path("name", "The campaign's name"));
        Map<String, Object> campaigns = new LinkedHashMap<>();
        campaigns.put("get", op("listCampaigns", "Campaigns in creation order", Scope.CAMPAIGNS_READ, List.of(), ref("Campaign"), true));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("name", pathName());
        properties.put("list", Map.of("type", "string", "description", "the list's name"));
        properties.put("from", Map.of("type", "string", "format", "email", "description", "its domain's DKIM keys sign"));
        properties.put("from_name", Map.of("type", "string", "maxLength", 200));
        properties.put("reply_to", Map.of("type", "string", "format", "email"));
        properties.put("subject", Map.of("type", "string", "maxLength", 2000));
        properties.put("html", Map.of("type", "string", "description", "HTML template: {{field}} or {{field|default}}"));
        properties.put("text", Map.of("type", "string", "description", "text template (default: made from the HTML)"));
        properties.put("send_at", Map.of("type", "string", "format", "date-time", "description", "earliest send time"));
        campaigns.put("post", problem(problem(status(body(op("createCampaign", "Create a draft, its templates checked as 'homing campaign"
                        + " create' checks them", Scope.CAMPAIGNS_WRITE, List.of(), ref("Campaign"), false),
                List.of("name", "list", "from", "subject"), properties), "201", "created"), "409", "a campaign of that name exists"),
                "422", "an unknown list, an address that cannot receive mail, or a template error ('field': the part,"
                        + " 'merge_field': an unknown merge field)"));
        paths.put("/api/v1/campaigns", campaigns);
        paths.put("/api/v1/campaigns/{name}", Map.of("get", op("getCampaign", "One campaign (marked sent once every delivery is final)",
                Scope.CAMPAIGNS_READ, name, ref("Campaign"), false)));
        paths.put("/api/v1/campaigns/{name}/preflight", Map.of("get", problem(op("getPreflight",
                "The pre-flight report of 'homing campaign preflight': authentication, content, list, and the Gmail/Yahoo bulk-sender"
                        + " checklist; 'sendable' false while a finding blocks", Scope.CAMPAIGNS_READ, name, ref("Preflight"), false),
                "409", "no report can be made (no member to render a sample for, templates that no longer compile)")));
        Map<String, Object> send = status(optionalBody(body(op("sendCampaign", "Send: the first send runs the pre-flight and is refused while a finding"
                        + " blocks unless 'override' gives a reason (recorded with the campaign, with the key and the findings); the engine"
                        + " then delivers. A later send finishes an expansion cut short; nobody gets two.", Scope.CAMPAIGNS_WRITE, name,
                ref("SendResult"), false), List.of(), Map.of("override", Map.of("type", "string", "maxLength", 1000,
                "description", "why to send despite blocking findings")))), "202", "deliveries queued");
        paths.put("/api/v1/campaigns/{name}/send", Map.of("post", problem(send, "409",
                "blocked by the pre-flight report ('blocking' lists the findings), or the campaign is paused or sent")));
        paths.put("/api/v1/campaigns/{name}/pause", Map.of("post", problem(op("pauseCampaign",
                "Pause a sending campaign: no new attempts until resumed", Scope.CAMPAIGNS_WRITE, name, ref("Campaign"), false),
                "409", "the campaign is not sending")));
        paths.put("/api/v1/campaigns/{name}/resume", Map.of("post", problem(op("resumeCampaign", "Resume a paused campaign",
                Scope.CAMPAIGNS_WRITE, name, ref("Campaign"), false), "409", "the campaign is not paused")));
        paths.put("/api/v1/campaigns/{name}/report", Map.of("get", op("getCampaignReport",
                "The campaign's diagnosis: counts by state, reason and code; failures grouped by provider and reason with advice",
                Scope.REPORTS_READ, name, ref("Object"), false)));
        paths.put("/api/v1/campaigns/{name}/deliveries", Map.of("get", filter(op("listCampaignDeliveries",
                "The campaign's deliveries in the order they were queued (none before it is sent), each as a line of the report's"
                        + " per-recipient table; /api/v1/deliveries/{id} has its timeline", Scope.REPORTS_READ, name, ref("DeliveryLine"), true),
                query("state", deliveryStates(), "Only the deliveries in this state"))));
    }

    /** Adds a filtering query parameter after those {@link #op} made; it has no 404 of its own, so it is not among op's params. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> filter(Map<String, Object> op, Map<String, Object> parameter) {
        ((List<Map<String, Object>>) op.get("parameters")).add(parameter);
        return op;
    }

    private static Map<String, Object> op(String id, String summary, Scope scope, List<Map<String, Object>> params,
                                          Map<String, Object> item, boolean paginated) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", id);
        op.put("summary", summary);
        op.put("security", List.of(Map.of("apiKey", scope == null ? List.of() : List.of(scope.label()))));
        List<Map<String, Object>> all = new ArrayList<>(params);
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
        if (!params.isEmpty() || paginated) {
            responses.put("400", problem("a parameter is invalid; 'field' names it"));
        }
        responses.put("401", Map.of("$ref", "#/components/responses/Unauthorized"));
        if (scope != null) {
            responses.put("403", Map.of("$ref", "#/components/responses/Forbidden"));
        }
        if (!params.isEmpty()) {
            responses.put("404", problem("no such " + params.getFirst().get("name")
                    + (params.size() > 1 ? ", or no such " + params.get(1).get("name") + " in it" : "")));
        }
        op.put("responses", responses);
        return op;
    }

    /** Adds a JSON object request body, and the 400 its bad members get. */
    private static Map<String, Object> body(Map<String, Object> op, List<String> required, Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("properties", properties);
        schema.put("additionalProperties", false);
        op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", schema))));
        responses(op).put("400", problem("malformed JSON, or a member missing, unknown or of the wrong type; 'field' names it"));
        return op;
    }

    /** Makes the request body optional: an empty one reads as {}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalBody(Map<String, Object> op) {
        Map<String, Object> body = new LinkedHashMap<>((Map<String, Object>) op.get("requestBody"));
        body.put("required", false);
        op.put("requestBody", body);
        return op;
    }

    /** Moves the success answer from 200 to another status (201 created, 202 accepted). */
    private static Map<String, Object> status(Map<String, Object> op, String code, String description) {
        @SuppressWarnings("unchecked")
        Map<String, Object> ok = (Map<String, Object>) responses(op).remove("200");
        Map<String, Object> moved = new LinkedHashMap<>(ok);
        moved.put("description", description);
        responses(op).put(code, moved);
        return op;
    }

    private static Map<String, Object> problem(Map<String, Object> op, String code, String description) {
        responses(op).put(code, problem(description));
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
        schemas.put("List", object(Map.of("id", integer(), "name", string(), "description", nullable(),
                "created_at", time(), "members", Map.of("type", "object", "description", "member counts by status"))));
        schemas.put("Subscriber", object(Map.of("email", string(), "status", memberStatus(), "consent_source", nullable(),
                "joined", time(), "attributes", Map.of("type", "object", "description", "merge fields as given: data, to be escaped by whoever shows them"))));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("email", string());
        detail.put("list", string());
        detail.put("status", memberStatus());
        detail.put("consent_source", nullable());
        detail.put("joined", time());
        detail.put("attributes", Map.of("type", "object"));
        detail.put("timeline", Map.of("type", "array", "description", "the consent record, oldest first", "items", object(Map.of(
                "event", string(), "at", time(), "ip", nullable(), "user_agent", nullable(), "source", nullable(), "text", nullable()))));
        detail.put("suppressions", Map.of("type", "array", "items", ref("Suppression")));
        detail.put("recent_deliveries", Map.of("type", "array", "items", integer(), "description", "newest first, at most "
                + SubscriberRoutes.RECENT_DELIVERIES));
        detail.put("deliveries", Map.of("type", "string", "description", "the path of every delivery to the address, paginated"));
        schemas.put("SubscriberDetail", object(detail));
        schemas.put("Removed", object(Map.of("email", string(), "list", string(), "removed", Map.of("type", "boolean"))));
        schemas.put("Erased", object(Map.of("email", string(), "memberships", integer(), "consent_events", integer(),
                "suppressions", integer(), "deliveries", integer(), "reports", integer())));
        schemas.put("Subscribed", object(Map.of("email", string(), "list", string(), "status", memberStatus(),
                "confirmation_sent", Map.of("type", "boolean"))));
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("id", integer());
        campaign.put("name", string());
        campaign.put("list_id", integer());
        campaign.put("from_address", string());
        campaign.put("from_name", nullable());
        campaign.put("reply_to", nullable());
        campaign.put("subject", string());
        campaign.put("state", Map.of("type", "string", "enum", List.of("draft", "sending", "paused", "sent")));
        campaign.put("send_at", Map.of("type", List.of("string", "null"), "format", "date-time"));
        campaign.put("message_id", Map.of("type", List.of("integer", "null")));
        campaign.put("created_at", time());
        campaign.put("override", Map.of("type", List.of("string", "null"), "description", "who sent past blocking findings, when, why"));
        schemas.put("Campaign", object(campaign));
        schemas.put("PreflightItem", object(Map.of("section", Map.of("type", "string", "enum",
                        List.of("authentication", "content", "list", "bulk_sender")), "check", string(),
                "status", Map.of("type", "string", "enum", List.of("pass", "info", "warn", "fail")), "detail", string(), "fix", string(),
                "blocking", Map.of("type", "boolean"))));
        schemas.put("Preflight", object(Map.of("campaign", string(), "sendable", Map.of("type", "boolean"), "blocking", integer(),
                "items", Map.of("type", "array", "items", ref("PreflightItem")), "text", string())));
        schemas.put("SendResult", object(Map.of("campaign", ref("Campaign"), "queued", integer(), "suppressed", integer(),
                "already_there", integer())));
        Map<String, Object> finding = object(Map.of("topic", string(), "status", Map.of("type", "string", "enum", List.of("pass", "warn", "fail")),
                "found", string(), "fix", string(), "blocking", Map.of("type", "boolean")));
        schemas.put("DomainReport", object(Map.of("domain", string(), "bounce_domain", string(), "sendable", Map.of("type", "boolean"),
                "blocking", integer(), "findings", Map.of("type", "array", "items", finding),
                "checklist", Map.of("type", "array", "items", finding), "text", string())));
        schemas.put("Accepted", object(Map.of("id", Map.of("type", "integer", "description", "the delivery's id"), "message_id", integer(),
                "to", string(), "state", string(), "signed", Map.of("type", "boolean"))));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", Map.of("type", "integer", "description", "the delivery's id"));
        line.put("campaign", Map.of("type", List.of("string", "null"), "description", "null for a transactional message"));
        line.put("recipient", string());
        line.put("state", deliveryStates());
        line.put("outcome", Map.of("type", "string", "description", "as a sender names it: delivered, bounced, suspected filtering, ..."));
        line.put("reason", string());
        line.put("code", Map.of("type", List.of("integer", "null"), "description", "the last SMTP reply code"));
        line.put("enhanced", nullable());
        line.put("responsible", Map.of("type", "string", "description", "who is responsible, in words"));
        line.put("action", Map.of("type", "string", "description", "the next action, in a few words"));
        line.put("provider", string());
        line.put("last_event", Map.of("type", "string", "description", "the latest thing that happened to it, with its time"));
        schemas.put("DeliveryLine", object(line));
        schemas.put("Suppression", object(Map.of("email", string(), "list_id", Map.of("type", "integer", "description", "0: every list"),
                "reason", string(), "status", Map.of("type", "string", "enum", List.of("active", "suspected")),
                "source", nullable(), "created_at", time())));
        return Map.of(
                "securitySchemes", Map.of("apiKey", Map.of("type", "http", "scheme", "bearer",
                        "description", "Authorization: Bearer hk_<prefix>_<secret>, from 'homing apikey create NAME --scopes ...'."
                                + " The security requirement lists the scope a route needs.")),
                "schemas", schemas,
                "responses", Map.of(
                        "Unauthorized", problem("no key, or not a live one (WWW-Authenticate: Bearer)"),
                        "Forbidden", problem("the key lacks the scope this route needs")));
    }

    private static Map<String, Object> object(Map<String, Object> properties) {
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> string() {
        return Map.of("type", "string");
    }

    private static Map<String, Object> nullable() {
        return Map.of("type", List.of("string", "null"));
    }

    private static Map<String, Object> integer() {
        return Map.of("type", "integer");
    }

    private static Map<String, Object> time() {
        return Map.of("type", "string", "format", "date-time");
    }

    /** A list's or campaign's name: it becomes a path segment. */
    private static Map<String, Object> pathName() {
        return Map.of("type", "string", "pattern", "^" + Body.NAME.pattern() + "$", "description", "letters, digits, '.', '-', '_'");
    }

    private static Map<String, Object> deliveryStates() {
        return Map.of("type", "string", "enum", Arrays.stream(DeliveryState.values()).map(DeliveryState::label).toList());
    }

    private static Map<String, Object> memberStatus() {
        return Map.of("type", "string", "enum", List.of("unconfirmed", "confirmed", "unsubscribed"));
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
