package dev.homing.smtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyReaderTest {

    private static ReplyReader reader(String wire) {
        return new ReplyReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsMultiLineReplyWithEnhancedCode() throws Exception {
        Reply r = reader("550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
                + "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
                + "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser\r\n").read();
        assertThat(r.code()).isEqualTo(550);
        assertThat(r.enhanced()).isEqualTo(new EnhancedStatus(5, 1, 1));
        assertThat(r.lines()).hasSize(3);
        assertThat(r.text()).contains("does not exist").contains("NoSuchUser");
    }

    @Test
    void keepsEhloKeywordsAndTakesNoEnhancedCodeFromThem() throws Exception {
        Reply r = reader("250-mx.example.com Hello\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n").read();
        assertThat(r.code()).isEqualTo(250);
        assertThat(r.enhanced()).isNull();
        assertThat(r.lines()).containsExactly("mx.example.com Hello", "PIPELINING", "SIZE 10240000", "8BITMIME");
    }

    @Test
    void readsConsecutiveRepliesAndBareCodes() throws Exception {
        ReplyReader rr = reader("250 2.1.0 Ok\r\n354\r\n250 2.0.0 queued as ABC\n");
        assertThat(rr.read().code()).isEqualTo(250);
        Reply data = rr.read();
        assertThat(data.code()).isEqualTo(354);
        assertThat(data.lines()).containsExactly("");
        assertThat(rr.read().enhanced()).hasToString("2.0.0");
    }

    @Test
    void enhancedCodeOfAnotherClassIsIgnored() throws Exception {
        Reply r = reader("250 5.1.1 odd but seen\r\n").read();
        assertThat(r.enhanced()).isNull();
    }

    @Test
    void garbageIsAProtocolError() {
        assertThatThrownBy(() -> reader("HELLO THERE I AM NOT SMTP\r\n").read())
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.code()).isEqualTo(InternalCode.PROTOCOL_ERROR);
                    assertThat(e.getMessage()).contains("HELLO THERE");
                });
        assertThatThrownBy(() -> reader("250-first\r\n251 changed code\r\n").read())
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(InternalCode.PROTOCOL_ERROR));
        assertThatThrownBy(() -> reader("099 too low\r\n").read())
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(InternalCode.PROTOCOL_ERROR));
    }

    @Test
    void hangUpMidReplyIsConnectionLost() {
        assertThatThrownBy(() -> reader("250-first line\r\n").read())
                .isInstanceOfSatisfying(ReplyException.class, e -> {
                    assertThat(e.code()).isEqualTo(InternalCode.CONNECTION_LOST);
                    assertThat(e.getMessage()).contains("middle of a reply");
                });
        assertThatThrownBy(() -> reader("").read())
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(InternalCode.CONNECTION_LOST));
    }

    @Test
    void threeMegabyteLineIsRejectedWithoutReadingItAll() {
        byte[] huge = ("250 " + "x".repeat(3 * 1024 * 1024) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream in = new ByteArrayInputStream(huge);
        assertThatThrownBy(() -> new ReplyReader(in).read())
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(InternalCode.REPLY_TOO_LONG));
        assertThat(in.available()).isGreaterThan(3 * 1024 * 1024 - ReplyReader.MAX_LINE - 10);
    }

    @Test
    void endlessMultiLineReplyIsCut() {
        InputStream endless = new InputStream() {
            private final byte[] line = "250-still going\r\n".getBytes(StandardCharsets.US_ASCII);
            private long pos;

            @Override
            public int read() {
                return line[(int) (pos++ % line.length)];
            }
        };
        assertThatThrownBy(() -> new ReplyReader(endless).read())
                .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(InternalCode.REPLY_TOO_LONG));
    }

    @Test
    void enhancedStatusParsing() {
        assertThat(EnhancedStatus.parse("5.7.26")).contains(new EnhancedStatus(5, 7, 26));
        assertThat(EnhancedStatus.parse("3.1.1")).isEmpty();
        assertThat(EnhancedStatus.leading("4.2.2 mailbox full")).contains(new EnhancedStatus(4, 2, 2));
        assertThat(EnhancedStatus.leading("mailbox 4.2.2")).isEmpty();
        assertThat(EnhancedStatus.find("Diagnostic: smtp; 550 5.1.1 <a@b> user unknown")).contains(new EnhancedStatus(5, 1, 1));
        assertThat(EnhancedStatus.find("version 1.2.3.4 only")).isEmpty();
    }

    @Test
    void internalCodesAreDistinctAndInTheOneHundreds() {
        assertThat(InternalCode.CONNECT_TIMEOUT.code()).isEqualTo(160);
        assertThat(InternalCode.DIALOG_TIMEOUT.code()).isEqualTo(146);
        assertThat(InternalCode.DOT_TIMEOUT.code()).isEqualTo(147);
        assertThat(InternalCode.DOT_TIMEOUT.uncertain()).isTrue();
        assertThat(InternalCode.DIALOG_TIMEOUT.uncertain()).isFalse();
        assertThat(java.util.Arrays.stream(InternalCode.values()).map(InternalCode::code).distinct().count())
                .isEqualTo(InternalCode.values().length);
        for (InternalCode c : InternalCode.values()) {
            assertThat(c.code()).isBetween(100, 199);
            assertThat(InternalCode.of(c.code())).contains(c);
            Reply r = c.asReply("detail");
            assertThat(r.code()).isEqualTo(c.code());
            assertThat(r.text()).contains(c.description()).contains("detail");
        }
    }
}
