package dev.homing.campaign;

import dev.homing.delivery.Copy;
import com.fasterxml.jackson.databind.JsonNode;
import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;
import dev.homing.list.InstallSecret;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A campaign rendered for one subscriber, checked by parsers and verifiers that are not ours. */
class CampaignMessageTest {
    @TempDir
    static Path home;
    static Verp verp;
    static DkimKey rsa;
    static DkimKey ed;
    static final Set<String> KNOWN = Set.of("email", "first_name", "city", "unsubscribe_url", "unsubscribe_mailto", "list_name", "note");

    @BeforeAll
    static void keys() {
        verp = new Verp(InstallSecret.load(home), "bounces.example.test");
        rsa = DkimKey.generate("news.example.test", "s1", DkimAlgorithm.RSA_SHA256, 2048);
        ed = DkimKey.generate("news.example.test", "s2", DkimAlgorithm.ED25519_SHA256, 0);
    }

    static Campaign campaign(String subject, String html, String text) {
        return new Campaign(7, "spring", 3, "news@news.example.test", "Zoë’s Café, Ltd.", "help@news.example.test", subject, html, text,
                null, CampaignState.DRAFT, null, Instant.now(), null);
    }

    static Map<String, Object> vars(String firstName) {
        Map<String, Object> v = new HashMap<>();
        if (firstName != null) {
            v.put("first_name", firstName);
        }
        v.put("unsubscribe_url", "https://mail.example.test/unsubscribe?t=abc.def");
        v.put("unsubscribe_mailto", "unsubscribe-xyz@bounces.example.test");
        return v;
    }

    static final String HTML = """
            <html><body>
            <h1>Hello {{first_name|friend}}!</h1>
            <p>Spring news from {{city|your town}}. Prices start at 10&nbsp;€.</p>
            <ul><li>First thing</li><li>Second thing</li></ul>
            <p>Read <a href="https://news.example.test/spring">the whole story</a>.</p>
            <p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>
            </body></html>
            """;

    @Test
    void multipartAlternativeParsedByPythonWithDecodedHeadersAndBothPartsSigned() throws Exception {
        CampaignMessage m = new CampaignMessage(campaign("Grüße aus dem Frühling, {{first_name|friend}} 🌷", HTML, null), "Spring list",
                KNOWN, List.of(rsa, ed), DkimSigner.relaxed(), verp, null);
        byte[] message = m.message(42, "ann@example.org", vars("Ann <b>&"), Instant.now());
        JsonNode j = PythonCheck.mime(message);
        assertThat(j.get("subject").asText()).isEqualTo("Grüße aus dem Frühling, Ann <b>& 🌷");
        assertThat(j.get("from_name").asText()).isEqualTo("Zoë’s Café, Ltd.");
        assertThat(j.get("defects")).isEmpty();
        assertThat(j.get("bare_lf").asBoolean()).isFalse();
        assertThat(j.get("longest_line").asInt()).isLessThanOrEqualTo(78);
        assertThat(j.get("mime_version").asText()).isEqualTo("1.0");
        assertThat(j.get("list_unsubscribe").asText())
                .isEqualTo("<https://mail.example.test/unsubscribe?t=abc.def>, <mailto:unsubscribe-xyz@bounces.example.test?subject=unsubscribe>");
        assertThat(j.get("list_unsubscribe_post").asText()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(j.get("feedback_id").asText()).isEqualTo("c7:l3:news.example.test:homing");
        // the delivery's signed token (id36-mac) leads the Message-ID, where a report quotes it back
        assertThat(j.get("message_id").asText()).matches("<[0-9a-z]+-[a-z2-7]{10}\\.[0-9a-z]+@news\\.example\\.test>");
        JsonNode parts = j.get("parts");
        assertThat(parts.get(0).get("type").asText()).isEqualTo("multipart/alternative");
        JsonNode text = parts.get(1);
        JsonNode html = parts.get(2);
        assertThat(text.get("type").asText()).isEqualTo("text/plain");
        assertThat(html.get("type").asText()).isEqualTo("text/html");
        assertThat(text.get("charset").asText()).isEqualTo("utf-8");
        assertThat(text.get("defects")).isEmpty();
        // the text part, made from the HTML: headings and paragraphs apart, list items, links as text (url)
        assertThat(text.get("text").asText())
                .contains("Hello Ann <b>&!")
                .contains("Spring news from your town. Prices start at 10 €.")
                .contains("- First thing\n- Second thing")
                .contains("Read the whole story (https://news.example.test/spring).")
                .contains("Unsubscribe (https://mail.example.test/unsubscribe?t=abc.def)");
        // values are escaped in HTML, not in text
        assertThat(html.get("text").asText()).contains("Hello Ann &lt;b&gt;&amp;!").contains("href=\"https://mail.example.test/unsubscribe?t=abc.def\"");
        // both signatures (RSA and Ed25519) verified by dkimpy against the records we tell operators to publish
        assertThat(PythonCheck.dkim(message, List.of("s1._domainkey.news.example.test=" + rsa.txtValue(),
                "s2._domainkey.news.example.test=" + ed.txtValue()))).isEqualTo("ok\nok\n");
        // and a wrong key fails: the check can fail
        DkimKey other = DkimKey.generate("news.example.test", "s1", DkimAlgorithm.RSA_SHA256, 2048);
        assertThat(PythonCheck.dkim(message, List.of("s1._domainkey.news.example.test=" + other.txtValue(),
                "s2._domainkey.news.example.test=" + ed.txtValue()))).isEqualTo("fail\nok\n");
    }

    @Test
    void transferEncodingIsChosenPerPart() throws Exception {
        String ascii = "Plain ASCII text, short lines.\n";
        String russian = "Привет! Весенние новости для вас. Это письмо почти целиком на русском языке.\n";
        CampaignMessage m = new CampaignMessage(campaign("Hi", "<p>Caf\u00e9 au lait, a little accent in much ASCII text here.</p>", russian),
                "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null);
        String raw = new String(m.message(1, "a@example.org", vars(null), Instant.now()), StandardCharsets.US_ASCII);
        JsonNode parts = PythonCheck.mime(raw.getBytes(StandardCharsets.US_ASCII)).get("parts");
        assertThat(parts.get(1).get("cte").asText()).isEqualTo("base64");
        assertThat(parts.get(1).get("text").asText()).isEqualTo(russian);
        assertThat(parts.get(2).get("cte").asText()).isEqualTo("quoted-printable");
        assertThat(parts.get(2).get("text").asText()).contains("Café au lait");
        CampaignMessage plain = new CampaignMessage(campaign("Hi", null, ascii), "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null);
        JsonNode single = PythonCheck.mime(plain.message(2, "a@example.org", vars(null), Instant.now()));
        assertThat(single.get("parts")).hasSize(1);
        assertThat(single.get("parts").get(0).get("type").asText()).isEqualTo("text/plain");
        assertThat(single.get("parts").get(0).get("cte").asText()).isEqualTo("7bit");
    }

    @Test
    void longLinesAreWrappedUnder998OctetsAndDotsSurviveTheWire() throws Exception {
        String longWord = "x".repeat(5000);
        CampaignMessage m = new CampaignMessage(campaign("Hi", null, ".\n.hidden line\n" + longWord + "\n"), "l", KNOWN, List.of(),
                DkimSigner.relaxed(), verp, null);
        byte[] message = m.message(5, "a@example.org", vars(null), Instant.now());
        JsonNode j = PythonCheck.mime(message);
        assertThat(j.get("longest_line").asInt()).isLessThanOrEqualTo(78);
        assertThat(j.get("parts").get(0).get("text").asText()).isEqualTo(".\n.hidden line\n" + longWord + "\n");
        Copy copy = m.render(5, "a@example.org", vars(null), "h");
        assertThat(copy.envelopeFrom()).isEqualTo(verp.address(5));
        assertThat(copy.eightBit()).isFalse();
        String wire = new String(copy.wire(), StandardCharsets.US_ASCII);
        assertThat(wire).doesNotContain("\r\n.\r\n"); // nothing the receiver could take for the end of data
    }

    @Test
    void aMissingAttributeGetsItsDefaultOrNothingNeverABrokenMessage() throws Exception {
        CampaignMessage m = new CampaignMessage(campaign("For {{first_name|you}}", null, "Dear {{first_name|reader}}, from {{city}}.\n"),
                "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null);
        JsonNode j = PythonCheck.mime(m.message(9, "a@example.org", vars(null), Instant.now()));
        assertThat(j.get("subject").asText()).isEqualTo("For you");
        assertThat(j.get("parts").get(0).get("text").asText()).isEqualTo("Dear reader, from .\n");
        // a header value cannot start a new header line
        JsonNode evil = PythonCheck.mime(m.message(10, "a@example.org", vars("Eve\r\nBcc: victim@example.org"), Instant.now()));
        assertThat(evil.get("subject").asText()).isEqualTo("For Eve  Bcc: victim@example.org");
    }

    @Test
    void everyCopyHasItsOwnMessageId() {
        CampaignMessage m = new CampaignMessage(campaign("Hi", null, "x\n"), "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null);
        String a = new String(m.message(1, "a@example.org", vars(null), Instant.now()), StandardCharsets.US_ASCII);
        String b = new String(m.message(1, "a@example.org", vars(null), Instant.now()), StandardCharsets.US_ASCII);
        assertThat(messageId(a)).isNotEqualTo(messageId(b));
    }

    private static String messageId(String m) {
        return m.lines().filter(l -> l.startsWith("Message-ID:")).findFirst().orElseThrow();
    }

    @Test
    void templateErrorsNameTheLineAndColumnBeforeAnythingIsSent() {
        assertThatThrownBy(() -> new CampaignMessage(campaign("Hi", "<p>\n  Hello {{frist_name}}</p>", null), "l", KNOWN, List.of(),
                DkimSigner.relaxed(), verp, null))
                .isInstanceOf(TemplateError.class)
                .hasMessageStartingWith("html line 2, column 9: unknown merge field {{frist_name}}")
                .hasMessageContaining("first_name");
        assertThatThrownBy(() -> new CampaignMessage(campaign("Hi {{first_name", null, "x"), "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null))
                .hasMessage("subject line 1, column 4: the tag opened here is never closed with }}");
        assertThatThrownBy(() -> new CampaignMessage(campaign("Hi", null, "a\n{{> secrets}}"), "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null))
                .hasMessageContaining("text line 2, column 1: partials");
        assertThatThrownBy(() -> new CampaignMessage(campaign("Hi", null, "{{#city}}\nin {{city}}\n{{/first_name}}"), "l", KNOWN, List.of(),
                DkimSigner.relaxed(), verp, null))
                .isInstanceOf(TemplateError.class).hasMessageContaining("text").hasMessageContaining("line 3");
        assertThatThrownBy(() -> new CampaignMessage(campaign("Hi", null, null), "l", KNOWN, List.of(), DkimSigner.relaxed(), verp, null))
                .hasMessageContaining("neither an HTML nor a text body");
    }

    @Test
    void sectionsShowOnlyWhenTheSubscriberHasTheField() throws Exception {
        CampaignMessage m = new CampaignMessage(campaign("Hi", null, "Hello{{#city}} from {{city}}{{/city}}{{^city}} there{{/city}}.\n"), "l",
                KNOWN, List.of(), DkimSigner.relaxed(), verp, null);
        Map<String, Object> v = vars(null);
        assertThat(PythonCheck.mime(m.message(1, "a@example.org", v, Instant.now())).get("parts").get(0).get("text").asText())
                .isEqualTo("Hello there.\n");
        v.put("city", "Lyon");
        assertThat(PythonCheck.mime(m.message(1, "a@example.org", v, Instant.now())).get("parts").get(0).get("text").asText())
                .isEqualTo("Hello from Lyon.\n");
    }

    @Test
    void theSafelistFieldInsertsTheStepsForTheRecipientsProviderOnlyWhenUsed() throws Exception {
        Set<String> known = new java.util.HashSet<>(KNOWN);
        known.addAll(CampaignMessage.BUILT_IN);
        dev.homing.provider.SafelistTag tag = new dev.homing.provider.SafelistTag(dev.homing.provider.ProviderDetector.offline(),
                new dev.homing.provider.Sender("news@news.example.test", "news.example.test", List.of()), "https://mail.example.test");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Function<String, String[]> safelist = r -> {
            asked.incrementAndGet();
            return new String[]{tag.text(r), tag.html(r)};
        };
        CampaignMessage m = new CampaignMessage(campaign("Welcome", "<p>Hi</p>{{{safelist_html}}}", "Hi\n\n{{safelist}}\n"), "l", known,
                List.of(), DkimSigner.relaxed(), verp, safelist);
        JsonNode parts = PythonCheck.mime(m.message(1, "ann@gmail.com", vars(null), Instant.now())).get("parts");
        assertThat(parts.get(1).get("text").asText()).contains(tag.text("ann@gmail.com").strip().lines().findFirst().orElseThrow())
                .contains("news@news.example.test");
        assertThat(parts.get(2).get("text").asText()).contains("<li>Add news@news.example.test to your address book or contacts.</li>")
                .contains("href=\"https://mail.example.test/safelist/");
        assertThat(asked).hasValue(1);
        CampaignMessage without = new CampaignMessage(campaign("Welcome", null, "Hi\n"), "l", known, List.of(), DkimSigner.relaxed(), verp, safelist);
        without.message(2, "ann@gmail.com", vars(null), Instant.now());
        assertThat(asked).as("no provider lookup when the template does not show the steps").hasValue(1);
    }

    @Test
    void verpAddressesNameTheDeliveryAndCannotBeForged() {
        String a = verp.address(123456789L);
        assertThat(a).matches("b-[0-9a-z]+-[a-z2-7]{10}@bounces\\.example\\.test");
        assertThat(verp.delivery(a)).hasValue(123456789L);
        assertThat(verp.delivery(a.toUpperCase())).hasValue(123456789L);
        String forged = a.replace("b-" + Long.toString(123456789L, 36), "b-" + Long.toString(123456788L, 36));
        assertThat(verp.delivery(forged)).isEmpty();
        assertThat(verp.delivery(a.replace("bounces.example.test", "elsewhere.test"))).isEmpty();
        assertThat(verp.delivery("someone@bounces.example.test")).isEmpty();
        assertThat(verp.delivery("b--x@bounces.example.test")).isEmpty();
    }
}
