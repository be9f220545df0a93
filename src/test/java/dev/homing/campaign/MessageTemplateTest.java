package dev.homing.campaign;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTemplateTest {
    @Test
    void fillsFieldsAddsHeadersNormalisesLineEndsAndDotStuffs() {
        MessageTemplate t = MessageTemplate.compile("From: a@x.test\nTo: {{name}} <{{email}}>\nSubject: Hi {{name|there}}\n\n"
                + "Hello {{ name }} from {{city|nowhere}}\r\n.leading dot\n..two dots\nlast line without end");
        String out = new String(t.render(7, "7-abcdefghij", "ada@x.test", Map.of("name", "Ada"), "mta.test").wire(), StandardCharsets.UTF_8);
        // the delivery's signed token: in the header and the Message-ID, where a report quotes them back
        assertThat(out).startsWith("X-Homing-Delivery: 7-abcdefghij\r\nMessage-ID: <7-abcdefghij.");
        assertThat(out).contains("@mta.test>\r\nDate: ");
        assertThat(out).contains("To: Ada <ada@x.test>\r\nSubject: Hi Ada\r\n\r\nHello Ada from nowhere\r\n");
        assertThat(out).contains("\r\n..leading dot\r\n...two dots\r\nlast line without end\r\n");
        assertThat(out.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void keepsTheMessagesOwnMessageIdAndDate() {
        MessageTemplate t = MessageTemplate.compile("Message-ID: <fixed@x>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nbody\n");
        String out = new String(t.render(1, null, "a@b.test", Map.of(), "h").wire(), StandardCharsets.UTF_8);
        assertThat(out).containsOnlyOnce("Message-ID:").containsOnlyOnce("Date:");
    }

    @Test
    void mergeValuesCannotInjectHeaders() {
        MessageTemplate t = MessageTemplate.compile("Subject: {{s}}\n\nBody {{s}}\n");
        String out = new String(t.render(1, null, "a@b.test", Map.of("s", "x\r\nBcc: victim@evil.test"), "h").wire(), StandardCharsets.UTF_8);
        assertThat(out).contains("Subject: x  Bcc: victim@evil.test\r\n");
        String headers = out.substring(0, out.indexOf("\r\n\r\n"));
        assertThat(headers).doesNotContain("\r\nBcc:");
    }

    @Test
    void detectsEightBitContent() {
        assertThat(MessageTemplate.compile("Subject: x\n\nplain\n").render(1, null, "a@b.test", Map.of(), "h").eightBit()).isFalse();
        assertThat(MessageTemplate.compile("Subject: x\n\nHallo {{n}}\n").render(1, null, "a@b.test", Map.of("n", "Jürgen"), "h").eightBit()).isTrue();
    }

    @Test
    void withoutATokenNoIdentifierAReportCouldQuoteIsWritten() {
        String out = new String(MessageTemplate.compile("Subject: x\n\nbody\n").render(12, null, "a@b.test", Map.of(), "h").wire(),
                StandardCharsets.UTF_8);
        assertThat(out).doesNotContain("X-Homing-Delivery").startsWith("Message-ID: <c-x.");
    }

    @Test
    void unclosedFieldNamesItsLine() {
        assertThatThrownBy(() -> MessageTemplate.compile("Subject: x\n\nline two\nHello {{name\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 4");
    }
}
