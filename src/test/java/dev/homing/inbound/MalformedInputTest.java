package dev.homing.inbound;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input never throws: it is a bounce when something can still be read, else not a bounce or unparsed with a reason. */
class MalformedInputTest {

    private static final String DSN_HEAD = """
            From: MAILER-DAEMON@mx.example.net
            To: b-1z-abc@bounce.example.com
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            <ann@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 no such user (in reply to RCPT TO command)

            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; ann@example.org
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 no such user
            """;

    static Analysis classify(String s) {
        return Classifier.classify(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCompleteDsnIsABounceWithTheJudgesReason() {
        Analysis a = classify(DSN_HEAD + "\n--B\nContent-Type: message/rfc822\n\nMessage-ID: <m1@example.com>\nX-Homing-Delivery: 42\n"
                + "Return-Path: <b-16-mac@bounce.example.com>\n\nhi\n--B--\n");
        assertThat(a).isInstanceOf(Bounce.class);
        Bounce b = (Bounce) a;
        BouncedRecipient r = b.recipients().getFirst();
        assertThat(r.address()).isEqualTo("ann@example.org");
        assertThat(r.status()).isEqualTo("5.1.1");
        assertThat(r.replyCode()).isEqualTo(550);
        assertThat(r.reason().label()).isEqualTo("userunknown");
        assertThat(r.hard()).isTrue();
        assertThat(b.original()).isEqualTo(new Original("m1@example.com", "42", "b-16-mac@bounce.example.com"));
    }

    @Test
    void aTruncatedMultipartStillGivesWhatItHolds() {
        // cut inside the delivery-status part: no closing boundary
        Analysis a = classify(DSN_HEAD.substring(0, DSN_HEAD.indexOf("Diagnostic-Code")));
        assertThat(a).isInstanceOf(Bounce.class);
        assertThat(((Bounce) a).recipients().getFirst().address()).isEqualTo("ann@example.org");
    }

    @Test
    void aReportCutBeforeAnyRecipientIsUnparsedWithItsReason() {
        Analysis a = classify(DSN_HEAD.substring(0, DSN_HEAD.indexOf("--B\nContent-Type: text/plain") + 4));
        assertThat(a).isInstanceOf(Unparsed.class);
        assertThat(((Unparsed) a).reason()).contains("truncated");
    }

    @Test
    void anUnknownCharsetIsReadAnywayOrReportedUnparsed() {
        String known = DSN_HEAD.replace("Content-Type: text/plain", "Content-Type: text/plain; charset=x-no-such-charset");
        assertThat(classify(known)).isInstanceOf(Bounce.class);
        Analysis a = classify("From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail\nContent-Type: text/plain; charset=x-klingon\n\n"
                + "Something went wrong, sorry.\n");
        assertThat(a).isInstanceOf(Unparsed.class);
        assertThat(((Unparsed) a).reason()).contains("x-klingon");
    }

    @Test
    void aWrongCharsetDoesNotThrow() {
        byte[] latin1 = ("From: MAILER-DAEMON@mx.example.net\nSubject: failure notice\nContent-Type: text/plain; charset=utf-8\n\n"
                + "<b\u00e9a@example.org>:\nSorry, no mailbox here by that name. (#5.1.1)\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Classifier.classify(latin1)).isNotNull();
    }

    @Test
    void garbageBytesAreNeverAnException() {
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[random.nextInt(4000)];
            random.nextBytes(junk);
            assertThat(Classifier.classify(junk)).isNotNull();
        }
        assertThat(Classifier.classify(new byte[0])).isInstanceOf(Unparsed.class);
        assertThat(Classifier.classify(null)).isInstanceOf(Unparsed.class);
        // every prefix of a real report
        byte[] dsn = DSN_HEAD.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n < dsn.length; n += 7) {
            assertThat(Classifier.classify(Arrays.copyOf(dsn, n))).isNotNull();
        }
    }

    @Test
    void aFiftyMegabyteAttachmentIsNeitherReadWholeNorSlow() {
        StringBuilder head = new StringBuilder("""
                From: Ann <ann@example.org>
                To: list@example.com
                Subject: the photos
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="X"

                --X
                Content-Type: text/plain

                Here they are.
                --X
                Content-Type: application/octet-stream
                Content-Transfer-Encoding: base64

                """);
        byte[] start = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] end = "\n--X--\n".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[start.length + 50 * 1024 * 1024 + end.length];
        System.arraycopy(start, 0, raw, 0, start.length);
        byte[] line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = start.length; i < raw.length - end.length; i++) {
            raw[i] = line[(i - start.length) % line.length];
        }
        System.arraycopy(end, 0, raw, raw.length - end.length, end.length);
        long t0 = System.nanoTime();
        Analysis a = Classifier.classify(raw);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(a).isInstanceOf(NotBounce.class);
        assertThat(ms).as("milliseconds").isLessThan(2000);
    }

    @Test
    void anAutoReplyIsNeverABounce() {
        Analysis a = classify("From: Bob <bob@example.org>\nTo: b-1z-abc@bounce.example.com\nSubject: Abwesenheitsnotiz: Ihr Angebot\n\n"
                + "Ich bin bis Montag nicht im Büro.\n");
        assertThat(a).isInstanceOf(AutoReply.class);
        Analysis rfc = classify("From: Bob <bob@example.org>\nAuto-Submitted: auto-replied (vacation)\nSubject: Re: hello\n\nAway.\n");
        assertThat(rfc).isInstanceOf(AutoReply.class);
    }

    @Test
    void aDelayNotificationIsRecordedAsDelayed() {
        Analysis a = classify(DSN_HEAD.replace("Action: failed", "Action: delayed").replace("Status: 5.1.1", "Status: 4.4.1")
                .replace("550 5.1.1 no such user", "451 4.4.1 connection timed out"));
        BouncedRecipient r = ((Bounce) a).recipients().getFirst();
        assertThat(r.action()).isEqualTo(Action.DELAYED);
        assertThat(r.hard()).isFalse();
    }

    /**
     * Hotmail's complaint (JMRP) names the complaining recipient in the enclosed copy's X-HmXmrOriginalRecipient. A copy
     * cut off inside that field, or one whose field holds no address, is not a complaint about nobody: it is read as what
     * else it is (here, with no recipient named anywhere, unparsed with its reason), never a missing answer.
     */
    @Test
    void aHotmailComplaintThatNamesNoRecipientIsReadAsWhatElseItIs() {
        String jmrp = """
                From: staff@hotmail.com
                To: fbl@homing.test
                Subject: complaint about message from 192.0.2.7
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="J"

                --J
                Content-Type: message/rfc822
                Content-Disposition: inline

                X-HmXmrOriginalRecipient: %s
                From: news@homing.test
                Subject: News

                Hello
                --J--
                """;
        for (String field : new String[]{"", "<>", "not an address"}) {
            assertThat(classify(jmrp.formatted(field))).as("X-HmXmrOriginalRecipient: %s", field).isNotNull().isNotInstanceOf(Complaint.class);
        }
        Analysis named = classify(jmrp.formatted("<ann@example.org>"));
        assertThat(named).isInstanceOf(Complaint.class);
        assertThat(((Complaint) named).recipients()).containsExactly("ann@example.org");
    }
}
