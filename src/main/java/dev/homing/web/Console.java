package dev.homing.web;

import dev.homing.http.Html;
import dev.homing.access.Accounts;
import dev.homing.access.Sessions;
import dev.homing.access.Passwords;

import dev.homing.campaign.Campaigns;
import dev.homing.campaign.Launch;
import dev.homing.campaign.Transactional;
import dev.homing.list.Lists;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppressions;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.Queue;
import dev.homing.report.Reports;
import dev.homing.store.Database;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI for the people who run Homing: login, then pages for lists, campaigns, reports,
 * suppressions, domains and the sandbox. Every page needs a session; every form and htmx request
 * that changes something carries the session's CSRF token.
 */
public final class Console {
    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final String COOKIE = "homing_session";
    private static final String LOGIN_COOKIE = "homing_login";
    /** Paths that are not the console: the public pages, the API (its own keys), assets. */
    private static final List<String> PUBLIC = List.of("/subscribe/", "/confirm", "/unsubscribe", "/safelist", "/metrics", "/api/",
            "/static/", "/webjars/", "/login", "/favicon.ico");

    private final Accounts accounts;
    private final Sessions sessions;
    private final Views views = new Views();
    private final LoginThrottle logins = new LoginThrottle();
    private final boolean secureCookies;
    private final long maxUpload;
    private final java.nio.file.Path uploads;
    private final ListPages listPages;
    private final CampaignPages campaignPages;
    private final OperatorPages operatorPages;
    private final SettingsPages settingsPages;
    private final MailroomPages mailroomPages;

    /**
     * @param idle     a session ends after this long without a request
     * @param lifetime and this long after login in any case
     * @param secure   cookies only over HTTPS (when the public URL is https)
     * @param maxUpload the largest CSV file an import through the UI takes, in bytes
     */
    public record Settings(Duration idle, Duration lifetime, boolean secure, long maxUpload) {
        public static Settings standard() {
            return new Settings(Duration.ofMinutes(30), Duration.ofHours(12), false, 100L << 20);
        }
    }

    /**
     * The node's services the pages call (the application layer the command line and the API call too).
     *
     * @param launch        the campaign workflow and the domain check
     * @param transactional queues the sandbox page's test message
     * @param throttles     what the engine's throttles learned from receivers that asked it to slow down
     * @param sandbox       HOST:PORT where the sandbox answers, or null when this node does not route to one
     * @param sandboxDomain whether a domain is one the sandbox page may send a test to (routed to the sandbox)
     */
    public record Services(Launch launch, Transactional transactional, dev.homing.delivery.ThrottleRecord throttles, String sandbox,
                           java.util.function.Predicate<String> sandboxDomain, Operation operation) {
        public Services {
            java.util.Objects.requireNonNull(launch, "launch");
            java.util.Objects.requireNonNull(transactional, "transactional");
            java.util.Objects.requireNonNull(throttles, "throttles");
            java.util.Objects.requireNonNull(operation, "operation");
        }
    }

    /**
     * What the settings pages need from the node: its webhooks, and the settings it runs with.
     */
    public record Operation(Hooks webhooks, java.util.function.Supplier<List<Setting>> settings) {
    }

    /** @param uploads the node's folder for uploaded files (made owner-only) */
    public Console(Database db, Services services, Queue queue, Subscriptions subscriptions, ProviderDetector providers, Settings settings,
                   java.nio.file.Path uploads) {
        this.accounts = new Accounts(db);
        this.sessions = new Sessions(db, settings.idle(), settings.lifetime());
        this.secureCookies = settings.secure();
        this.maxUpload = settings.maxUpload();
        this.uploads = uploads;
        Lists lists = new Lists(db);
        Campaigns campaigns = new Campaigns(db);
        Reports reports = new Reports(db, providers);
        Suppressions suppressions = new Suppressions(db);
        this.listPages = new ListPages(lists, subscriptions, reports, suppressions, new Imports(lists, uploads), services.launch(),
                new dev.homing.list.Erasure(db, new dev.homing.inbound.ErasedReports(db)));
        this.campaignPages = new CampaignPages(campaigns, lists, reports, queue, services.launch(), services.transactional());
        this.operatorPages = new OperatorPages(campaigns, lists, reports, suppressions, queue, services);
        this.mailroomPages = new MailroomPages(new dev.homing.inbound.Inbox(db));
        Operation op = services.operation();
        this.settingsPages = new SettingsPages(new dev.homing.access.ApiKeys(db), accounts, op);
    }

    /** A page handler: the logged-in user and the request in, a view out. */
    interface Page {
        View show(Context ctx, Login who) throws Exception;
    }

    /** A form handler: does the work, answers with where to go next (a redirect) or a view to show. */
    interface Action {
        Object run(Context ctx, Login who) throws Exception;
    }

    /** Who is asking, with the session's CSRF token and what their role lets them do. */
    record Login(long userId, String user, String csrf, dev.homing.access.Role role) {
    }

    public void register(JavalinConfig config) {
        // an upload is written to the node's own folder as it arrives (never held whole in memory), up to the limit
        config.jetty.multipartConfig.cacheDirectory(uploads.toString());
        config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
        config.jetty.multipartConfig.maxFileSize(maxUpload, io.javalin.config.SizeUnit.BYTES);
        config.jetty.multipartConfig.maxTotalRequestSize(maxUpload + (1 << 20), io.javalin.config.SizeUnit.BYTES);
        config.staticFiles.enableWebjars();
        config.staticFiles.add(s -> {
            s.hostedPath = "/static";
            s.directory = "/web/static";
            s.location = Location.CLASSPATH;
        });
        config.routes.before(this::guard);
        // a page of the UI that names something missing: said in the UI's own page, with its navigation
        config.routes.exception(io.javalin.http.NotFoundResponse.class, (e, ctx) -> {
            Login who = ctx.attribute("login");
            ctx.status(404).html(views.render("notfound.jte", Map.of("frame", frame(ctx, who, "Not found", ""), "message", e.getMessage())));
        });
        // browsers ask for /favicon.ico on pages that name no icon (the API's JSON, a download): the same icon
        config.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
        config.routes.get("/login", this::loginPage);
        config.routes.post("/login", this::login);
        config.routes.post("/logout", ctx -> {
            sessions.close(ctx.cookie(COOKIE));
            cookie(ctx, COOKIE, "", 0);
            ctx.redirect("/login");
        });
        page(config, "/account/password", (ctx, who) -> password(who, Map.of()));
        action(config, "/account/password", this::changePassword);
        page(config, "/", operatorPages::dashboard);
        listPages.register(this, config);
        campaignPages.register(this, config);
        operatorPages.register(this, config);
        settingsPages.register(this, config);
        mailroomPages.register(this, config);
    }

    void page(JavalinConfig config, String path, Page page) {
        config.routes.get(path, ctx -> {
            Login who = ctx.attribute("login");
            View v = page.show(ctx, who);
            if (v != null) {
                send(ctx, who, v);
            }
        });
    }

    void action(JavalinConfig config, String path, Action action) {
        config.routes.post(path, ctx -> {
            Login who = ctx.attribute("login");
            Object next = action.run(ctx, who);
            if (next instanceof View v) {
                send(ctx, who, v);
            } else if (next instanceof String given) {
                String location = keepNotice(ctx.attribute("login"), given);
                if (ctx.header("HX-Request") != null) {
                    ctx.header("HX-Redirect", location);
                } else {
                    ctx.redirect(location, io.javalin.http.HttpStatus.SEE_OTHER);
                }
            }
        });
    }

    /** The page, or one of its tables as CSV when {@code ?export=ID} asks for it. */
    void send(Context ctx, Login who, View v) {
        String export = ctx.queryParam("export");
        if (export != null) {
            Optional<Table> t = v.tables().stream().filter(x -> x.id().equals(export)).findFirst();
            if (t.isEmpty()) {
                ctx.status(404).result("no table \"" + export + "\" on this page");
                return;
            }
            ctx.contentType("text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + export.replaceAll("[^A-Za-z0-9_.-]", "_") + ".csv\"")
                    .result(t.get().csv());
            return;
        }
        Frame frame = frame(ctx, who, v.title(), v.section());
        Map<String, Object> params = new HashMap<>(v.params());
        params.put("frame", frame);
        params.putIfAbsent("tables", v.tables());
        ctx.html(views.render(v.template(), params));
    }

    /** A fragment for htmx (no layout around it). */
    void fragment(Context ctx, Login who, String template, Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("frame", frame(ctx, who, "", ""));
        ctx.html(views.render(template, p));
    }

    private Frame frame(Context ctx, Login who, String title, String section) {
        String query = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        // the banner shows only what this server put there after an action of this session, never text from the URL
        String notice = who == null ? null : notices.remove(who.csrf());
        return new Frame(title, who == null ? null : who.user(), who == null ? "" : who.csrf(), section, query, notice,
                who == null ? null : who.role());
    }

    /** One-time banners, per session (keyed by its CSRF token), set by an action and shown by the page it leads to. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> notices = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The location an action answered with, its {@code notice} parameter taken out and kept for the session's next page:
     * a link that carries its own notice (anyone can write one) shows nothing.
     */
    private String keepNotice(Login who, String location) {
        int q = location.indexOf('?');
        if (q < 0 || who == null) {
            return location;
        }
        StringBuilder rest = new StringBuilder();
        for (String pair : location.substring(q + 1).split("&")) {
            if (pair.startsWith("notice=")) {
                notices.put(who.csrf(), java.net.URLDecoder.decode(pair.substring("notice=".length()), StandardCharsets.UTF_8));
            } else if (!pair.isEmpty()) {
                rest.append(rest.isEmpty() ? "?" : "&").append(pair);
            }
        }
        return location.substring(0, q) + rest;
    }

    private void guard(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        String path = ctx.path();
        for (String p : PUBLIC) {
            if (path.startsWith(p)) {
                if (p.equals("/login") || p.equals("/static/")) {
                    secureHeaders(ctx);
                }
                return;
            }
        }
        secureHeaders(ctx);
        Optional<Sessions.Session> s = sessions.find(ctx.cookie(COOKIE));
        Optional<Accounts.User> user = s.flatMap(x -> accounts.find(x.userId()));
        if (s.isEmpty() || user.isEmpty()) {
            refuse(ctx, 401, "/login?next=" + URLEncoder.encode(pathAndQuery(ctx), StandardCharsets.UTF_8));
            return;
        }
        Login who = new Login(user.get().id(), user.get().username(), s.get().csrf(), user.get().role());
        if (!ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD")) {
            String token = Optional.ofNullable(ctx.header("X-CSRF-Token")).orElseGet(() -> formParam(ctx, "_csrf"));
            if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    who.csrf().getBytes(StandardCharsets.UTF_8))) {
                log.atWarn().addKeyValue("path", path).addKeyValue("ip", ctx.ip()).addKeyValue("user", who.user())
                        .log("{} {} from {}: missing or wrong CSRF token, refused", ctx.method(), path, ctx.ip());
                ctx.status(403).html(SmallPage.page("Refused", "<p>This form is out of date or did not come from Homing. Go back, reload the page and try again.</p>"));
                ctx.skipRemainingHandlers();
                return;
            }
        }
        // a one-time password only opens the page that replaces it
        if (user.get().mustChange() && !path.equals("/account/password") && !path.equals("/logout")) {
            refuse(ctx, 403, "/account/password");
            return;
        }
        String refused = Roles.refusal(who.role(), ctx.method().name(), path);
        if (refused != null) {
            log.atWarn().addKeyValue("path", path).addKeyValue("user", who.user()).addKeyValue("role", who.role().label())
                    .log("{} {} by {} ({}): refused by role", ctx.method(), path, who.user(), who.role().label());
            ctx.attribute("login", who);
            ctx.status(403).html(views.render("notfound.jte", Map.of("frame", frame(ctx, who, "Not allowed", ""), "message", refused)));
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute("login", who);
    }

    /** A browser is sent to {@code location}; htmx is told to go there; anything else gets the bare status. */
    private static void refuse(Context ctx, int status, String location) {
        if (ctx.header("HX-Request") != null) {
            ctx.status(status).header("HX-Redirect", location);
        } else if (ctx.method().name().equals("GET")) {
            ctx.redirect(location, io.javalin.http.HttpStatus.FOUND);
        } else {
            ctx.status(status).result(status == 401 ? "log in first" : "refused");
        }
        ctx.skipRemainingHandlers();
    }

    private static String formParam(Context ctx, String name) {
        String type = ctx.contentType();
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            return ctx.formParam(name);
        }
        return null;
    }

    /** The UI's pages: scripts and styles from Homing only, never framed. */
    private static void secureHeaders(Context ctx) {
        // pages may show a secret once (a new API key, a webhook secret, a one-time password): never kept by a cache
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    }

    private void loginPage(Context ctx) {
        String token = Sessions.random();
        cookie(ctx, LOGIN_COOKIE, token, 600);
        String next = safeNext(ctx.queryParam("next"));
        ctx.html(views.render("login.jte", Map.of("frame", frame(ctx, null, "Log in", ""), "next", next,
                "error", ctx.queryParam("expired") != null ? "Your session ended; log in again." : "", "loginToken", token)));
    }

    private void login(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        String token = ctx.formParam("_login");
        String expected = ctx.cookie(LOGIN_COOKIE);
        if (token == null || expected == null || !java.security.MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            ctx.status(403).html(SmallPage.page("Refused", "<p>This login form is out of date. <a href=\"/login\">Log in again</a>.</p>"));
            return;
        }
        String typed = ctx.formParam("username");
        LoginThrottle.Turn turn = logins.admit(ctx.ip(), typed, System.currentTimeMillis());
        if (turn instanceof LoginThrottle.Wait w) {
            long seconds = Math.max(1, (w.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            loginError(ctx, 429, next, w.perAccount()
                    ? "Too many failed attempts for this account: wait " + howLong(seconds) + " and try again."
                    : "Too many attempts from your address: wait " + howLong(seconds) + " and try again.");
            return;
        }
        Optional<Accounts.User> user = accounts.check(typed, ctx.formParam("password"));
        if (user.isEmpty()) {
            // what was typed as a user name is the visitor's: no line breaks of theirs in our log
            String shown = String.valueOf(typed).replaceAll("\\p{Cntrl}", "?");
            log.atWarn().addKeyValue("user", shown).addKeyValue("ip", ctx.ip()).log("failed web login for \"{}\" from {}", shown, ctx.ip());
            loginError(ctx, 401, next, "Wrong user name or password.");
            return;
        }
        logins.succeeded((LoginThrottle.Admitted) turn);
        cookie(ctx, COOKIE, sessions.open(user.get().id()), -1);
        cookie(ctx, LOGIN_COOKIE, "", 0);
        log.atInfo().addKeyValue("user", user.get().username()).addKeyValue("ip", ctx.ip())
                .log("web login: {} from {}", user.get().username(), ctx.ip());
        ctx.redirect(user.get().mustChange() ? "/account/password" : next, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static String howLong(long seconds) {
        return seconds < 90 ? seconds + (seconds == 1 ? " second" : " seconds") : (seconds + 59) / 60 + " minutes";
    }

    private void loginError(Context ctx, int status, String next, String error) {
        String token = Sessions.random();
        cookie(ctx, LOGIN_COOKIE, token, 600);
        ctx.status(status).html(views.render("login.jte", Map.of("frame", frame(ctx, null, "Log in", ""), "next", next, "error", error,
                "loginToken", token)));
    }

    /** @param errors by field (current, password, again), each said beside it */
    private View password(Login who, Map<String, String> errors) {
        boolean oneTime = accounts.find(who.userId()).map(Accounts.User::mustChange).orElse(false);
        return View.of("Change password", "", "password.jte").with("errors", errors).with("oneTime", oneTime);
    }

    private Object changePassword(Context ctx, Login who) {
        String current = ctx.formParam("current");
        String fresh = ctx.formParam("password");
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (accounts.check(who.user(), current).isEmpty()) {
            errors.put("current", "The current password is wrong.");
        }
        String weak = Passwords.weakness(fresh == null ? "" : fresh);
        if (weak != null) {
            errors.put("password", "New password: " + weak + ".");
        } else if (!fresh.equals(ctx.formParam("again"))) {
            errors.put("again", "The two new passwords differ.");
        }
        if (!errors.isEmpty()) {
            ctx.status(422);
            return password(who, errors);
        }
        accounts.change(who.userId(), fresh);
        sessions.closeAll(who.userId());
        String token = sessions.open(who.userId());
        cookie(ctx, COOKIE, token, -1);
        // the banner belongs to the session the browser now holds
        sessions.find(token).ifPresent(s -> ctx.attribute("login", new Login(who.userId(), who.user(), s.csrf(), who.role())));
        return "/?notice=" + URLEncoder.encode("Password changed.", StandardCharsets.UTF_8);
    }

    /**
     * Only a path on this site: never an address elsewhere (an open redirect). Browsers drop tabs and line
     * breaks from URLs and read a backslash as a slash, so "/\t/evil.example" would leave: only plain
     * path characters pass.
     */
    static String safeNext(String next) {
        if (next == null || !next.matches("/[A-Za-z0-9/_.~%?&=+@:-]*") || next.startsWith("//")) {
            return "/";
        }
        return next;
    }

    private static String pathAndQuery(Context ctx) {
        return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    }

    /** @param maxAge seconds; -1 for a browser-session cookie, 0 to delete */
    private void cookie(Context ctx, String name, String value, int maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (secureCookies ? "; Secure" : ""));
    }

    /** First run: the admin account; the one-time password to print, if one was made. */
    public Optional<String> firstRun(String adminPassword) {
        return accounts.firstRun(adminPassword);
    }
}
