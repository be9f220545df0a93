package dev.homing.list;

import dev.homing.provider.Provider;
import dev.homing.provider.Safelist;
import dev.homing.provider.Sender;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The opt-in mails parsed back by Angus Mail: structure, encodings, line limits, escaping, and the safelist steps. */
class OptInMailTest {
    static final String FROM = "news@shop.example";

    static OptInMail.Parts parts(String listName, Provider provider) {
        return new OptInMail.Parts(FROM, "ann@corp.example", new MailingList(7, listName, null, Instant.now()),
                Safelist.of(provider, Sender.of(FROM)), Safelist.pageUrl("https://lists.shop.example", provider, FROM));
    }

    static MimeMessage parse(String content) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** text/plain and text/html of a multipart/alternative, decoded. */
    static String[] bodies(MimeMessage m) throws Exception {
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart mp = (Multipart) m.getContent();
        assertThat(mp.getCount()).isEqualTo(2);
        Part text = mp.getBodyPart(0);
        Part html = mp.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=utf-8");
        assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        return new String[]{(String) text.getContent(), (String) html.getContent()};
    }

    static void assertWireSafe(String content) {
        assertThat(content.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (String line : content.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(998);
        }
        assertThat(content).doesNotContain("{{");
    }

    @Test
    void confirmationCarriesTheLinkAndTheProvidersSteps() throws Exception {
        String content = OptInMail.confirmation(parts("news", Provider.MIMECAST), "https://lists.shop.example/confirm?t=abc");
        assertWireSafe(content);
        MimeMessage m = parse(content);
        assertThat(m.getSubject()).isEqualTo("Please confirm your subscription to news");
        assertThat(m.getHeader("From")[0]).isEqualTo("<news@shop.example>");
        assertThat(m.getHeader("List-Unsubscribe")).isNull();
        String[] b = bodies(m);
        String text = b[0].replaceAll("\\s+", " ");
        assertThat(text).contains("https://lists.shop.example/confirm?t=abc")
                .contains("Your company's mail filter (Mimecast)").contains("From address: news@shop.example")
                .contains("Sending domain (DKIM d=): shop.example")
                .contains("Steps for other mail services: https://lists.shop.example/safelist/mimecast?from=news%40shop.example");
        assertThat(b[1]).contains("<a href=\"https://lists.shop.example/confirm?t=abc\">")
                .contains("<div class=\"safelist\">").contains("Mimecast")
                .contains("<a href=\"https://lists.shop.example/safelist/mimecast?from=news%40shop.example\">");
    }

    @Test
    void welcomeCarriesTheStepsAndOneClickUnsubscribe() throws Exception {
        String unsubscribe = "https://lists.shop.example/unsubscribe?t=xyz";
        String content = OptInMail.welcome(parts("news", Provider.GMAIL), unsubscribe);
        assertWireSafe(content);
        MimeMessage m = parse(content);
        assertThat(m.getSubject()).isEqualTo("Welcome to news");
        assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<" + unsubscribe + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        String[] b = bodies(m);
        assertThat(b[0].replaceAll("\\s+", " ")).contains("your subscription is confirmed").contains("Report not spam")
                .contains("Never send it to Spam").contains(unsubscribe);
        assertThat(b[1]).contains("Report not spam").contains("<a href=\"" + unsubscribe + "\">");
    }

    @Test
    void hostileAndHugeListNamesStayValid() throws Exception {
        String name = "Ünïcode <b>bold</b> {{email}} \"news\"\r\nBcc: victim@example.com";
        String content = OptInMail.welcome(parts(name, Provider.YANDEX), "https://lists.shop.example/unsubscribe?t=1");
        assertWireSafe(content);
        MimeMessage m = parse(content);
        assertThat(m.getHeader("Bcc")).as("no header injection").isNull();
        assertThat(m.getSubject()).startsWith("Welcome to Ünïcode <b>bold</b> { {email}}");
        assertThat(content).contains("Subject: =?");
        String[] b = bodies(m);
        assertThat(b[0]).contains("Не спам").contains("Ünïcode <b>bold</b>");
        assertThat(b[1]).doesNotContain("<b>bold</b>").contains("Ünïcode &lt;b&gt;bold&lt;/b&gt;").contains("Не спам");

        String huge = "x".repeat(1500);
        String big = OptInMail.confirmation(parts(huge, Provider.OTHER), "https://lists.shop.example/confirm?t=2");
        assertWireSafe(big);
        assertThat(big).contains("Content-Transfer-Encoding: quoted-printable");
        String[] bb = bodies(parse(big));
        assertThat(bb[0]).contains("\"" + huge + "\"").contains("https://lists.shop.example/confirm?t=2");
        assertThat(bb[1]).contains(huge);
        assertThat(parse(big).getSubject()).isEqualTo("Please confirm your subscription to " + "x".repeat(120) + "…");
    }
}
