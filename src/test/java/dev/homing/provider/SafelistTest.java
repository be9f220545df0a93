package dev.homing.provider;

import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps for every provider name the sender; gateways send the reader to their administrator with what to ask. */
class SafelistTest {
    static final Sender SENDER = new Sender("news@shop.example", "mail.shop.example", List.of("192.0.2.10", "2001:db8::10"));

    /** The text with its wrapping undone. */
    static String flat(Provider p) {
        return Safelist.of(p, SENDER).text().replaceAll("\\s+", " ");
    }

    @Test
    void everyProviderNamesTheFromAddressInTextAndHtml() {
        for (Provider p : Provider.values()) {
            Instructions i = Safelist.of(p, SENDER);
            assertThat(i.provider()).isEqualTo(p);
            assertThat(i.text()).as(p.name()).contains("news@shop.example");
            assertThat(i.html()).as(p.name()).contains("news@shop.example").startsWith("<div class=\"safelist\">");
            assertThat(i.heading()).contains("news@shop.example");
            if (p != Provider.OTHER) {
                assertThat(i.heading()).as(p.name()).contains(p.displayName());
            }
            // wrapped for text mail: nothing but a long word passes 72 columns
            assertThat(i.text().lines()).as(p.name()).allSatisfy(l -> assertThat(l.length() <= 72 || !l.strip().contains(" ")).isTrue());
            assertThat(i.text()).doesNotContain("\r").endsWith("\n");
        }
    }

    @Test
    void providersGetTheirOwnSteps() {
        assertThat(flat(Provider.GMAIL)).contains("Add to contacts").contains("Report not spam")
                .contains("Promotions").contains("Never send it to Spam");
        assertThat(flat(Provider.GOOGLE_WORKSPACE)).contains("Report not spam").contains("administrator")
                .contains("mail.shop.example");
        assertThat(flat(Provider.OUTLOOK_COM)).contains("Safe senders and domains").contains("Not junk")
                .doesNotContain("Tenant");
        assertThat(flat(Provider.MICROSOFT_365)).contains("Safe senders and domains").contains("quarantine")
                .contains("Tenant Allow/Block List");
        assertThat(flat(Provider.YAHOO)).contains("Not spam").contains("Settings > More settings > Filters");
        assertThat(flat(Provider.AOL)).contains("Not spam").contains("Options > Mail settings");
        assertThat(flat(Provider.ICLOUD)).contains("Add to Contacts").contains("Not Junk");
        assertThat(flat(Provider.ZOHO)).contains("Anti-spam > Allowlist");
        assertThat(flat(Provider.GMX)).contains("(Einstellungen)").contains("Spamverdacht").contains("Kein Spam");
        assertThat(flat(Provider.WEB_DE)).contains("Unerwünscht").contains("Adressbuch");
        assertThat(flat(Provider.YANDEX)).contains("Не спам").contains("Белый список");
        assertThat(flat(Provider.MAIL_RU)).contains("Не спам").contains("Правила фильтрации");
        assertThat(flat(Provider.OTHER)).contains("address book").contains("spam or junk folder");
    }

    @Test
    void gatewaysSayWhatToAskTheAdministratorForAndWhatToGiveThem() {
        for (Provider p : Provider.values()) {
            if (p.kind() != Kind.CORPORATE_GATEWAY) {
                continue;
            }
            String text = Safelist.of(p, SENDER).text().replaceAll("\\s+", " ");
            assertThat(text).as(p.name()).contains(p.displayName()).contains("mail administrator").contains("within days")
                    .contains("quarantine").contains("release").contains("allow the sender")
                    .contains("From address: news@shop.example")
                    .contains("Sending domain (DKIM d=): mail.shop.example")
                    .contains("Sending IP addresses: 192.0.2.10, 2001:db8::10");
        }
        assertThat(Safelist.of(Provider.MIMECAST, SENDER).text()).contains("Permitted Senders");
        assertThat(Safelist.of(Provider.PROOFPOINT, SENDER).text()).contains("Safe Senders");
        // no IPs configured: no empty line about them; the signing domain defaults to the From domain
        String plain = Safelist.of(Provider.CISCO, Sender.of("News@Shop.Example")).text();
        assertThat(plain).doesNotContain("IP addresses:").contains("Sending domain (DKIM d=): shop.example");
        assertThat(Safelist.of(Provider.GMAIL, SENDER).text()).doesNotContain("administrator");
    }

    @Test
    void htmlEscapesTheAddress() {
        Sender hostile = Sender.of("\"<script>alert('x')</script>&\"@evil.example");
        for (Provider p : Provider.values()) {
            String html = Safelist.of(p, hostile).html();
            assertThat(html).as(p.name()).doesNotContain("<script>").doesNotContain("alert('x')")
                    .contains("&quot;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;@evil.example");
        }
        assertThat(Safelist.of(Provider.OUTLOOK_COM, SENDER).html()).contains("Settings (the gear) &gt; Mail &gt; Junk email");
    }

    @Test
    void theTagDetectsEachRecipientsProviderAndLinksThePage() throws Exception {
        try (FakeDns dns = new FakeDns()
                .add("gmail.com. 3600 IN MX 5 gmail-smtp-in.l.google.com.")
                .add("corp.example. 300 IN MX 10 mx1.hc1234-56.iphmx.com.")) {
            SafelistTag tag = new SafelistTag(new ProviderDetector(dns.resolver(), Duration.ofSeconds(2)), SENDER, "https://lists.shop.example/");
            assertThat(tag.text("ann@gmail.com")).contains("Report not spam")
                    .contains("Steps for other mail services: https://lists.shop.example/safelist/gmail?from=news%40shop.example");
            assertThat(tag.text("bo@corp.example")).contains("Cisco Secure Email").contains("mail administrator");
            assertThat(tag.html("bo@corp.example")).contains("<a href=\"https://lists.shop.example/safelist/cisco?from=news%40shop.example\">");
            assertThat(tag.text("cy@nowhere.example")).contains("address book").contains("/safelist/other?from=");
            assertThat(tag.forRecipient("ann@gmail.com")).isSameAs(tag.forRecipient("dee@gmail.com"));
            assertThat(new SafelistTag(ProviderDetector.offline(), SENDER, null).text("ann@gmail.com"))
                    .doesNotContain("http").contains("address book");
        }
    }
}
