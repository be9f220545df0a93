package dev.homing.cli;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.homing.access.Accounts;
import dev.homing.access.Role;
import dev.homing.delivery.Routes;
import dev.homing.list.Consent;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.Site;
import dev.homing.webhook.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admins' settings pages in headless Chromium against a real node: API keys made with scopes (the token shown once,
 * then working against the REST API of the same node, then revoked), webhooks (a private target refused beside its field,
 * the secret shown once, the delivery log filled by a real event), users with roles (an editor who can change lists but
 * not the settings, a viewer who can change nothing, the last admin kept), and the effective settings with secrets masked;
 * a bad address in "Suppress an address" said beside its field, in view, the input kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorUiTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();
    private static final String PASSWORD = "correct horse battery staple";
    private static final String METRICS_TOKEN = "metrics-token-4f1e9a7c";
    private static final String KEYSTORE_PASSWORD = "keystore-pass-77b2d0";
    /** A secret under a misspelt key: the node does not read it, and the page must not show it either. */
    private static final String TYPO_SECRET = "hunter2-typo-9c1d";

    private static Path home;
    private static Node node;
    private static Site site;
    private static String base;
    private static Page page;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("homing-settings");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Files.writeString(home.resolve("homing.properties"), "public.url = " + base + "\nretry.delays = 1s,5m\n"
                + "metrics.token = " + METRICS_TOKEN + "\ninbound.tls.password = " + KEYSTORE_PASSWORD + "\n"
                + "limts.connections = 5\nroute.partner.example = 127.0.0.1:2525\ninbound.feedback-loops = " + "k".repeat(300) + ".example\n"
                + "db.pasword = " + TYPO_SECRET + "\nlimits.example.org.connection = 3\n");
        node = Node.open(home, Config.load(home), Routes.none(), false);
        new Accounts(node.db).firstRun(PASSWORD);
        site = Site.start(node, new Site.Options("127.0.0.1", port, null, "confirm@homing.test", false, null, null));
        page = login(BROWSER.page(false), "admin", PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        BROWSER.closeWith(site, node);
    }

    @Test
    @Order(1)
    void theEffectiveSettingsShowDefaultsAndTyposButNoSecret() throws Exception {
        page.navigate(base + "/");
        page.click("nav a[href='/settings']");
        assertThat(page.locator("h1")).hasText("Settings");
        String table = page.locator("#table-settings").innerText();
        assertThat(table).contains("retry.delays\t1s,5m\thoming.properties");
        assertThat(table).contains("timeout.connect\t30s\tdefault");
        assertThat(table).contains("route.partner.example\t127.0.0.1:2525");
        assertThat(table).contains("limts.connections\t(not shown)\thoming.properties: not a setting Homing knows, ignored");
        assertThat(table).contains("db.pasword\t(not shown)\thoming.properties: not a setting Homing knows, ignored");
        assertThat(table).contains("limits.example.org.connection\t(not shown)\thoming.properties: not a setting Homing knows, ignored");
        assertThat(table).contains("metrics.token\t•••••• (set, hidden)");
        assertThat(table).contains("inbound.tls.password\t•••••• (set, hidden)");
        String html = page.content();
        assertThat(html).doesNotContain(METRICS_TOKEN).doesNotContain(KEYSTORE_PASSWORD).doesNotContain(TYPO_SECRET);
        // a 300-character value wraps inside its cell: the table stays as wide as the page, every column in view
        Object wider = page.evaluate("() => { const s = document.querySelector('#table-settings .scroll'); return s.scrollWidth - s.clientWidth; }");
        assertThat(((Number) wider).intValue()).as("how much wider the table is than its place").isLessThanOrEqualTo(1);
        Browser.accessible(page, "settings-00-effective");
    }

    @Test
    @Order(2)
    void anApiKeyIsShownOnceWorksWithinItsScopesAndStopsWhenRevoked() throws Exception {
        page.navigate(base + "/settings/keys");
        assertThat(page.locator("#table-keys")).containsText("No API key yet.");
        // no scope: said beside the scopes, the name kept
        page.fill("#name", "shop signup form");
        page.click("main form[action='/settings/keys'] button[type=submit]");
        assertThat(page.locator("#scope-error")).containsText("Tick at least one scope");
        assertThat(page.locator("#name")).hasValue("shop signup form");
        assertThat(page.locator("#scope-error")).isInViewport();
        page.check("input[name=scope][value='lists:read']");
        page.click("main form[action='/settings/keys'] button[type=submit]");
        String token = page.locator("#once-value").innerText().strip();
        assertThat(token).isNotBlank();
        // a page that shows a secret once is never kept by a cache (the back button, a shared machine's disk)
        assertThat(page.request().get(base + "/settings/keys").headers().get("cache-control")).isEqualTo("no-store");
        Browser.accessible(page, "settings-01-key-made");
        assertThat(api(token, "/api/v1/lists").status()).isEqualTo(200);
        assertThat(api(token, "/api/v1/campaigns").status()).as("outside the key's scopes").isEqualTo(403);
        // shown once: the page afterwards lists the key by its start, never the token
        page.navigate(base + "/settings/keys");
        assertThat(page.locator("#table-keys")).containsText("shop signup form");
        assertThat(page.content()).doesNotContain(token);
        page.click("button[aria-label='Revoke the key shop signup form']");
        assertThat(page.locator(".notice")).containsText("Key revoked");
        assertThat(page.locator("#table-keys")).containsText("revoked");
        assertThat(api(token, "/api/v1/lists").status()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aWebhookToAPrivateAddressIsRefusedBesideItsFieldAndAnAddedOnesLogFills() throws Exception {
        page.navigate(base + "/settings/webhooks");
        page.fill("#url", "http://127.0.0.1:9/hook");
        page.click("main form[action='/settings/webhooks'] button[type=submit]");
        assertThat(page.locator("#url-error")).containsText("loopback");
        assertThat(page.locator("#url")).hasValue("http://127.0.0.1:9/hook");
        assertThat(new Webhooks(node.db, dev.homing.list.InstallSecret.load(home)).all()).isEmpty();
        // a public address (TEST-NET-1: nothing answers there on this machine, so the post fails and is logged)
        page.fill("#url", "https://192.0.2.10/hook");
        page.uncheck("input[name=event][value='delivered']");
        page.click("main form[action='/settings/webhooks'] button[type=submit]");
        String secret = page.locator("#once-value").innerText().strip();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(page.locator("#table-webhooks")).containsText("https://192.0.2.10/hook");
        assertThat(page.locator("#table-webhooks")).not().containsText("delivered");
        Browser.accessible(page, "settings-02-webhook-added");
        // a real event: someone unsubscribes; the sender posts it, fails, and the log says so
        MailingList news = new Lists(node.db).create("news", "");
        Consent consent = new Consent("127.0.0.1", "test", "settings test", "subscribed");
        Subscriptions.Requested r = node.subscriptions.subscribe(news, "leaver@example.org", Map.of(), consent);
        node.subscriptions.confirm(((Subscriptions.NeedsConfirmation) r).token(), consent);
        node.subscriptions.unsubscribeMember("leaver@example.org", news.id(), consent);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            page.navigate(base + "/settings/webhooks");
            return page.locator("#table-webhook-log").innerText().contains("unsubscribed #");
        });
        page.navigate(base + "/settings/webhooks");
        assertThat(page.content()).doesNotContain(secret);
        page.click("button[aria-label^='Remove webhook']");
        assertThat(page.locator(".notice")).containsText("removed");
        assertThat(page.locator("#table-webhooks")).containsText("removed");
    }

    @Test
    @Order(4)
    void rolesDecideWhatEachPersonMayDo() throws Exception {
        page.navigate(base + "/settings/users");
        String editorOnce = addUser("edda", "editor");
        String viewerOnce = addUser("vic", "viewer");
        // a taken name: said beside the field, kept
        page.fill("#username", "vic");
        page.click("main form[action='/settings/users'] button[type=submit]");
        assertThat(page.locator("#username-error")).containsText("already a user");
        assertThat(page.locator("#username")).hasValue("vic");
        Browser.accessible(page, "settings-03-users");

        Page editor = login(BROWSER.page(false), "edda", editorOnce);
        assertThat(editor.locator("nav a[href='/settings']")).hasCount(0);
        assertThat(editor.locator(".logout")).containsText("(editor)");
        editor.navigate(base + "/lists");
        editor.fill("#name", "editors-list");
        editor.click("main form[action='/lists'] button[type=submit]");
        assertThat(new Lists(node.db).find("editors-list")).isPresent();
        com.microsoft.playwright.Response settings = editor.navigate(base + "/settings/keys");
        assertThat(settings.status()).isEqualTo(403);
        assertThat(editor.locator("main")).containsText("The settings (API keys, webhooks, users) are for admins");
        APIResponse sneaky = post(editor, "/settings/users", FormData.create().set("username", "mallory").set("role", "admin"));
        assertThat(sneaky.status()).isEqualTo(403);
        assertThat(new Accounts(node.db).find("mallory")).isEmpty();

        Page viewer = login(BROWSER.page(true), "vic", viewerOnce);
        viewer.navigate(base + "/lists");
        assertThat(viewer.locator("main")).containsText("editors-list");
        // a viewer is shown no form that would only be refused
        assertThat(viewer.locator("form[action='/lists']")).hasCount(0);
        viewer.navigate(base + "/suppressions");
        assertThat(viewer.locator("main form[method=post]")).hasCount(0);
        viewer.navigate(base + "/lists");
        APIResponse create = post(viewer, "/lists", FormData.create().set("name", "viewers-list"));
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.text()).contains("You are a viewer");
        assertThat(new Lists(node.db).find("viewers-list")).isEmpty();
        Browser.accessible(viewer, "settings-04-viewer-lists");

        // the role changes at once: the editor's session ends and the next login is a viewer's
        page.navigate(base + "/settings/users");
        page.selectOption("#change-user", "edda");
        page.selectOption("#change-to", "viewer");
        page.click("main form[action='/settings/users/role'] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("edda is now a viewer");
        assertThat(new Accounts(node.db).find("edda").orElseThrow().role()).isEqualTo(Role.VIEWER);
        editor.navigate(base + "/lists");
        assertThat(editor).hasURL(Pattern.compile("/login"));
        editor.context().close();

        // there is always an admin
        page.selectOption("#change-user", "admin");
        page.selectOption("#change-to", "editor");
        page.click("main form[action='/settings/users/role'] button[type=submit]");
        assertThat(page.locator("#change-error")).containsText("\"admin\" is the only admin");
        assertThat(new Accounts(node.db).find("admin").orElseThrow().role()).isEqualTo(Role.ADMIN);

        // a reset: a new one-time password, shown once; the old password stops working
        page.click("button[aria-label='Give vic a new one-time password']");
        String fresh = page.locator("#once-value").innerText().strip();
        assertThat(fresh).isNotEqualTo(viewerOnce);
        assertThat(new Accounts(node.db).check("vic", PASSWORD + " vic")).isEmpty();
        assertThat(new Accounts(node.db).check("vic", fresh)).isPresent();
        viewer.context().close();
        page.navigate(base + "/settings/users");
        page.click("button[aria-label='Remove vic']");
        assertThat(page.locator(".notice")).containsText("vic removed");
        assertThat(new Accounts(node.db).find("vic")).isEmpty();
    }

    private static String addUser(String name, String role) {
        page.fill("#username", name);
        page.selectOption("#role", role);
        page.click("main form[action='/settings/users'] button[type=submit]");
        assertThat(page.locator("#once-title")).containsText(name + " (" + role + ")");
        String once = page.locator("#once-value").innerText().strip();
        assertThat(page.locator("#table-users")).containsText(name);
        return once;
    }

    /** Logs in; a one-time password is replaced by the user's own ("PASSWORD name"). */
    private static Page login(Page p, String user, String password) {
        p.navigate(base + "/login");
        p.fill("#username", user);
        p.fill("#password", password);
        p.click("button[type=submit]");
        if (p.url().endsWith("/account/password")) {
            p.fill("#current", password);
            p.fill("#password", PASSWORD + " " + user);
            p.fill("#again", PASSWORD + " " + user);
            p.click("main button[type=submit]");
        }
        assertThat(p.locator("h1")).hasText("Dashboard");
        return p;
    }

    /** A form posted with the page's own session and CSRF token, as a crafted request would be. */
    private static APIResponse post(Page p, String path, FormData form) {
        String csrf = p.locator("input[name=_csrf]").first().inputValue();
        return p.request().post(base + path, RequestOptions.create().setForm(form.set("_csrf", csrf)).setMaxRedirects(0));
    }

    private static APIResponse api(String token, String path) {
        return page.request().get(base + path, RequestOptions.create().setHeader("Authorization", "Bearer " + token));
    }

    @Test
    @Order(5)
    void aBadAddressToSuppressIsSaidBesideItsFieldInViewAndKept() throws Exception {
        // many suppressed addresses make the page long; the form and its error stay in view
        dev.homing.list.Suppressions suppressions = new dev.homing.list.Suppressions(node.db);
        for (int i = 0; i < 60; i++) {
            suppressions.put("gone" + i + "@example.org", 0, "manual", dev.homing.list.Suppression.ACTIVE, "test");
        }
        page.navigate(base + "/suppressions");
        page.fill("#email", "not an address");
        page.fill("#reason", "asked by phone");
        page.click("main form[action='/suppressions'] button[type=submit]");
        assertThat(page.locator("#email-error")).containsText("\"not an address\"");
        assertThat(page.locator("#email-error")).isInViewport();
        assertThat(page.locator("#email")).hasValue("not an address");
        assertThat(page.locator("#reason")).hasValue("asked by phone");
        assertThat(page.locator("#email")).isFocused();
        page.fill("#email", "someone@example.org");
        page.click("main form[action='/suppressions'] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("someone@example.org suppressed for every list.");
        Browser.accessible(page, "settings-05-suppressions");
        // the sandbox page's test: both fields wrong, both said at once beside them, both kept
        page.navigate(base + "/sandbox");
        page.fill("#to", "bob@gmail.com");
        page.fill("#from", "nobody");
        page.click("main form[action='/sandbox/send'] button[type=submit]");
        assertThat(page.locator("#to-error")).containsText("is not at a sandbox domain");
        assertThat(page.locator("#from-error")).containsText("\"nobody\" is not an address");
        assertThat(page.locator("#to")).hasValue("bob@gmail.com");
        assertThat(page.locator("#from")).hasValue("nobody");
        // a list name that cannot be: said beside the name, what was typed kept
        page.navigate(base + "/lists");
        page.fill("#name", "bad name!");
        page.fill("#description", "kept");
        page.click("main form[action='/lists'] button[type=submit]");
        assertThat(page.locator("#name-error")).isVisible();
        assertThat(page.locator("#name")).hasValue("bad name!");
        assertThat(page.locator("#description")).hasValue("kept");
        // every page names its icon, which is served (and /favicon.ico leads to it)
        assertThat(page.locator("link[rel=icon]")).hasAttribute("href", "/static/favicon.svg");
        APIResponse icon = page.request().get(base + "/favicon.ico");
        assertThat(icon.status()).isEqualTo(200);
        assertThat(icon.headers().get("content-type")).startsWith("image/svg+xml");
    }
}
