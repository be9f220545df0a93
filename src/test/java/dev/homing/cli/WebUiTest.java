package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.Site;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import dev.homing.delivery.Routes;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.queue.DeliveryState;
import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The web UI in headless Chromium against a real node: the embedded database, the engine delivering to
 * the sandbox, the public pages, the UI. The tests run in order, as a marketer would: log in (one-time
 * password, then one's own), import a list with progress, a subscriber through the public form and the
 * confirmation mail, a campaign with its pre-flight report, sent to the sandbox, its report with charts
 * and verdicts, a recipient's timeline, one-click unsubscribe, releasing a suspected false positive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiTest {
    @RegisterExtension
    static final Browser BROWSER = new Browser();
    private static final String PASSWORD = "correct horse battery staple";

    private static Path home;
    private static Node node;
    private static Sandbox sandbox;
    private static Site site;
    private static String base;
    private static String oneTime;
    private static Page page;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("homing-webui");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        // the public URL is this server, so the links in the mails it sends lead back to it (http: pre-flight blocks one-click)
        Files.writeString(home.resolve("homing.properties"), "bounce.domain = bounces.homing.test\npublic.url = " + base + "\n"
                + "retry.delays = 1s\nretry.max-age = 3s\n");
        sandbox = Sandbox.start(SandboxConfig.defaults());
        node = Node.open(home, Config.load(home), Routes.none(), false);
        node.resolver.routes().add("sandbox.test", sandbox.smtpAddress());
        node.engine.start();
        HomeOptions options = new HomeOptions();
        options.home = home;
        options.noDns = true;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            site = Site.start(node, new Site.Options("127.0.0.1", port, null, "confirm@homing.test", false, null, null));
        } finally {
            System.setOut(was);
        }
        Matcher m = Pattern.compile("one-time password (\\S+)").matcher(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(m.find()).as("the first run prints the admin's one-time password: " + out).isTrue();
        oneTime = m.group(1);
        page = BROWSER.page(true);
    }

    @AfterAll
    static void stop() throws Exception {
        BROWSER.closeWith(site, node, sandbox);
    }

    @Test
    @Order(1)
    void loginWithTheOneTimePasswordThenOnesOwn() throws Exception {
        page.navigate(base + "/campaigns");
        assertThat(page).hasURL(Pattern.compile("/login\\?next=%2Fcampaigns"));
        accessible(page, "00-login");
        page.fill("#password", "wrong password");
        page.click("button[type=submit]");
        assertThat(page.locator(".error")).hasText("Wrong user name or password.");

        page.fill("#password", oneTime);
        page.click("button[type=submit]");
        // a one-time password opens only the page that replaces it
        assertThat(page).hasURL(Pattern.compile("/account/password$"));
        page.navigate(base + "/lists");
        assertThat(page).hasURL(Pattern.compile("/account/password$"));
        page.fill("#current", "not the one-time password");
        page.fill("#password", "short");
        page.fill("#again", "short");
        page.locator("#password").evaluate("e => e.removeAttribute('minlength')");
        page.locator("#again").evaluate("e => e.removeAttribute('minlength')");
        page.click("main button[type=submit]");
        // both mistakes at once, each beside its field
        assertThat(page.locator("#current-error")).hasText("The current password is wrong.");
        assertThat(page.locator("#password-error")).containsText("at least 12 characters");
        page.fill("#current", oneTime);
        page.fill("#password", PASSWORD);
        page.fill("#again", PASSWORD);
        page.click("main button[type=submit]");
        assertThat(page.locator(".notice")).hasText("Password changed.");
        assertThat(page.locator("h1")).hasText("Dashboard");
        // what the throttles learned has its place on the dashboard (filled once a receiver asks us to slow down)
        assertThat(page.locator("#table-throttles")).containsText("No receiver has asked us to slow down.");
        accessible(page, "01-dashboard-empty");

        // after login, only a page of this site: a crafted next= cannot send the user elsewhere
        for (String next : List.of("%2F%09%2Fevil.example", "%2F%2Fevil.example", "https%3A%2F%2Fevil.example", "%2F%5Cevil.example")) {
            Page p = BROWSER.page(false);
            p.navigate(base + "/login?next=" + next);
            p.fill("#password", PASSWORD);
            p.click("button[type=submit]");
            assertThat(p).hasURL(base + "/");
            p.context().close();
        }

        // the one-time password is spent; the new one works in a fresh browser
        Page other = BROWSER.page(false);
        other.navigate(base + "/login");
        other.fill("#password", oneTime);
        other.click("button[type=submit]");
        assertThat(other.locator(".error")).hasText("Wrong user name or password.");
        other.fill("#password", PASSWORD);
        other.click("button[type=submit]");
        assertThat(other.locator("h1")).hasText("Dashboard");
        other.context().close();
    }

    @Test
    @Order(2)
    void formsWithoutTheCsrfTokenAreRefusedAndStrangersGetNothing() {
        // same cookies as the logged-in page, no token: refused
        APIResponse r = page.request().post(base + "/lists", RequestOptions.create().setForm(FormData.create().set("name", "sneaky"))
                .setMaxRedirects(0));
        assertThat(r.status()).isEqualTo(403);
        assertThat(new Lists(node.db).find("sneaky")).isEmpty();
        // no session at all: 401, and the page is not there
        APIResponse stranger = BROWSER.page(false).request().get(base + "/lists", RequestOptions.create().setMaxRedirects(0));
        assertThat(stranger.status()).isEqualTo(302);
        assertThat(stranger.headers().get("location")).startsWith("/login");
        APIResponse post = BROWSER.page(false).request().post(base + "/lists", RequestOptions.create().setMaxRedirects(0));
        assertThat(post.status()).isEqualTo(401);
        assertThat(post.text()).doesNotContain("<table");
    }

    @Test
    @Order(3)
    void csvImportShowsProgressThenTheReportAndEscapesWhatItShows() throws Exception {
        page.navigate(base + "/lists");
        page.fill("#name", "news");
        page.fill("#description", "The newsletter");
        page.click("main form button[type=submit]");
        assertThat(page.locator("h1")).hasText("List news");

        StringBuilder csv = new StringBuilder("email,name\n");
        for (int i = 0; i < 300; i++) {
            csv.append("reader").append(i).append("@accept.sandbox.test,Reader ").append(i).append('\n');
        }
        csv.append("nobody@user-unknown.sandbox.test,Nobody\n");
        csv.append("block@blocked.sandbox.test,Blocked\n");
        csv.append("evil@accept.sandbox.test,<script>window.pwned=1</script><b>bold</b>\n");
        csv.append("not an address,Broken\n");
        Path file = Files.writeString(home.resolve("readers.csv"), csv);
        page.setInputFiles("#file", file);
        page.fill("#consent", "signed up at the shop counter");
        page.click("form[enctype] button[type=submit]");
        assertThat(page.locator("[data-import=done]")).containsText("304 rows: 303 added");
        accessible(page, "02-list-imported");
        assertThat(page.locator("[data-import=done]")).containsText("1 rejected");
        page.locator("[data-import=done] summary").click();
        assertThat(page.locator("[data-import=done] pre")).containsText("not an address");
        assertThat(new Lists(node.db).audience(new Lists(node.db).get("news")).confirmed()).isEqualTo(303);
        // the page shows a hundred members; its CSV holds them all
        page.navigate(base + "/lists/news");
        assertThat(page.locator("#table-subscribers tbody tr")).hasCount(100);
        assertThat(page.request().get(base + "/lists/news?export=subscribers").text().split("\r\n")).hasSize(1 + 303);

        // a big file: the page shows the import's progress while it runs, polling until it is done
        page.navigate(base + "/lists");
        page.fill("#name", "bulk");
        page.click("main form button[type=submit]");
        StringBuilder big = new StringBuilder(9_000_000).append("email,city\n");
        for (int i = 0; i < 250_000; i++) {
            big.append("person").append(i).append("@d").append(i % 500).append(".example,City ").append(i % 97).append('\n');
        }
        Path bigFile = Files.writeString(home.resolve("bulk.csv"), big);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.function.Consumer<com.microsoft.playwright.Response> watch = resp -> {
            if (resp.url().contains("/imports/")) {
                seen.add(resp.text());
            }
        };
        page.onResponse(watch);
        page.setInputFiles("#file", bigFile);
        page.click("form[enctype] button[type=submit]");
        assertThat(page.locator("[data-import=done]")).containsText("250000 rows: 250000 added",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(120_000));
        assertThat(seen).as("progress polled while the import ran").anySatisfy(html -> assertThat(html).contains("data-import=\"running\""));
        assertThat(seen.stream().filter(h -> h.contains("running")).map(h -> h.replaceAll("(?s).*value=\"(\\d+)\".*", "$1")).toList())
                .as("percentages read so far").isNotEmpty();
        page.offResponse(watch);

        // an attribute full of HTML is shown as text wherever it appears
        page.navigate(base + "/lists/news?q=evil");
        assertThat(page.locator("#table-subscribers td").nth(3)).containsText("<script>window.pwned=1</script><b>bold</b>");
        page.locator("#table-subscribers a", new Page.LocatorOptions().setHasText("evil@")).click();
        assertThat(page.locator("main")).containsText("<script>window.pwned=1</script>");
        assertThat(page.locator("main b")).hasCount(0);
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
        assertThat(page.locator("main p").first()).containsText("consent: signed up at the shop counter");

        // a header that names the address column otherwise: the page asks which column it is, then imports the same file
        page.navigate(base + "/lists");
        page.fill("#name", "kunden");
        page.click("main form button[type=submit]");
        Path german = Files.writeString(home.resolve("kunden.csv"), "Vorname,E-Mail-Adresse\nAnna,anna@accept.sandbox.test\n"
                + "Ben,ben@accept.sandbox.test\n");
        page.setInputFiles("#file", german);
        page.fill("#consent", "Messe 2026");
        page.click("form[enctype] button[type=submit]");
        assertThat(page.locator("[data-import=column]")).containsText("Which column holds the email addresses?");
        assertThat(new Lists(node.db).audience(new Lists(node.db).get("kunden")).confirmed()).as("nothing imported before the answer")
                .isZero();
        page.selectOption("[data-import=column] select", "E-Mail-Adresse");
        page.click("[data-import=column] button[type=submit]");
        assertThat(page.locator("[data-import=done]")).containsText("2 rows: 2 added");
        assertThat(new Lists(node.db).audience(new Lists(node.db).get("kunden")).confirmed()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void doubleOptInFromThePublicForm() throws Exception {
        Page visitor = BROWSER.page(true);
        visitor.navigate(base + "/subscribe/news");
        // the public form keeps its own styling (the UI's stricter page policy is not applied to it): the bot trap stays hidden
        assertThat(visitor.locator("#website")).not().isInViewport();
        assertThat(visitor.locator("label[for=email]")).isVisible();
        visitor.fill("#email", "Newcomer@Accept.Sandbox.Test");
        visitor.fill("#name", "New Comer");
        visitor.click("button[type=submit]");
        assertThat(visitor.locator("h1")).hasText("Check your inbox");
        // the confirmation mail Homing queued for the newcomer holds the link
        String mail = await().atMost(Duration.ofSeconds(10)).until(() -> lastMessage("confirm news"), s -> s != null);
        Matcher link = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/confirm\\?t=[A-Za-z0-9%_.=-]+)").matcher(mail.replace("=\r\n", ""));
        assertThat(link.find()).as(mail).isTrue();
        visitor.navigate(link.group(1).replace("=3D", "="));
        // the link shows a button (a mail gateway's scanner opening it confirms nothing); the person presses it
        assertThat(visitor.locator("h1")).hasText("Confirm your subscription");
        visitor.click("button[type=submit]");
        assertThat(visitor.locator("h1")).hasText("Subscription confirmed");
        visitor.context().close();

        page.navigate(base + "/lists/news?q=newcomer");
        page.locator("#table-subscribers a", new Page.LocatorOptions().setHasText("Newcomer@")).click();
        assertThat(page.locator("main p").first()).containsText("confirmed");
        assertThat(page.locator("#table-consent")).containsText("requested");
        assertThat(page.locator("#table-consent")).containsText("confirmed");
        accessible(page, "03-subscriber-timeline");
    }

    @Test
    @Order(5)
    void campaignWithPreflightIsSentToTheSandbox() throws Exception {
        page.navigate(base + "/campaigns/new");
        page.fill("#name", "autumn");
        page.selectOption("#list", "news");
        page.fill("#from", "news@homing.test");
        page.fill("#fromName", "Homing News");
        page.fill("#subject", "Autumn news, {{name|reader}}");
        page.fill("#html", "<p>Hello {{frist_name}},</p>\n<p>News. <a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>\n"
                + "<p>Homing, 1 Example Street, Paris</p>");
        page.fill("#text", "Hi {{nmae}}");
        page.fill("#sendAt", "tomorrow morning");
        page.fill("#replyTo", "not an address");
        page.click("main button[type=submit]");
        // every error of the form at once, each beside its field, the input kept; a misspelt merge field is named with
        // where it is; nothing is stored
        assertThat(page.locator("#html-error")).containsText("frist_name");
        assertThat(page.locator("#html-error")).containsText("line 1");
        assertThat(page.locator("#text-error")).containsText("nmae");
        assertThat(page.locator("#sendAt-error")).containsText("2026-12-01T09:00:00Z");
        assertThat(page.locator("#replyTo-error")).containsText("not an address");
        // the first of them (in the order of the form) is scrolled into view, its field focused
        assertThat(page.locator("#replyTo-error")).isInViewport();
        assertThat(page.locator("#replyTo")).isFocused();
        assertThat(page.locator("#text")).hasValue("Hi {{nmae}}");
        assertThat(new dev.homing.campaign.Campaigns(node.db).find("autumn")).isEmpty();
        page.fill("#text", "");
        page.fill("#sendAt", "");
        page.fill("#replyTo", "");
        page.fill("#html", "<p>Hello {{name|reader}},</p>\n<p>News. <a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>\n"
                + "<p>Homing, 1 Example Street, Paris</p>");
        page.click("main button[type=submit]");
        assertThat(page.locator("h1")).hasText("Campaign autumn");
        // a draft can be edited; the template is checked again
        page.click("text=Edit this draft");
        assertThat(page.locator("#name")).hasValue("autumn");
        page.fill("#subject", "Autumn news for you, {{name|reader}}");
        page.click("main button[type=submit]");
        assertThat(page.locator("dl.facts")).containsText("Autumn news for you, {{name|reader}}");
        assertThat(new dev.homing.campaign.Campaigns(node.db).get("autumn").subject()).isEqualTo("Autumn news for you, {{name|reader}}");
        assertThat(page.locator("#table-preflight")).containsText("one-click");
        accessible(page, "04-campaign-preflight");
        previewAndTest();
        // the public URL is http: one-click unsubscribe needs https, which blocks sending without a recorded reason
        page.click("main form[action$=send] button[type=submit]");
        assertThat(page.locator(".error")).containsText("blocking pre-flight finding");
        page.fill("#override", "test server on plain http");
        page.click("main form[action$=send] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("deliveries queued");
        assertThat(page.locator("dl.facts")).containsText("test server on plain http");
        // live progress until every delivery is final
        assertThat(page.locator("#progress")).hasAttribute("data-state", "sent", new com.microsoft.playwright.assertions.LocatorAssertions
                .HasAttributeOptions().setTimeout(120_000));
    }

    @Test
    @Order(6)
    void reportShowsChartsAndVerdicts() throws Exception {
        long message = new dev.homing.campaign.Campaigns(node.db).get("autumn").messageId();
        Map<DeliveryState, Long> byState = node.queue.view().countByState(message);
        page.navigate(base + "/campaigns/autumn");
        assertThat(page.locator("[data-charts]")).hasAttribute("data-drawn", "5");
        // the state chart draws the database's counts
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) page.evaluate(
                "() => { const c = document.getElementById('chart-state').chart; const o = {}; c.data.labels.forEach((l, i) => o[l] = c.data.datasets[0].data[i]); return o; }");
        assertThat(((Number) chart.get("delivered")).longValue()).isEqualTo(byState.get(DeliveryState.DELIVERED));
        assertThat(((Number) chart.get("bounced")).longValue()).isEqualTo(byState.get(DeliveryState.BOUNCED));
        // one colour per state, the same in every chart: delivered green, bounced red, never one for both
        @SuppressWarnings("unchecked")
        Map<String, Object> colour = (Map<String, Object>) page.evaluate(
                "() => { const c = document.getElementById('chart-state').chart; const o = {}; c.data.labels.forEach((l, i) => o[l] = c.data.datasets[0].backgroundColor[i]); return o; }");
        assertThat(colour.get("delivered")).isEqualTo("#1b5e20");
        assertThat(colour.get("bounced")).isEqualTo("#a4161a");
        assertThat(new java.util.HashSet<>(colour.values())).as("distinct colours for distinct states").hasSize(colour.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> timeline = (Map<String, Object>) page.evaluate(
                "() => { const c = document.getElementById('chart-time').chart; const o = {}; c.data.datasets.forEach(d => o[d.label] = d.backgroundColor); return o; }");
        assertThat(timeline.get("delivered")).isEqualTo(colour.get("delivered"));
        assertThat(timeline.get("failed")).isEqualTo(colour.get("bounced"));
        assertThat(page.locator("main")).containsText("A 250 reply means the receiving server accepted the message, not that it reached the inbox");
        assertThat(page.locator("#table-diagnosis")).containsText("not the addresses");
        assertThat(page.locator("#table-codes")).containsText("550");
        assertThat(page.locator("#table-codes")).containsText("5.1.1");
        assertThat(page.locator("#table-temporary")).containsText("Temporary answers met on the way");
        accessible(page, "05-campaign-report");
        page.locator(".charts").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "tour", "05-campaign-charts.png")));

        // a long table shows its first rows, the rest under "Show the other N rows" (a phone shows each row as a card): the
        // whole report on this phone-sized page stays within a few screens' scrolling (it was 104,000 pixels)
        assertThat(((Number) page.evaluate("() => document.documentElement.scrollHeight")).intValue()).isLessThan(25_000);
        assertThat(page.locator("#table-recipients > .scroll tbody tr")).hasCount(25);
        com.microsoft.playwright.Locator more = page.locator("#table-recipients details.fold tbody tr").first();
        assertThat(more).isHidden();
        page.click("#table-recipients details.fold summary");
        assertThat(more).isVisible();
        // every table exports as CSV: the same rows
        APIResponse csv = page.request().get(base + "/campaigns/autumn?export=states");
        assertThat(csv.headers().get("content-type")).startsWith("text/csv");
        assertThat(csv.text()).startsWith("State,Deliveries\r\n").contains("delivered," + byState.get(DeliveryState.DELIVERED) + "\r\n");
        APIResponse all = page.request().get(base + "/campaigns/autumn/recipients.csv");
        assertThat(all.text().split("\r\n")).hasSize(1 + (int) byState.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    @Order(7)
    void aRecipientsTimelineSaysWhatHappenedAndWhatToDo() throws Exception {
        page.navigate(base + "/campaigns/autumn?state=bounced");
        page.locator("#table-recipients a", new Page.LocatorOptions().setHasText("nobody@user-unknown.sandbox.test")).click();
        assertThat(page.locator("h1")).containsText("nobody@user-unknown.sandbox.test");
        assertThat(page.locator(".verdict")).containsText("the address");
        assertThat(page.locator(".verdict")).containsText("emove");
        assertThat(page.locator("#table-timeline")).containsText("attempt 1");
        assertThat(page.locator("#table-timeline")).containsText("550 5.1.1");
        // the last attempt's transcript is open: both sides of the dialogue
        assertThat(page.locator("#attempt-1 pre")).isVisible();
        assertThat(page.locator("#attempt-1 pre")).containsText(" -> RCPT TO:<nobody@user-unknown.sandbox.test>");
        assertThat(page.locator("#attempt-1 pre")).containsText("<-  550 5.1.1");
        assertThat(page.locator("#attempt-1 pre")).containsText("User unknown");
        accessible(page, "06-delivery-timeline");
    }

    @Test
    @Order(8)
    void oneClickUnsubscribe() {
        MailingList news = new Lists(node.db).get("news");
        String token = site.subscriptions.unsubscribeToken("reader7@accept.sandbox.test", news.id());
        String url = base + "/unsubscribe?t=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        // RFC 8058: the mail client posts List-Unsubscribe=One-Click, no login, no page to read
        APIResponse r = BROWSER.page(false).request().post(url, RequestOptions.create()
                .setHeader("Content-Type", "application/x-www-form-urlencoded").setData("List-Unsubscribe=One-Click"));
        assertThat(r.status()).isEqualTo(200);
        // a person following the link gets one button
        String token2 = site.subscriptions.unsubscribeToken("reader8@accept.sandbox.test", news.id());
        Page reader = BROWSER.page(true);
        reader.navigate(base + "/unsubscribe?t=" + java.net.URLEncoder.encode(token2, java.nio.charset.StandardCharsets.UTF_8));
        reader.click("button[type=submit]");
        assertThat(reader.locator("h1")).hasText("Unsubscribed");
        reader.context().close();

        page.navigate(base + "/lists/news/subscribers/reader7@accept.sandbox.test");
        assertThat(page.locator("main p").first()).containsText("unsubscribed");
        assertThat(page.locator("#table-consent")).containsText("one-click (RFC 8058)");
        page.navigate(base + "/lists/news/subscribers/reader8@accept.sandbox.test");
        assertThat(page.locator("#table-consent")).containsText("unsubscribe page");
    }

    @Test
    @Order(9)
    void releasingASuspectedFalsePositive() throws Exception {
        Suppressions suppressions = new Suppressions(node.db);
        long news = new Lists(node.db).get("news").id();
        suppressions.put("reader9@accept.sandbox.test", news, "blocked", Suppression.SUSPECTED,
                "refused as policy while the address took mail 2 days earlier");
        page.navigate(base + "/suppressions");
        assertThat(page.locator("#table-review")).containsText("reader9@accept.sandbox.test");
        accessible(page, "07-suppressions");
        // by keyboard alone: Tab from the top of the page reaches the button, Enter presses it
        page.evaluate("() => document.activeElement && document.activeElement.blur()");
        boolean reached = false;
        for (int i = 0; i < 80 && !reached; i++) {
            page.keyboard().press("Tab");
            reached = "Release reader9@accept.sandbox.test".equals(page.evaluate("() => document.activeElement.getAttribute('aria-label')"));
        }
        assertThat(reached).as("the Release button is reachable with Tab").isTrue();
        page.keyboard().press("Enter");
        assertThat(page.locator(".notice")).containsText("reader9@accept.sandbox.test released");
        assertThat(page.locator("#table-review")).not().containsText("reader9@");
        assertThat(suppressions.find(List.of("reader9@accept.sandbox.test"), news)).doesNotContainKey("reader9@accept.sandbox.test");
    }

    @Test
    @Order(10)
    void theOtherPagesAnswerAndLogoutEndsTheSession() throws Exception {
        // a member's fields: a line without "=" is said beside the field and kept; then saved; then off the list
        page.navigate(base + "/lists/kunden/subscribers/ben@accept.sandbox.test");
        assertThat(page.locator("#attributes")).hasValue(java.util.regex.Pattern.compile("Vorname = Ben"));
        page.fill("#attributes", "Vorname = Benjamin\nnot a field");
        page.click("form[action$='/attributes'] button[type=submit]");
        assertThat(page.locator("#attributes-error")).containsText("line 2: write name = value");
        assertThat(page.locator("#attributes")).hasValue("Vorname = Benjamin\nnot a field");
        page.fill("#attributes", "Vorname = Benjamin\nStadt = Köln");
        page.click("form[action$='/attributes'] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("Fields saved.");
        assertThat(page.locator("#attributes")).hasValue(java.util.regex.Pattern.compile("Stadt = Köln"));
        // one unbroken value as long as a DKIM key stays inside the page (it once pushed tables and fields off the screen)
        page.fill("#attributes", "Schluessel = " + "k".repeat(400));
        page.click("form[action$='/attributes'] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("Fields saved.");
        accessible(page, "11-long-field");
        page.click("form[action$='/remove'] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("Removed ben@accept.sandbox.test from kunden.");
        assertThat(new Lists(node.db).member(new Lists(node.db).get("kunden"), "ben@accept.sandbox.test")).isEmpty();
        // erasing a person: the address typed again, else nothing happens and the page says why beside the field
        page.navigate(base + "/lists/kunden/subscribers/anna@accept.sandbox.test");
        page.fill("#confirm", "someone else");
        page.click("form.danger button[type=submit]");
        assertThat(page.locator("#confirm-error")).containsText("nothing was erased");
        assertThat(new Lists(node.db).member(new Lists(node.db).get("kunden"), "anna@accept.sandbox.test")).isPresent();
        page.fill("#confirm", "anna@accept.sandbox.test");
        page.click("form.danger button[type=submit]");
        assertThat(page.locator(".notice")).containsText("Erased anna@accept.sandbox.test");
        assertThat(new Lists(node.db).member(new Lists(node.db).get("kunden"), "anna@accept.sandbox.test")).isEmpty();
        page.navigate(base + "/");
        assertThat(page.locator("#table-recent")).containsText("autumn");
        page.navigate(base + "/sandbox");
        assertThat(page.locator("#table-behaviours")).containsText("user-unknown.sandbox.test");
        accessible(page, "08-sandbox");
        page.fill("#to", "someone@mailbox-full.sandbox.test");
        page.click("main form button[type=submit]");
        assertThat(page.locator("h1")).containsText("someone@mailbox-full.sandbox.test");
        // the test message goes the way of the API's messages (campaign.Transactional): queued, then delivered by the engine
        long received = sandbox.stats().messages();
        page.navigate(base + "/sandbox");
        page.fill("#to", "someone@accept.sandbox.test");
        page.click("main form button[type=submit]");
        assertThat(page.locator("h1")).containsText("someone@accept.sandbox.test");
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.stats().messages() > received);
        // a test from the sandbox page never leaves for a real provider
        page.navigate(base + "/sandbox");
        page.fill("#to", "bob@gmail.com");
        page.click("main form button[type=submit]");
        assertThat(page.locator("main")).containsText("is not at a sandbox domain");
        page.navigate(base + "/lists/news/hygiene");
        assertThat(page.locator("main")).containsText("addresses checked");
        page.navigate(base + "/domains");
        assertThat(page.locator("main")).containsText("homing.test");
        // this node runs without DNS: the page says "not checked", as the pre-flight does, instead of calling records missing
        page.navigate(base + "/domains?domain=homing.test");
        assertThat(page.locator("main")).containsText("Not checked: this node runs without DNS");
        assertThat(page.locator("main")).not().containsText("blocks sending until fixed");
        accessible(page, "09-domains");
        page.navigate(base + "/campaigns/new");
        accessible(page, "10-campaign-editor");
        // the banner shows only what this server said after an action: a link cannot put its own text there
        page.navigate(base + "/lists?notice=" + java.net.URLEncoder.encode("Your account is suspended: call +1 555 0100", StandardCharsets.UTF_8));
        assertThat(page.locator(".notice")).hasCount(0);
        assertThat(page.locator("main")).not().containsText("call +1 555 0100");
        com.microsoft.playwright.Response missing = page.navigate(base + "/campaigns/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(page.locator("main, body").first()).containsText("no campaign named nope");
        page.click("nav + form button");
        assertThat(page).hasURL(Pattern.compile("/login"));
        page.navigate(base + "/campaigns");
        assertThat(page).hasURL(Pattern.compile("/login"));
    }

    /** The editor's preview as a chosen subscriber, and a test of that copy sent through the engine to the sandbox. */
    private static void previewAndTest() throws Exception {
        page.click("text=Preview as a subscriber, send a test");
        assertThat(page.locator("#preview-subject")).hasText(Pattern.compile("Autumn news for you, [A-Z]\\w+ \\w+"));
        page.fill("#as", "reader7@accept.sandbox.test");
        page.click("main form.search button[type=submit]");
        assertThat(page.locator("#preview-subject")).hasText("Autumn news for you, Reader 7");
        assertThat(page.locator("#preview-text")).containsText("Hello Reader 7,");
        // the HTML is drawn in a frame whose page runs nothing (its own CSP: sandbox, no script)
        assertThat(page.frameLocator("iframe.preview").locator("p").first()).hasText("Hello Reader 7,");
        APIResponse frame = page.request().get(base + "/campaigns/autumn/preview.html?as=reader7%40accept.sandbox.test");
        assertThat(frame.headers().get("content-security-policy")).contains("sandbox").contains("default-src 'none'");
        accessible(page, "04b-campaign-preview");
        page.fill("#as", "stranger@example.org");
        page.click("main form.search button[type=submit]");
        assertThat(page.locator("#as-error")).containsText("stranger@example.org is not on list \"news\"");
        page.fill("#as", "reader7@accept.sandbox.test");
        page.click("main form.search button[type=submit]");
        page.fill("#to", "not an address");
        page.click("main form[action$='/test'] button[type=submit]");
        assertThat(page.locator("#to-error")).containsText("not an address");
        long received = sandbox.stats().messages();
        page.fill("#to", "tester@accept.sandbox.test");
        page.click("main form[action$='/test'] button[type=submit]");
        assertThat(page.locator(".notice")).containsText("queued to tester@accept.sandbox.test");
        await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.stats().messages() > received);
        String test = lastMessage("test of campaign autumn as reader7@accept.sandbox.test by admin (web UI)");
        assertThat(test).contains("Subject: [Test] Autumn news for you, Reader 7").contains("To: <tester@accept.sandbox.test>")
                .contains("From: Homing News <news@homing.test>");
        // the test's unsubscribe link unsubscribes nobody
        jakarta.mail.internet.MimeMessage mime = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(test.getBytes(StandardCharsets.UTF_8)));
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mime.getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(html).contains("Hello Reader 7,").contains("/unsubscribe?t=test-copy");
        page.click("a[href^='/deliveries/']");
        assertThat(page.locator("main")).containsText("tester@accept.sandbox.test");
        page.navigate(base + "/campaigns/autumn");
    }

    private static void accessible(Page p, String name) throws Exception {
        Browser.accessible(p, name);
    }

    /** The newest queued message with this label, as Homing would send it. */
    private static String lastMessage(String label) throws Exception {
        try (Connection c = node.db.connection();
             PreparedStatement ps = c.prepareStatement("SELECT content FROM message WHERE label = ? ORDER BY id DESC")) {
            ps.setString(1, label);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
