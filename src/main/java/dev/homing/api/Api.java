package dev.homing.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.homing.provider.ProviderDetector;
import dev.homing.store.Database;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The REST API's routes under {@code /api/v1}, registered into the web app by {@link #register}.
 * Every route here needs an API key; each names the scope it needs.
 */
public final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);
    static final String BASE = "/api/v1";
    /** snake_case members, as the public subscribe route already speaks. */
    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final ApiKeys keys;
    private final ListRoutes lists;
    private final CampaignRoutes campaigns;
    private final SuppressionRoutes suppressions;

    /** @param providers finds mailbox providers from MX for the reports ({@link ProviderDetector#offline()} works) */
    public Api(Database db, ProviderDetector providers) {
        this.keys = new ApiKeys(db);
        this.lists = new ListRoutes(db);
        this.campaigns = new CampaignRoutes(db, providers);
        this.suppressions = new SuppressionRoutes(db);
    }

    /** What a route does once the key is checked: returns the JSON body (a status other than 200 is set on ctx). */
    interface Action {
        Object run(Context ctx, ApiKey key) throws Exception;
    }

    public void register(JavalinConfig config) {
        get(config, "/openapi.json", null, (ctx, key) -> OpenApi.document());
        get(config, "/lists", Scope.LISTS_READ, lists::all);
        get(config, "/lists/{list}/subscribers", Scope.LISTS_READ, lists::subscribers);
        get(config, "/campaigns", Scope.CAMPAIGNS_READ, campaigns::all);
        get(config, "/campaigns/{name}", Scope.CAMPAIGNS_READ, campaigns::one);
        get(config, "/campaigns/{name}/report", Scope.REPORTS_READ, campaigns::report);
        get(config, "/deliveries/{id}", Scope.REPORTS_READ, campaigns::delivery);
        get(config, "/suppressions", Scope.SUPPRESSION_READ, suppressions::all);
        config.routes.post(BASE + "/suppressions", guarded(Scope.SUPPRESSION_WRITE, suppressions::add));
    }

    private void get(JavalinConfig config, String path, Scope scope, Action action) {
        config.routes.get(BASE + path, guarded(scope, action));
    }

    /** @param scope what the key must allow; null: any live key */
    private Handler guarded(Scope scope, Action action) {
        return ctx -> {
            // the API's answers are data, never pages: no browser may sniff HTML out of them
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
            try {
                ApiKey key = authenticate(ctx, scope);
                Object body = action.run(ctx, key);
                ctx.contentType("application/json").result(JSON.writeValueAsString(body));
            } catch (Refused r) {
                send(ctx, r.problem);
            } catch (Exception e) {
                log.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                send(ctx, Problem.of(500, "internal", "Internal error", "the server could not answer; its log says why"));
            }
        };
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
}
