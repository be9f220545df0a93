package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.node.QueueMailer;
import dev.homing.delivery.Routes;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.list.Tokens;
import dev.homing.provider.ProviderDetector;
import dev.homing.web.PublicPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public subscribe form cannot be turned against anybody: links in the confirmation mail come from the configured
 * address whatever Host header a request carries (sent by curl), and confirmation mails are limited: one per address per
 * interval, none to a suppressed or unsubscribed address, a ceiling per hour; the form answers the same every time, so
 * it does not tell who is on a list. Mail captured by Python's aiosmtpd.
 */
class PublicFormTrustTest {
    @TempDir
    Path home;

    @Test
    void linksComeFromTheConfiguredAddressAndConfirmationMailsAreLimited() throws Exception {
        int smtpPort;
        try (ServerSocket s = new ServerSocket(0)) {
            smtpPort = s.getLocalPort();
        }
        Path log = home.resolve("aiosmtpd.log");
        Process aio = new ProcessBuilder("/usr/bin/python3", "-u", "-m", "aiosmtpd", "-n", "-c", "aiosmtpd.handlers.Debugging",
                "-l", "127.0.0.1:" + smtpPort).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            waitForPort(smtpPort);
            Properties p = new Properties();
            p.setProperty("retry.delays", "1s");
            try (Node node = Node.open(home, Config.from(p), Routes.none().add("inbox.test=127.0.0.1:" + smtpPort), false)) {
                node.engine.start();
                Lists lists = new Lists(node.db);
                MailingList news = lists.create("news", null);
                Subscriptions subs = new Subscriptions(node.db, new Tokens(node.db, InstallSecret.load(home)),
                        new Subscriptions.ConfirmationLimits(Duration.ofHours(24), 2));
                QueueMailer mailer = new QueueMailer(node.queue, "confirm@homing.test", ProviderDetector.offline(), List.of());
                new Suppressions(node.db).put("gone@inbox.test", 0, "userunknown", Suppression.ACTIVE, "test: a dead address");
                try (PublicPages pages = PublicPages.start("127.0.0.1", 0, "https://lists.homing.test", lists, subs, mailer,
                        ProviderDetector.offline())) {
                    String form = "http://127.0.0.1:" + pages.port() + "/subscribe/news";

                    // the attacker's Host header does not become the link the victim is mailed
                    assertThat(curl(form, "evil.example", "ann@inbox.test")).contains("Check your inbox");
                    String link = OptInTest.linkFor(log, "ann@inbox.test");
                    assertThat(link).startsWith("https://lists.homing.test/confirm?t=");
                    assertThat(Files.readString(log)).doesNotContain("evil.example");

                    // the same address again, at once: the same answer, no second mail
                    assertThat(curl(form, null, "ann@inbox.test")).contains("Check your inbox");
                    // a suppressed address: the same answer, no mail
                    assertThat(curl(form, null, "gone@inbox.test")).contains("Check your inbox");
                    // two more addresses: with a ceiling of two an hour, bob gets the second confirmation mail and cy none
                    assertThat(curl(form, null, "bob@inbox.test")).contains("Check your inbox");
                    assertThat(curl(form, null, "cy@inbox.test")).contains("Check your inbox");
                    OptInTest.linkFor(log, "bob@inbox.test");
                    Thread.sleep(1500); // time for a mail that should not come
                    String mail = Files.readString(log);
                    assertThat(count(mail, "To: <ann@inbox.test>")).as("one confirmation per address per interval").isEqualTo(1);
                    assertThat(mail).doesNotContain("To: <gone@inbox.test>").as("none past the hourly ceiling").doesNotContain("To: <cy@inbox.test>");
                    assertThat(subs.record("ann@inbox.test", news.id())).extracting(Subscriptions.Event::event).containsExactly("requested", "held");
                    assertThat(subs.record("gone@inbox.test", news.id())).extracting(Subscriptions.Event::event).containsExactly("held");
                    assertThat(subs.record("cy@inbox.test", news.id())).extracting(Subscriptions.Event::event).containsExactly("held");
                }
            }
        } finally {
            aio.destroy();
            aio.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theFormTakesANameNotAPayload() throws Exception {
        try (Node node = Node.open(home, Config.from(new Properties()), Routes.none(), false)) {
            Lists lists = new Lists(node.db);
            MailingList news = lists.create("news", null);
            Subscriptions subs = new Subscriptions(node.db, new Tokens(node.db, InstallSecret.load(home)));
            QueueMailer mailer = new QueueMailer(node.queue, "confirm@homing.test", ProviderDetector.offline(), List.of());
            try (PublicPages pages = PublicPages.start("127.0.0.1", 0, "https://lists.homing.test", lists, subs, mailer,
                    ProviderDetector.offline())) {
                String form = "http://127.0.0.1:" + pages.port() + "/subscribe/news";
                java.net.http.HttpResponse<String> huge = OptInTest.post(form, OptInTest.form("email", "eve@inbox.test", "name", "x".repeat(900_000)));
                assertThat(huge.statusCode()).isEqualTo(422);
                assertThat(huge.body()).contains("under 200 characters");
                assertThat(subs.record("eve@inbox.test", news.id())).isEmpty();
                // a bidi override and control characters are taken out of what is kept
                java.net.http.HttpResponse<String> ok = OptInTest.post(form, OptInTest.form("email", "eve@inbox.test",
                        "name", "Eve\u202E\u0000\u0007 Adams\u2066"));
                assertThat(ok.statusCode()).isEqualTo(200);
                java.io.StringWriter csv = new java.io.StringWriter();
                lists.export(news, csv);
                assertThat(csv.toString()).contains("eve@inbox.test").contains(",Eve Adams").doesNotContain("\u202E").doesNotContain("\u0007");
            }
        }
    }

    @Test
    void anUnsubscribedAddressIsNotMailedAgainByTheForm() throws Exception {
        try (Node node = Node.open(home, Config.from(new Properties()), Routes.none(), false)) {
            Lists lists = new Lists(node.db);
            MailingList news = lists.create("news", null);
            Subscriptions subs = new Subscriptions(node.db, new Tokens(node.db, InstallSecret.load(home)));
            dev.homing.list.Consent c = new dev.homing.list.Consent("127.0.0.1", "test", "form", null);
            assertThat(subs.subscribe(news, "dee@inbox.test", java.util.Map.of(), c)).isInstanceOf(Subscriptions.NeedsConfirmation.class);
            subs.unsubscribeMember("dee@inbox.test", news.id(), c);
            assertThat(subs.subscribe(news, "dee@inbox.test", java.util.Map.of(), c)).isInstanceOfSatisfying(Subscriptions.Held.class,
                    h -> assertThat(h.why()).contains("unsubscribed"));
        }
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    /** The form posted by curl, with this Host header when given. */
    private static String curl(String url, String host, String email) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-X", "POST", "--data-urlencode", "email=" + email));
        if (host != null) {
            cmd.addAll(List.of("-H", "Host: " + host));
        }
        cmd.add(url);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static void waitForPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listens on " + port);
    }
}
