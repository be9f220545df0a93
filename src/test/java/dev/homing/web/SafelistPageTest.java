package dev.homing.web;

import dev.homing.list.ConfirmationMailer;

import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.provider.ProviderDetector;
import dev.homing.store.Database;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The safelist page over real HTTP, with the subscriber's provider found through a real DNS server on loopback. */
class SafelistPageTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;
    Database db;
    FakeDns dns;
    PublicPages pages;
    String base;

    /** The page never mails anyone. */
    static final class NoMail implements ConfirmationMailer {
        @Override
        public void send(MailingList list, String address, String confirmUrl, String pagesUrl) {
            throw new AssertionError("no mail expected");
        }

        @Override
        public void welcome(MailingList list, String address, String unsubscribeUrl, String pagesUrl) {
            throw new AssertionError("no mail expected");
        }
    }

    @BeforeEach
    void start() throws Exception {
        db = Database.embedded(home);
        dns = new FakeDns().add("corp.example. 300 IN MX 10 mx0a-00123401.pphosted.com.")
                .add("gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.");
        pages = PublicPages.start("127.0.0.1", 0, null, new Lists(db),
                new Subscriptions(db, new Tokens(db, InstallSecret.load(home))), new NoMail(),
                new ProviderDetector(dns.resolver(), Duration.ofSeconds(2)));
        base = "http://127.0.0.1:" + pages.port();
    }

    @AfterEach
    void stop() {
        pages.close();
        dns.close();
        db.close();
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void chosenProviderWithEveryOtherToPickFrom() throws Exception {
        HttpResponse<String> r = get(base + "/safelist/outlook-com?from=" + q("news@shop.example"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(r.body()).contains("Safe senders and domains").contains("news@shop.example")
                .contains("href=\"/safelist/gmail?from=news%40shop.example\"")
                .contains("href=\"/safelist/mimecast?from=news%40shop.example\"").contains("Mimecast (company mail filter)")
                .contains("href=\"/safelist/yandex?from=news%40shop.example\"");
    }

    @Test
    void providerDetectedFromTheSubscribersAddress() throws Exception {
        String corp = get(base + "/safelist?from=" + q("news@shop.example") + "&email=" + q("bo@corp.example")).body();
        assertThat(corp).contains("Your mail service: <strong>Proofpoint</strong>").contains("mail administrator")
                .contains("Sending domain (DKIM d=): shop.example").contains("value=\"bo@corp.example\"");
        assertThat(get(base + "/safelist?from=" + q("news@shop.example") + "&email=" + q("ann@gmail.com")).body())
                .contains("Your mail service: <strong>Gmail</strong>").contains("Report not spam");
        String generic = get(base + "/safelist?from=" + q("news@shop.example")).body();
        assertThat(generic).doesNotContain("Your mail service").contains("address book").contains("name=\"email\"");
    }

    @Test
    void hostileValuesAreEscaped() throws Exception {
        // a quoted local part makes this a valid address: it is shown, escaped
        String script = "\"<script>alert(1)</script>\"@evil.example";
        HttpResponse<String> r = get(base + "/safelist/gmail?from=" + q(script));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("<script>").contains("&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;@evil.example")
                .contains("href=\"/safelist/icloud?from=%22%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%40evil.example\"");

        HttpResponse<String> bad = get(base + "/safelist?from=" + q("<img src=x onerror=alert(1)>"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)&gt;").contains("not an email address");

        String email = get(base + "/safelist?from=" + q("news@shop.example") + "&email=" + q("\"><script>x</script>")).body();
        assertThat(email).doesNotContain("<script>").contains("value=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
    }

    @Test
    void missingSenderAndUnknownProviderArePlainPages() throws Exception {
        HttpResponse<String> none = get(base + "/safelist");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("Which sender?");
        HttpResponse<String> unknown = get(base + "/safelist/hotmale?from=" + q("news@shop.example"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("href=\"/safelist/outlook-com?from=news%40shop.example\"");
    }
}
