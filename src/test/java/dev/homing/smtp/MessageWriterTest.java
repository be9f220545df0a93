package dev.homing.smtp;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The one writer of template-free messages, read back by Angus Mail (Jakarta Mail). */
class MessageWriterTest {
    static MimeMessage parse(byte[] m) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m));
    }

    @Test
    void exactBodiesArriveAsWrittenAndOpenNoTemplateField() throws Exception {
        String text = "Order {{42}} shipped.\n.\n.. dots\nZoë";
        byte[] m = MessageWriter.of("a@example.com", "b@example.org", "Order {{42}} – ✓").text(text).identified(Instant.now()).bytes();
        String wire = new String(m, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(wire).doesNotContain("{{").contains("Content-Transfer-Encoding: base64").contains("\r\nMessage-ID: <")
                .contains("\r\nDate: ");
        MimeMessage p = parse(m);
        assertThat(p.getSubject()).isEqualTo("Order {{42}} – ✓");
        assertThat(((String) p.getContent()).replace("\r\n", "\n")).isEqualTo(text);
    }

    @Test
    void readableBodiesAre8bitUntilALineIsTooLongThenQuotedPrintable() throws Exception {
        String shortWire = MessageWriter.of("a@example.com", "b@example.org", "Hi").text("short line").html("<p>hi</p>")
                .bodies(MessageWriter.Bodies.READABLE).write();
        assertThat(shortWire).contains("Content-Transfer-Encoding: 8bit").contains("multipart/alternative").doesNotContain("Message-ID");
        String longLine = "x".repeat(1500);
        String longWire = MessageWriter.of("a@example.com", "b@example.org", "Hi").text(longLine).html("<p>" + longLine + "</p>")
                .bodies(MessageWriter.Bodies.READABLE).write();
        assertThat(longWire).contains("Content-Transfer-Encoding: quoted-printable");
        for (String line : longWire.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
        Multipart mp = (Multipart) parse(longWire.getBytes(java.nio.charset.StandardCharsets.UTF_8)).getContent();
        assertThat(((String) mp.getBodyPart(0).getContent()).strip()).isEqualTo(longLine);
    }

    @Test
    void aHeaderValueCannotAddAnotherHeader() throws Exception {
        String wire = MessageWriter.of("a@example.com", "b@example.org", "Hi\r\nBcc: victim@example.net").header("List-Unsubscribe",
                "<https://x.example/u>\r\nBcc: victim@example.net").text("t").write();
        MimeMessage p = parse(wire.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(p.getHeader("Bcc")).isNull();
        assertThat(p.getHeader("List-Unsubscribe")[0]).startsWith("<https://x.example/u>");
    }
}
