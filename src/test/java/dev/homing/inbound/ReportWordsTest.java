package dev.homing.inbound;

import dev.homing.outcome.Evidence;
import dev.homing.outcome.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a report's own words are read beside the remote server's reply: each case in the shape its MTA writes it
 * (qmail-send and qmail-remote, Sendmail, Lotus Notes, a DSN whose fields carry ISO-2022-JP text).
 */
class ReportWordsTest {

    private static BouncedRecipient only(String report) {
        return only(report.getBytes(StandardCharsets.UTF_8));
    }

    private static BouncedRecipient only(byte[] report) {
        return ReportShapesTest.read(report).get(0);
    }

    /** qmail-send's notice around qmail-remote's line for the command refused, as notqmail writes them. */
    private static String qmail(String stageLine, String reply, String lifetime) {
        return "From: MAILER-DAEMON@mx.example.net\nTo: sender@example.org\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program at mx.example.net.\n"
                + "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
                + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                + "<rcpt@example.jp>:\n" + stageLine + "\nRemote host said: " + reply + "\nGiving up on 192.0.2.1.\n"
                + (lifetime == null ? "" : lifetime + "\n")
                + "\n--- Below this line is a copy of the message.\n\nFrom: sender@example.org\nTo: rcpt@example.jp\nSubject: hi\n\nhi\n";
    }

    @Test
    void theReportingServersStagePhraseIsNotReadAsTheRemoteServersReason() {
        // "but sender was rejected" says the refusal came after MAIL FROM; what the remote server said is the reason
        BouncedRecipient relay = only(qmail("Connected to 192.0.2.1 but sender was rejected.", "550 5.7.0 Mail relay denied.", null));
        assertThat(relay.reason()).isEqualTo(Reason.NORELAYING);
        // with no words of its own the remote server's refusal after MAIL FROM is about the sender
        BouncedRecipient sender = only(qmail("Connected to 192.0.2.1 but sender was rejected.", "553 sorry, go away", null));
        assertThat(sender.reason()).isEqualTo(Reason.REJECTED);
    }

    @Test
    void qmailsGivingUpOnAHostIsNotAnExpiryButItsQueueLifetimeIs() {
        // "Giving up on 192.0.2.1." ends every permanent failure of qmail-remote
        BouncedRecipient hops = only(qmail("192.0.2.1 failed after I sent the message.", "554 5.4.6 too many hops, this message is looping", null));
        assertThat(hops.reason()).isEqualTo(Reason.NETWORKERROR);
        // qmail-send's words for its queue lifetime, after a temporary failure it kept retrying
        BouncedRecipient expired = only(qmail("192.0.2.1 does not like recipient.", "451 4.3.0 temporary failure",
                "I'm not going to try again; this message has been in the queue too long."));
        assertThat(expired.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(expired.evidence()).isEqualTo(Evidence.REPORT);
    }

    @Test
    void aReplyThatEchoesTheRecipientAnswersRcptEvenWhenTheReportDoesNotSaySo() {
        assertThat(Verdicts.echoesRecipient("550 5.2.1 <a@example.jp>... User Unknown", "a@example.jp")).isTrue();
        assertThat(Verdicts.echoesRecipient("542 a@example.jp Rejected", "a@example.jp")).isTrue();
        assertThat(Verdicts.echoesRecipient("550 5.7.1 Message rejected for a@example.jp", "a@example.jp")).isFalse();
        assertThat(Verdicts.echoesRecipient("", "a@example.jp")).isFalse();
        // a wordless refusal that names the recipient: RCPT's "mailbox unavailable" on weak evidence, not a report with no reason
        String report = "From: MAILER-DAEMON@gateway.example.net\nTo: sender@example.org\nSubject: Undeliverable mail\n\n"
                + "Your message could not be delivered to the following address:\n\n  a@example.jp\n    542 a@example.jp Rejected\n";
        BouncedRecipient r = only(report);
        assertThat(r.reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(r.evidence().firm()).isFalse();
    }

    @Test
    void aMailingListsRefusalOfOurPostIsABounceOfTheListAddressButAHoldNoticeAndAPostAreNot() {
        String refusal = "From: nyaan-admin@lists.example.org\nTo: sender@example.org\nSubject: You sender@example.org are not member (nyaan ML)\n"
                + "X-MLServer: fml [fml 4.0.3 release]\nList-Subscribe: <mailto:nyaan-ctl@lists.example.org?body=subscribe>\n\n"
                + "You are not a member of this mailing list <nyaan@lists.example.org>.\n";
        BouncedRecipient r = only(refusal);
        assertThat(r.address()).isEqualTo("nyaan@lists.example.org");
        assertThat(r.reason()).isEqualTo(Reason.REJECTED);
        String held = "From: nyaan-bounces@lists.example.org\nTo: sender@example.org\nSubject: Your message to Nyaan awaits moderator approval\n"
                + "List-Id: <nyaan.lists.example.org>\n\nYour mail to 'Nyaan' with the subject hi\n\nIs being held until the list moderator can"
                + " review it for approval.\n\nThe reason it is being held:\n\n    Post by non-member to a members-only list\n";
        assertThat(Classifier.classify(held.getBytes(StandardCharsets.UTF_8))).isInstanceOf(NotBounce.class);
        String post = "From: ann@example.net\nTo: nyaan@lists.example.org\nSubject: lunch\nList-Id: <nyaan.lists.example.org>\n"
                + "List-Post: <mailto:nyaan@lists.example.org>\n\nWho is in for lunch?\n";
        assertThat(Classifier.classify(post.getBytes(StandardCharsets.UTF_8))).isInstanceOf(NotBounce.class);
    }

    @Test
    void aGatewaysBannerBelowTheAddressIsNotTheReportsExplanation() {
        // Exchange's DSN lists the address with no reply; a filtering gateway (MessageLabs) appended its banner below a
        // rule of underscores. The fields say 5.1.1: the banner's "viruses" is no reason.
        String dsn = ReportShapesTest.dsn("postmaster@example.co.uk", "This is an automatically generated Delivery Status Notification.\n\n"
                + "Delivery to the following recipients failed.\n\n       rcpt@example.com\n\n"
                + "________________________________________________________________________\n"
                + "**** This email has come from the internet and has been scanned for all viruses and potentially offensive"
                + " content by Messagelabs on behalf of Example ****\n",
                "Reporting-MTA: dns;mx.example.co.uk\n\nFinal-Recipient: rfc822;rcpt@example.com\nAction: failed\nStatus: 5.1.1\n");
        BouncedRecipient r = only(dsn);
        assertThat(r.diagnostic()).doesNotContain("viruses");
        assertThat(r.reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    @Test
    void dominosOutOfOfficeSubjectIsAnAutoReply() {
        // HCL (IBM) Domino's out-of-office agent sends no Auto-Submitted field; its subject says what it is
        String notes = "From: John.Smith@example.com\nTo: sender@example.org\n"
                + "Subject: AUTO: Smith, John is out of the office. (returning 05/01/2010)\n\n"
                + "I am out of the office until 05/01/2010.\n";
        assertThat(Classifier.classify(notes.getBytes(StandardCharsets.UTF_8))).isInstanceOf(AutoReply.class);
        // a subject that only starts with "Auto:" is not one
        String other = "From: a@example.com\nTo: sender@example.org\nSubject: AUTO: weekly report\n\nnumbers\n";
        assertThat(Classifier.classify(other.getBytes(StandardCharsets.UTF_8))).isNotInstanceOf(AutoReply.class);
    }

    @Test
    void aReportThatGivesTheReasonAboveTheAddressIsReadThere() {
        // Lotus Notes: the reason, then the address, under "Failure Reasons"
        String notes = "From: postmaster@notes.example.co.jp\nTo: sender@example.jp\nSubject: Undeliverable message\n\n"
                + "------- Failure Reasons  --------\n\nUser not listed in Domino Directory\nrcpt@notes.example.co.jp\n\n"
                + "------- Returned Message --------\nReceived: from mx.example.jp\nFrom: sender@example.jp\nSubject: hi\n\nhi\n";
        BouncedRecipient r = only(notes);
        assertThat(r.address()).isEqualTo("rcpt@notes.example.co.jp");
        assertThat(r.diagnostic()).isEqualTo("User not listed in Domino Directory");
        assertThat(r.reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    @Test
    void japaneseWordsInAFieldWithoutACharsetAreDecoded() {
        // RFC 1468 escapes in a delivery-status part, which declares no charset (7-bit, as Domino writes it)
        Charset jis = Charset.forName("ISO-2022-JP");
        String words = "ユーザー Neko (rcpt@example.co.jp) は Domino ディレクトリには見つかりません。";
        String head = "From: postmaster@example.co.jp\nTo: sender@example.jp\nSubject: DELIVERY FAILURE\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n"
                + "Your message was not delivered to rcpt@example.co.jp\n\n--B\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns;mx.example.co.jp\n\nFinal-Recipient: rfc822;rcpt@example.co.jp\nAction: failed\nStatus: 5.0.0\n"
                + "Diagnostic-Code: X-Notes; ";
        byte[] a = head.getBytes(StandardCharsets.US_ASCII);
        byte[] b = words.getBytes(jis);
        byte[] c = "\n\n--B--\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        BouncedRecipient r = only(all);
        assertThat(r.diagnostic()).contains("ディレクトリには見つかりません");
        assertThat(r.reason()).isEqualTo(Reason.USERUNKNOWN);
    }

    @Test
    void aFinalReportOfATemporaryNetworkFailureIsExpiredAndADelayKeepsItsCause() {
        String dsn = "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\nTo: sender@example.org\nSubject: %s\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n%s\n\n"
                + "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
                + "Final-Recipient: rfc822; rcpt@example.jp\nAction: %s\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n--B--\n";
        BouncedRecipient gaveUp = only(String.format(dsn, "Undelivered Mail Returned to Sender", "I'm sorry to have to inform you...",
                "failed", "4.4.1", "connect to example.jp[192.0.2.1]:25: Connection timed out"));
        assertThat(gaveUp.reason()).isEqualTo(Reason.EXPIRED);
        BouncedRecipient delayedFull = only(String.format(dsn, "Delayed Mail (still being retried)",
                "Your message could not be delivered for more than 4 hour(s).", "delayed", "4.2.2", "452 4.2.2 Mailbox full"));
        assertThat(delayedFull.action()).isEqualTo(Action.DELAYED);
        assertThat(delayedFull.reason()).isEqualTo(Reason.MAILBOXFULL);
        BouncedRecipient delayedNothing = only(String.format(dsn, "Delayed Mail (still being retried)",
                "Your message could not be delivered for more than 4 hour(s).", "delayed", "4.0.0", ""));
        assertThat(delayedNothing.reason()).isEqualTo(Reason.EXPIRED);
    }
}
