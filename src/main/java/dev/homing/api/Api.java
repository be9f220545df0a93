package dev.homing.api;

import dev.homing.access.ApiKeys;
import dev.homing.access.ApiKey;
import dev.homing.access.Scope;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.homing.campaign.Campaigns;
import dev.homing.list.Lists;
import dev.homing.report.Reports;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The REST API's routes under {@code /api/v1}, registered into the web app by {@link #register}.
 * Every route here needs an API key; each names the scope it needs. Paths under {@code /api/v1} that
 * no route serves get a problem document too: 401 without a live key, as every route answers then, so the
 * route map shows only to key holders; with one, 404, or 405 with Allow when another method serves the path.
 */
public final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);
    static final String BASE = "/api/v1";
    /** snake_case members, as the public subscribe route already speaks. */
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    /** Set on every request a route of ours answered, so the unmatched-path handler leaves its 404s alone. */
    private static final String ANSWERED = "homing.api.answered";

    private final ApiKeys keys;
    private final List<Route> routes = new ArrayList<>();

    public Api(Wiring w) {
        this.keys = new ApiKeys(w.db());
        Lists lists = new Lists(w.db());
        Campaigns campaigns = new Campaigns(w.db());
        Reports reports = new Reports(w.db(), w.providers());
        ListRoutes listRoutes = new ListRoutes(lists);
        CampaignRoutes campaignRoutes = new CampaignRoutes(campaigns, w.launch(), reports);
        DeliveryRoutes deliveries = new DeliveryRoutes(w.queue().view(), reports, campaignRoutes);
        SubscriberRoutes subscribers = new SubscriberRoutes(w, lists, reports, deliveries);
        CampaignActions actions = new CampaignActions(campaignRoutes, campaigns, lists, w);
        SuppressionRoutes suppressions = new SuppressionRoutes(w.db());
        DomainRoutes domains = new DomainRoutes(w.launch());
        MessageRoutes messages = new MessageRoutes(w);

        get("/openapi.json", null, (ctx, key) -> OpenApi.document());
        get("/lists", Scope.LISTS_READ, listRoutes::all);
        post("/lists", Scope.LISTS_WRITE, listRoutes::create);
        get("/lists/{list}", Scope.LISTS_READ, listRoutes::one);
        get("/lists/{list}/subscribers", Scope.LISTS_READ, subscribers::all);
        post("/lists/{list}/subscribers", Scope.LISTS_WRITE, subscribers::subscribe);
        get("/lists/{list}/subscribers/{email}", Scope.LISTS_READ, subscribers::one);
        post("/lists/{list}/subscribers/{email}/unsubscribe", Scope.LISTS_WRITE, subscribers::unsubscribe);
        post("/subscribers/{email}/erase", Scope.LISTS_WRITE, subscribers::erase);
        delete("/lists/{list}/subscribers/{email}", Scope.LISTS_WRITE, subscribers::remove);
        put("/lists/{list}/subscribers/{email}/attributes", Scope.LISTS_WRITE, subscribers::attributes);
        get("/lists/{list}/subscribers/{email}/deliveries", Scope.REPORTS_READ, subscribers::deliveries);
        get("/campaigns", Scope.CAMPAIGNS_READ, campaignRoutes::all);
        post("/campaigns", Scope.CAMPAIGNS_WRITE, actions::create);
        get("/campaigns/{name}", Scope.CAMPAIGNS_READ, campaignRoutes::one);
        get("/campaigns/{name}/preflight", Scope.CAMPAIGNS_READ, actions::preflight);
        post("/campaigns/{name}/send", Scope.CAMPAIGNS_WRITE, actions::send);
        post("/campaigns/{name}/pause", Scope.CAMPAIGNS_WRITE, actions::pause);
        post("/campaigns/{name}/resume", Scope.CAMPAIGNS_WRITE, actions::resume);
        get("/campaigns/{name}/report", Scope.REPORTS_READ, campaignRoutes::report);
        get("/campaigns/{name}/deliveries", Scope.REPORTS_READ, deliveries::ofCampaign);
        get("/deliveries/{id}", Scope.REPORTS_READ, campaignRoutes::delivery);
        get("/deliveries/{id}/reports/{report}", Scope.REPORTS_READ, campaignRoutes::storedReport);
        get("/suppressions", Scope.SUPPRESSION_READ, suppressions::all);
        post("/suppressions", Scope.SUPPRESSION_WRITE, suppressions::add);
        get("/domains/{domain}/check", Scope.DOMAINS_READ, domains::check);
        post("/messages", Scope.MESSAGES_SEND, messages::send);
    }

    /** What a route does once the key is checked: returns the JSON body (a status other than 200 is set on ctx). */
    interface Action {
        Object run(Context ctx, ApiKey key) throws Exception;
    }

    /** An answer that is not JSON: sent as these bytes with this content type. */
    record Raw(String contentType, byte[] bytes) {
    }

    /**
     * One route; {@code path} is relative to {@link #BASE}.
     *
     * @param scope what the key must allow; null: any live key
     */
    private record Route(HandlerType method, String path, Scope scope, Action action, Pattern pattern) {
        Route(HandlerType method, String path, Scope scope, Action action) {
            // a {param} is one path segment, as Javalin matches it
            this(method, path, scope, action, Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z]+}", "\\\\E[^/]+\\\\Q")));
        }
    }

    private void get(String path, Scope scope, Action action) {
        routes.add(new Route(HandlerType.GET, path, scope, action));
    }

    private void post(String path, Scope scope, Action action) {
        routes.add(new Route(HandlerType.POST, path, scope, action));
    }

    private void put(String path, Scope scope, Action action) {
        routes.add(new Route(HandlerType.PUT, path, scope, action));
    }

    private void delete(String path, Scope scope, Action action) {
        routes.add(new Route(HandlerType.DELETE, path, scope, action));
    }

    /**
     * What each route enforces, as "GET /api/v1/lists" to the scopes its key needs (none: any live key), read from
     * the same table the guards use, for ApiTest to hold the OpenAPI document's security requirements against.
     */
    Map<String, Set<Scope>> scopes() {
        Map<String, Set<Scope>> out = new LinkedHashMap<>();
        for (Route r : routes) {
            out.put(r.method().name() + " " + BASE + r.path(), r.scope() == null ? Set.of() : Set.of(r.scope()));
        }
        return Collections.unmodifiableMap(out);
    }

    public void register(JavalinConfig config) {
        for (Route r : routes) {
            config.routes.addHttpHandler(r.method(), BASE + r.path(), guarded(r.scope(), r.action()));
        }
        // Javalin's own 404 is plain text; under /api/v1 a client gets a problem document like every other answer
        config.routes.error(404, this::unmatched);
    }

    private Handler guarded(Scope scope, Action action) {
        return ctx -> {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            data(ctx);
            try {
                ApiKey key = authenticate(ctx, scope);
                Object body = action.run(ctx, key);
                if (body instanceof Raw raw) {
                    ctx.contentType(raw.contentType()).result(raw.bytes());
                } else {
                    ctx.contentType("application/json").result(JSON.writeValueAsString(body));
                }
            } catch (Refused r) {
                send(ctx, r.problem);
            } catch (Exception e) {
                failed(ctx, e);
            }
        };
    }

    /**
     * A request under /api/v1 that no route took: 401 without a live key, as any route would answer, so that
     * which paths and methods exist shows only to key holders; then 405 when the path is ours under another
     * method, else 404.
     */
    private void unmatched(Context ctx) throws Exception {
        String path = ctx.path();
        if (ctx.attribute(ANSWERED) != null || !(path.equals(BASE) || path.startsWith(BASE + "/"))) {
            return;
        }
        data(ctx);
        try {
            authenticate(ctx, null);
        } catch (Refused r) {
            send(ctx, r.problem);
            return;
        } catch (Exception e) {
            failed(ctx, e);
            return;
        }
        String relative = path.substring(BASE.length());
        String rest = relative.length() > 1 && relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        List<String> allowed = routes.stream().filter(r -> r.pattern().matcher(rest).matches()).map(r -> r.method().name())
                .distinct().toList();
        if (allowed.isEmpty()) {
            send(ctx, Problem.notFound("no route " + path + " in this API; " + BASE + "/openapi.json lists them"));
        } else {
            ctx.header("Allow", String.join(", ", allowed));
            send(ctx, Problem.of(405, "method-not-allowed", "Method not allowed",
                    path + " answers " + String.join(", ", allowed) + ", not " + ctx.method().name()));
        }
    }

    /** What went wrong stays in the log; the client learns only that something did. */
    private static void failed(Context ctx, Exception e) throws Exception {
        int status = dev.homing.http.Faults.clientFault(e);
        if (status == 413) {
            send(ctx, Problem.of(413, "too-large", "Content too large", "the request body is larger than this server takes"));
            return;
        }
        if (status == 400) {
            send(ctx, Problem.invalid("body", "the request could not be read: " + e.getMessage()));
            return;
        }
        log.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        send(ctx, Problem.of(500, "internal", "Internal error", "the server could not answer; its log says why"));
    }

    /** The API's answers are data, never pages: no browser may sniff HTML out of them, no cache keep them. */
    private static void data(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-store");
    }

    private ApiKey authenticate(Context ctx, Scope scope) {
        String header = ctx.header("Authorization");
        Optional<ApiKey> key = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? keys.check(header.substring(7).strip()) : Optional.empty();
        if (key.isEmpty()) {
            ctx.header("WWW-Authenticate", header == null ? "Bearer realm=\"homing\"" : "Bearer realm=\"homing\", error=\"invalid_token\"");
            throw new Refused(Problem.of(401, "unauthorized", "Unauthorized",
                    "send a live API key as 'Authorization: Bearer hk_...' ('homing apikey create' makes one)"));
        }
        if (scope != null && !key.get().scopes().contains(scope)) {
            throw new Refused(Problem.of(403, "forbidden", "Forbidden", "this key lacks the scope " + scope.label()));
        }
        return key.get();
    }

    private static void send(Context ctx, Problem p) throws Exception {
        ctx.status(p.status()).contentType("application/problem+json").result(JSON.writeValueAsString(p.at(ctx.path())));
    }

    /** A name as one path segment (a space is %20 there, not +). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
