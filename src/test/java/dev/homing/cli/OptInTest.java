package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.Site;
import dev.homing.node.QueueMailer;
import dev.homing.access.ApiKeys;
import dev.homing.access.Scope;
import dev.homing.delivery.Routes;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.list.Tokens;
import dev.homing.provider.ProviderDetector;
import dev.homing.testing.FakeDns;
import dev.homing.web.PublicPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Double opt-in and one-click unsubscribe over real HTTP: the form, the confirmation mail sent by
 * the engine and captured by Python's aiosmtpd (with the safelist steps for the subscriber's
 * provider, found through DNS on loopback), the link followed, the welcome mail, the consent
 * record; forged and reused links refused; honeypot and flood protection; the keyed JSON API twin of the form.
 */
class OptInTest {
    @TempDir
    Path home;

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> post(String url, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String url, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? "" : "&").append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** Waits until aiosmtpd's log holds a confirmation link for this address, and returns it. */
    static String linkFor(Path log, String address) throws Exception {
        Pattern p = Pattern.compile("(https?://\\S+/confirm\\?t=\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            int at = text.indexOf("To: <" + address + ">");
            if (at >= 0) {
                Matcher m = p.matcher(text.substring(at));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no confirmation mail for " + address + " in " + Files.readString(log));
    }

    /** Waits until aiosmtpd's log holds a message with this subject line, and returns that message. */
    static String mailWith(Path log, String subjectLine) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            int at = text.indexOf(subjectLine);
            int end = at < 0 ? -1 : text.indexOf("END MESSAGE", at);
            if (end > 0) {
                return text.substring(text.lastIndexOf("MESSAGE FOLLOWS", at), end);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail with " + subjectLine + " in " + Files.readString(log));
    }

    @Test
    void subscribeConfirmUnsubscribeOverHttp() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        Path log = home.resolve("aiosmtpd.log");
        Process aio = new ProcessBuilder("/usr/bin/python3", "-u", "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Debugging",
                "-l", "127.0.0.1:" + smtpPort).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // inbox.test is hosted by Google Workspace, as its MX says; mail still goes to aiosmtpd by route
        try (FakeDns dns = new FakeDns().add("inbox.test. 300 IN MX 1 aspmx.l.google.com.")) {
            waitForPort(smtpPort);
            ProviderDetector providers = new ProviderDetector(dns.resolver());
            Properties p = new Properties();
            p.setProperty("retry.delays", "1s");
            Config config = Config.from(p);
            try (Node node = Node.open(home, config, Routes.none().add("inbox.test=127.0.0.1:" + smtpPort), false)) {
                node.engine.start();
                Lists lists = new Lists(node.db);
                MailingList news = lists.create("news", null);
                Tokens tokens = new Tokens(node.db, InstallSecret.load(home));
                Subscriptions subs = new Subscriptions(node.db, tokens);
                QueueMailer mailer = new QueueMailer(node.queue, "confirm@homing.test", providers, List.of());
                HomeOptions options = new HomeOptions();
                options.home = home;
                options.noDns = true;
                int port;
                try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                    port = free.getLocalPort();
                }
                // this node's public URL is its own address: links in mail come from it, never from a request's Host
                String base = "http://127.0.0.1:" + port;
                try (PublicPages pages = PublicPages.start("127.0.0.1", port, base, lists, subs, mailer, providers, null,
                        Site.api(node, null, mailer, base)::register)) {
                    assertThat(get(base + "/subscribe/news").body()).contains("name=\"email\"").contains("name=\"website\"")
                            .contains(PublicPagesText.consent("news").replace("\"", "&quot;"));
                    assertThat(get(base + "/subscribe/nope").statusCode()).isEqualTo(404);

                    HttpResponse<String> r = post(base + "/subscribe/news", form("email", "Ann@Inbox.TEST", "name", "Ann", "website", ""));
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).contains("Check your inbox");
                    assertThat(lists.counts(news)).containsEntry(MemberStatus.UNCONFIRMED, 1L);

                    String link = linkFor(log, "Ann@inbox.test");
                    String confirmation = mailWith(log, "Subject: Please confirm your subscription to news").replaceAll("\\s+", " ");
                    assertThat(confirmation).contains("To: <Ann@inbox.test>").contains("Content-Type: multipart/alternative")
                            .contains("reaches your Google Workspace inbox").contains("Report not spam").contains("approved senders")
                            .contains("Steps for other mail services: " + base + "/safelist/google-workspace?from=confirm%40homing.test");
                    assertThat(lists.counts(news)).doesNotContainKey(MemberStatus.CONFIRMED);
                    // opening the link (as a mail gateway's scanner does) confirms nothing: it shows a button
                    HttpResponse<String> opened = get(link);
                    assertThat(opened.statusCode()).isEqualTo(200);
                    assertThat(opened.body()).contains("Confirm my subscription").contains("method=\"post\"");
                    assertThat(lists.counts(news)).doesNotContainKey(MemberStatus.CONFIRMED);
                    HttpResponse<String> confirmed = post(link, "");
                    assertThat(confirmed.statusCode()).isEqualTo(200);
                    assertThat(confirmed.body()).contains("Your subscription is confirmed");
                    // confirming sends the welcome mail, with the same steps and a one-click unsubscribe
                    String welcome = mailWith(log, "Subject: Welcome to news").replaceAll("\\s+", " ");
                    assertThat(welcome).contains("To: <Ann@inbox.test>").contains("your subscription is confirmed")
                            .contains("List-Unsubscribe: <" + base + "/unsubscribe?t=").contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
                            .contains("reaches your Google Workspace inbox").contains("Never send it to Spam");
                    HttpResponse<String> page = get(base + "/safelist/google-workspace?from=confirm%40homing.test");
                    assertThat(page.statusCode()).isEqualTo(200);
                    assertThat(page.body()).contains("Report not spam").contains("confirm@homing.test");
                    assertThat(lists.counts(news)).containsEntry(MemberStatus.CONFIRMED, 1L);
                    List<Subscriptions.Event> record = subs.record("Ann@inbox.test", news.id());
                    assertThat(record).extracting(Subscriptions.Event::event).containsExactly("requested", "confirmed");
                    assertThat(record.get(0).ip()).isEqualTo("127.0.0.1");
                    assertThat(record.get(0).userAgent()).contains("Java-http-client");
                    assertThat(record.get(0).source()).isEqualTo("form /subscribe/news");
                    assertThat(record.get(0).text()).isEqualTo(PublicPagesText.consent("news"));

                    HttpResponse<String> reused = post(link, "");
                    assertThat(reused.statusCode()).isEqualTo(400);
                    assertThat(Files.readString(log).split("Subject: Welcome to news", -1)).as("one welcome only").hasSize(2);
                    assertThat(reused.body()).contains("already used").doesNotContain("Exception");
                    String forged = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
                    assertThat(get(forged).body()).contains("damaged");
                    assertThat(get(base + "/confirm?t=%3Cscript%3E").body()).contains("damaged").doesNotContain("<script>");

                    // a bot fills the hidden field: it is told nothing, and nothing happens
                    assertThat(post(base + "/subscribe/news", form("email", "bot@inbox.test", "website", "http://spam")).body())
                            .contains("Check your inbox");
                    assertThat(subs.record("bot@inbox.test", news.id())).isEmpty();

                    // the API twin of the form needs a key with lists:write; without one nothing happens
                    String path = base + "/api/v1/lists/news/subscribers";
                    HttpResponse<String> anonymous = postJson(path, null, "{\"email\":\"eve@inbox.test\"}");
                    assertThat(anonymous.statusCode()).isEqualTo(401);
                    assertThat(subs.record("eve@inbox.test", news.id())).isEmpty();
                    String key = new ApiKeys(node.db).create("signup widget", EnumSet.of(Scope.LISTS_WRITE)).token();
                    HttpResponse<String> api = postJson(path, key, "{\"email\":\"bob@inbox.test\",\"attributes\":{\"name\":\"Bob\"}}");
                    assertThat(api.statusCode()).as(api.body()).isEqualTo(202);
                    assertThat(api.body()).contains("\"confirmation_sent\":true");
                    // the same confirmation mail as the form's, through the engine; its link confirms
                    String bobLink = linkFor(log, "bob@inbox.test");
                    assertThat(mailWith(log, "To: <bob@inbox.test>")).contains("Subject: Please confirm your subscription to news");
                    assertThat(post(bobLink, "").statusCode()).isEqualTo(200);
                    assertThat(subs.record("bob@inbox.test", news.id())).extracting(Subscriptions.Event::event)
                            .containsExactly("requested", "confirmed");
                    assertThat(subs.record("bob@inbox.test", news.id()).get(0).source()).isEqualTo("API key signup widget ("
                            + new ApiKeys(node.db).all().get(0).prefix() + ")");
                    HttpResponse<String> bad = postJson(path, key, "{\"email\":\"nope\"}");
                    assertThat(bad.statusCode()).isEqualTo(422);
                    assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
                    assertThat(bad.body()).contains("\"field\":\"email\"");

                    // five form requests a minute per client address (Ann, the bot, cy, dan, fay; keyed API calls do not count): the sixth is refused
                    for (String who : List.of("cy", "dan", "fay")) {
                        assertThat(post(base + "/subscribe/news", form("email", who + "@inbox.test")).statusCode()).as(who).isEqualTo(200);
                    }
                    HttpResponse<String> flood = post(base + "/subscribe/news", form("email", "dee@inbox.test"));
                    assertThat(flood.statusCode()).isEqualTo(429);
                    assertThat(subs.record("dee@inbox.test", news.id())).isEmpty();

                    String unsubscribe = base + "/unsubscribe?t=" + URLEncoder.encode(subs.unsubscribeToken("Ann@inbox.test", news.id()), StandardCharsets.UTF_8);
                    assertThat(get(unsubscribe).body()).contains("<form method=\"post\"");
                    HttpResponse<String> oneClick = post(unsubscribe, "List-Unsubscribe=One-Click");
                    assertThat(oneClick.statusCode()).isEqualTo(200);
                    assertThat(oneClick.body()).contains("You are unsubscribed");
                    assertThat(post(unsubscribe, "List-Unsubscribe=One-Click").statusCode()).as("again: harmless").isEqualTo(200);
                    assertThat(lists.counts(news)).containsEntry(MemberStatus.UNSUBSCRIBED, 1L);
                    assertThat(new Suppressions(node.db).list(Suppression.ACTIVE)).anySatisfy(s -> {
                        assertThat(s.emailKey()).isEqualTo("Ann@inbox.test");
                        assertThat(s.listId()).isEqualTo(news.id());
                        assertThat(s.reason()).isEqualTo("unsubscribe");
                    });
                    assertThat(subs.record("Ann@inbox.test", news.id())).extracting(Subscriptions.Event::event)
                            .containsExactly("requested", "confirmed", "unsubscribed");
                    assertThat(subs.record("Ann@inbox.test", news.id()).get(2).source()).isEqualTo("one-click (RFC 8058)");
                    java.io.StringWriter csv = new java.io.StringWriter();
                    assertThat(subs.exportRecord(news, csv)).isEqualTo(8); // Ann x3, bob x2, cy, dan and fay requested
                    assertThat(csv.toString()).startsWith("email,event,at,ip,user_agent,source,text")
                            .contains("Ann@inbox.test,confirmed,").contains("127.0.0.1");
                }
            }
        } finally {
            aio.destroy();
            aio.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("aiosmtpd did not start");
    }

    /** The consent text as the form shows it (HTML-escaped quotes). */
    static final class PublicPagesText {
        static String consent(String list) {
            return "Yes, send me \"" + list + "\" by email. I can unsubscribe at any time with the link in every message.";
        }
    }
}
