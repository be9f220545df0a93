package dev.homing.inbound;

import dev.homing.outcome.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a report names its failed recipient and its reason, in the shapes older and less common MTAs write them (each
 * case after a real report in src/test/corpus/mailman or src/test/corpus/bounceparser, shortened).
 */
class ReportShapesTest {

    private static List<BouncedRecipient> read(String report) {
        return read(report.getBytes(StandardCharsets.UTF_8));
    }

    /** The recipients of a report that must be read as a bounce (also for ReportWordsTest). */
    static List<BouncedRecipient> read(byte[] report) {
        Analysis a = Classifier.classify(report);
        assertThat(a).as("read as a bounce").isInstanceOf(Bounce.class);
        return ((Bounce) a).recipients();
    }

    /** The report names one failed recipient, with this reason. */
    private static void assertOne(List<BouncedRecipient> read, String address, Reason reason) {
        assertThat(read).extracting(BouncedRecipient::address, BouncedRecipient::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(address, reason));
    }

    /** A multipart/report: the human-readable text, then the delivery-status fields (per-message, blank line, per-recipient). */
    static String dsn(String from, String text, String fields) {
        return "From: " + from + "\nTo: bounces@example.org\nSubject: Delivery Status Notification (Failure)\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain\n\n" + text + "\n--b\nContent-Type: message/delivery-status\n\n" + fields + "\n--b--\n";
    }

    private static String notice(String from, String subject, String body) {
        return "From: " + from + "\nTo: bounces@example.org\nSubject: " + subject + "\n\n" + body
                + "\n--- Below this line is a copy of the message.\n\nFrom: news@example.org\nTo: list@example.org\nSubject: hi\n\nhi\n";
    }

    @Test
    void microsoftsJunkMailReportBeforeArfIsAComplaint() {
        // Outlook.com/Hotmail JMRP before ARF: the reported message enclosed, the recipient who complained in its
        // X-HmXmrOriginalRecipient header
        Analysis a = Classifier.classify(("From: staff@hotmail.com\nTo: listowner@example.org\nSubject: complaint about message from 192.0.2.35\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: message/rfc822\n\n"
                + "X-HmXmrOriginalRecipient: ann@hotmail.com\nReturn-Path: bounces@example.org\nFrom: news@example.org\nTo: ann@hotmail.com\n"
                + "Subject: news\nMessage-ID: <1@example.org>\n\nhello\n--b--\n").getBytes(StandardCharsets.UTF_8));
        assertThat(a).isInstanceOfSatisfying(Complaint.class, c -> {
            assertThat(c.recipients()).containsExactly("ann@hotmail.com");
            assertThat(c.feedbackType()).isEqualTo(FeedbackType.ABUSE);
            assertThat(c.sourceIp()).isEqualTo("192.0.2.35");
            assertThat(c.originalMailFrom()).isEqualTo("bounces@example.org");
        });
        // without the header the same message is no complaint
        assertThat(Classifier.classify(("From: staff@hotmail.com\nTo: listowner@example.org\nSubject: complaint about message from 192.0.2.35\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: message/rfc822\n\n"
                + "From: news@example.org\nTo: ann@hotmail.com\nSubject: news\n\nhello\n--b--\n").getBytes(StandardCharsets.UTF_8)))
                .isNotInstanceOf(Complaint.class);
        // a delivery report about such a message is a bounce
        assertThat(Classifier.classify(dsn("mailer-daemon@mx.example.net", "Delivery failed.",
                "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; bob@example.net\nAction: failed\nStatus: 5.1.1\n")
                .replace("\n--b--\n", "\n--b\nContent-Type: message/rfc822\n\nX-HmXmrOriginalRecipient: ann@hotmail.com\nFrom: a@example.org\n"
                        + "To: bob@example.net\nSubject: x\n\nx\n--b--\n").getBytes(StandardCharsets.UTF_8))).isInstanceOf(Bounce.class);
    }

    @Test
    void anAutomaticReceiptIsAnAutoReplyAndASieveRejectIsTheRecipientsFilter() {
        assertThat(Classifier.classify(("From: no_reply@example.de\nTo: news@example.org\nSubject: E-Mail Empfangsbestätigung: Ihre Anfrage\n\n"
                + "Vielen Dank fuer Ihre elektronische Nachricht.\n").getBytes(StandardCharsets.UTF_8))).isInstanceOf(AutoReply.class);
        // Dovecot's Sieve reject (RFC 5429) as an MDN: "Your message to <a@b> was automatically rejected"
        Analysis a = Classifier.classify(("From: Mail Delivery Subsystem <postmaster@mx.example.net>\nTo: <news@example.org>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\nSubject: Automatically rejected mail\n"
                + "Auto-Submitted: auto-replied (rejected)\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n"
                + "Your message to <ann@example.net> was automatically rejected:\nI am not taking messages from you!\n\n"
                + "--b\nContent-Type: message/disposition-notification\n\nReporting-UA: mx.example.net; Dovecot Mail Delivery Agent\n"
                + "Final-Recipient: rfc822; ann@example.net\nDisposition: automatic-action/MDN-sent-automatically; deleted\n\n"
                + "--b\nContent-Type: message/rfc822\n\nFrom: news@example.org\nTo: ann@example.net\nSubject: hi\n\nhi\n--b--\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(a).isInstanceOfSatisfying(Bounce.class, b -> assertThat(b.recipients())
                .extracting(BouncedRecipient::address, BouncedRecipient::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ann@example.net", Reason.FILTERED)));
    }

    @Test
    void aListedAddressWhoseReasonQuotesOurCommandStartsItsOwnLines() {
        // Stalwart: each address, then its reason in brackets, which may quote the RCPT TO we sent; the delayed address has
        // no Diagnostic-Code, so its reason is its own line of the text, not its neighbour's refusal
        List<BouncedRecipient> r = read(dsn("MAILER-DAEMON@example.org", "Your message has been partially delivered:\n\n"
                        + "    ----- There was a temporary problem delivering to these addresses -----\n"
                        + "<john@example.org> (connection to 'mx.example.net' failed: Connection timeout)\n\n"
                        + "    ----- Delivery to the following addresses failed -----\n"
                        + "<foo@example.org> (host 'mx.example.org' rejected command 'RCPT TO:<foo@example.org>' with code 550 (5.1.2) 'User does not exist')\n",
                "Reporting-MTA: dns;mx.example.org\n\nFinal-Recipient: rfc822;foo@example.org\nAction: failed\nStatus: 5.1.2\n"
                        + "Diagnostic-Code: smtp;550 User does not exist\n\nFinal-Recipient: rfc822;john@example.org\nAction: delayed\nStatus: 4.0.0\n"));
        assertThat(r).extracting(BouncedRecipient::address, BouncedRecipient::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("foo@example.org", Reason.USERUNKNOWN),
                org.assertj.core.groups.Tuple.tuple("john@example.org", Reason.NETWORKERROR));
    }

    @Test
    void aReplyWrappedAfterItsCodeEndsWithItsParagraph() {
        // Postfix wraps a long line after the reply code; a gateway's footer below the paragraph is not the reason
        List<BouncedRecipient> r = read(notice("MAILER-DAEMON@mail.example.org", "Undelivered Mail Returned to Sender",
                "This is the mail system at host mail.example.org.\n\nI'm sorry to have to inform you that your message could not\n"
                        + "be delivered to one or more recipients. It's attached below.\n\n                   The mail system\n\n"
                        + "<ann@example.net>: host mx1.a-very-long-host-name.example.net[192.0.2.16] said: 550\n"
                        + "    5.1.1 <ann@example.net>: Recipient address rejected: User unknown\n    (in reply to RCPT TO command)\n\n\n----------\n\n"
                        + "This email has been scanned for spam and viruses by a gateway. Visit the following link to report this email as spam:\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("ann@example.net");
        assertThat(r.get(0).reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(r.get(0).diagnostic()).doesNotContain("scanned");
    }

    @Test
    void eachRecipientOfAReportHasItsOwnWords() {
        // qmail-send lists each address with its own lines: one expired in the queue, the others were refused; a mangled
        // address ("<bob@.example.net>:") still ends the lines of the address above it
        List<BouncedRecipient> r = read(notice("MAILER-DAEMON@mx.example.org", "failure notice",
                "Hi. This is the qmail-send program at mx.example.org.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
                        + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                        + "<ann@example.com>:\nConnected to 192.0.2.1 but sender was rejected.\nRemote host said: 550 Can not speak with you\n\n"
                        + "<cid@example.net>:\nSorry, I couldn't find any host named example.net. (#5.1.2)\n\n"
                        + "<bob@.example.net>:\n192.0.2.2 does not like recipient.\nRemote host said: 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)\n\n"
                        + "<dan@example.org>:\nCNAME lookup failed temporarily. (#4.4.3)\nI'm not going to try again; this message has been in the queue too long.\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("ann@example.com", "cid@example.net", "dan@example.org");
        assertThat(r).extracting(BouncedRecipient::reason).containsExactly(Reason.REJECTED, Reason.HOSTUNKNOWN, Reason.EXPIRED);
    }

    @Test
    void aDiagnosticCutAtAFixedWidthIsReadWhole() {
        // a writer that cut its delivery-status lines at 130 characters without folding them: the cut falls inside "be"
        String diagnostic = "Diagnostic-Code: smtp; 552 5.2.0 xJ9bQ1aQ2 - mx.example.net This message has been rejected due to content judged to b";
        assertThat(diagnostic.length()).isGreaterThan(StatusFields.CUT_WIDTH);
        List<BouncedRecipient> r = read(dsn("mailer-daemon@googlemail.com", "Delivery to the following recipient failed permanently:\n\n     bob@example.com\n",
                "Reporting-MTA: dns; googlemail.com\n\nFinal-Recipient: rfc822; bob@example.com\nAction: failed\nStatus: 5.2.0\n" + diagnostic
                        + "\ne spam by the internet community IB212 - If you feel this is in error, please submit a request using the following page. <https://che"
                        + "\nck.example.net/?sid=x>\nLast-Attempt-Date: Sun, 03 Dec 2017 03:29:10 -0800 (PST)\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("bob@example.com");
        assertThat(r.get(0).diagnostic()).contains("content judged to be spam by the internet community");
        assertThat(r.get(0).reason()).isEqualTo(Reason.SPAMDETECTED);
        // a line a writer broke at a word, unindented, is joined with a space
        assertThat(StatusFields.mended("Diagnostic-Code: smtp; 550 no such\nuser here\nStatus: 5.1.1\n"))
                .isEqualTo("Diagnostic-Code: smtp; 550 no such user here\nStatus: 5.1.1\n");
    }

    @Test
    void theSessionAboveARefusalIsNotItsReason() {
        // MDaemon: the whole SMTP session above the refusal; its EHLO line is not a HELO complaint
        List<BouncedRecipient> r = read(notice("MDaemon@mail.example.com", "Permanent Delivery Failure",
                "The following addresses did NOT receive a copy of your message:\n\n> ann@example.com\n\n--- Session Transcript ---\n"
                        + " Attempting SMTP connection to [192.0.2.1 : 25]\n 220 example.com ESMTP MDaemon 3.5.2 ready\n EHLO mx.example.org\n"
                        + " 250-example.com Hello\n 250 SIZE 40000000\n MAIL From:<bounces@example.org>\n 250 Sender ok\n RCPT To:<ann@example.com>\n"
                        + " 552 Message for <ann@example.com> would exceed mailbox quota\n QUIT\n--- End Transcript ---\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("ann@example.com");
        assertThat(r.get(0).reason()).isEqualTo(Reason.MAILBOXFULL);
    }

    @Test
    void anAddressIsFoundAfterAColonABulletOrAnX400Name() {
        // "reason: <address>" (Prodigy), a bulleted list (Exim's French front end), Exchange 5.5's X.400 O/R name
        assertOne(read(notice("MAILER-DAEMON@prodigy.example", "Returned mail",
                "User's mailbox is full: <bob@example.net>\nUnable to deliver mail.\n")), "bob@example.net", Reason.MAILBOXFULL);
        assertThat(read(notice("MAILER-DAEMON@example.fr", "Mail delivery failed",
                "Your message could not be delivered to:\n\n   * carol@example.fr\n\nNo such user\n")))
                .extracting(BouncedRecipient::address).containsExactly("carol@example.fr");
        assertOne(read(notice("postmaster@example.com", "Undeliverable: hi",
                "did not reach the following recipient(s):\n\nc=US;a= ;p=EXAMPLE;o=Nexus2;dda:SMTP=DAVE@EXAMPLE.COM; on Fri, 4 Oct 2002\n"
                        + "    The recipient name is not recognized\n")), "DAVE@EXAMPLE.COM", Reason.USERUNKNOWN);
        // Ipswitch IMail: the reason, a colon, the bare address ending the line (not the original's To)
        assertOne(read(notice("postmaster@mail.example.net", "Undeliverable Mail",
                "User mailbox exceeds allowed size: erin@example.net\n\n\nOriginal message follows.\n")), "erin@example.net", Reason.MAILBOXFULL);
        // but a label that names no failure ("OD:", Polish "From:") does not make its address a failed recipient
        assertThat(read(notice("postmaster@example.pl", "Blocked Message (RBL block)",
                "Temat: Your news\nOD: sender@example.org\nRecipient(s): ewa@example.pl\nNie zostala dostarczona do odbiorcy.\n")))
                .extracting(BouncedRecipient::address).containsExactly("ewa@example.pl");
    }

    @Test
    void anAddressTypedAsSmtpOrUnderADoubleDashIsTheRecipient() {
        // MailEnable: the address typed as Exchange types a proxy address
        assertOne(read(notice("POSTMASTER@example.com", "Message Delivery Failure",
                "MailEnable: Message could not be delivered to some recipients.\nThe following recipient(s) could not be reached:\n\n"
                        + "\tRecipient: [SMTP:ann@example.com]\n\tReason: Remote SMTP Server Returned: 550 Requested action not taken:"
                        + " mailbox unavailable or not local.\n")), "ann@example.com", Reason.USERUNKNOWN);
        // Mimecast: "-- a@b" under "addressed to email address :", the cause in the lines below it
        assertOne(read(notice("mailer-daemon@example.com", "[Postmaster] Email Delivery Failure",
                "This is a delivery failure notification message indicating that\nan email bounces@example.org addressed to email address :\n"
                        + "-- bob@example.net\n\nWith subject hi sent on the Mon, 14 Dec 2020 11:30:37 +0100 (CET)\n"
                        + "could not be delivered. The problem appears to be :\n-- Recipient server unavailable or busy\n\n"
                        + "Additional information follows :\n-- 4.4.4 Temporary server error. Please try again later\n\n"
                        + "This condition occurred after 30 attempt(s) to deliver over\na period of 92 hour(s) and 52 minute(s).\n")), "bob@example.net", Reason.SYSTEMERROR);
    }

    @Test
    void aReportThatOnlySumsUpTheMessageNamesItsRecipientInTheSummary() {
        // Yahoo: no address listed, no copy of the original; the summary's To is the recipient
        String report = "From: MAILER-DAEMON@yahoo.com\nTo: bounces@example.org\nSubject: Failure Notice\n\n"
                + "I'm afraid I wasn't able to deliver the following message.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                + "Subject: [List] hi\nTo: carol@yahoo.com\n\n---Below this line is a copy of the message.\n";
        assertOne(read(report), "carol@yahoo.com", Reason.ONHOLD);
    }

    @Test
    void aMultiLineReplyTheFieldsCutToItsFirstLineIsReadFromTheTranscript() {
        // Sendmail: Diagnostic-Code keeps the reply's first line, "(reason: ...)" repeats it, the transcript has every line
        String first = "550-5.7.1 [192.0.2.7       7] Our system has detected that this message is";
        List<BouncedRecipient> r = read(dsn("MAILER-DAEMON@mx.example.edu",
                "   ----- The following addresses had permanent fatal errors -----\ndan@example.edu\n    (reason: " + first + ")\n\n"
                        + "   ----- Transcript of session follows -----\n... while talking to aspmx.l.google.com.:\n>>> DATA\n<<< " + first
                        + "\n<<< 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,\n"
                        + "<<< 550-5.7.1 this message has been blocked.\n<<< 550 5.7.1 more information. x1si2 - gsmtp\n554 5.0.0 Service unavailable\n",
                "Reporting-MTA: dns; mx.example.edu\n\nFinal-Recipient: RFC822; dan@example.edu\nAction: failed\nStatus: 5.7.1\n"
                        + "Remote-MTA: DNS; aspmx.l.google.com\nDiagnostic-Code: SMTP; " + first + "\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("dan@example.edu");
        assertThat(r.get(0).diagnostic()).contains("likely unsolicited mail");
        assertThat(r.get(0).reason()).isEqualTo(Reason.SPAMDETECTED);
    }

    @Test
    void aLocalMailersOwnWordsAboveSendmailsExitStatusLineAreTheReason() {
        // Sendmail: a local mailer's output is in the transcript, then the line with the text of its exit status
        // (sysexits.c SysExMsg, EX_UNAVAILABLE "Service unavailable"), which says nothing of why
        List<BouncedRecipient> r = read(dsn("MAILER-DAEMON@mail.example.jp",
                "   ----- The following addresses had permanent fatal errors -----\nerin@example.jp\n\n"
                        + "   ----- Transcript of session follows -----\n\nThe incoming mailbox is full for user erin.\n"
                        + "This person is not able to receive more mail at the present time.\n\n"
                        + "554 erin@example.jp... Service unavailable\n",
                "Reporting-MTA: dns; mail.example.jp\n\nFinal-Recipient: RFC822; erin@example.jp\nAction: failed\nStatus: 5.5.0\n"));
        assertOne(r, "erin@example.jp", Reason.MAILBOXFULL);
        assertThat(r.get(0).diagnostic()).contains("mailbox is full").contains("Service unavailable");
        // the exit status line of a mailer that said nothing keeps its own reading; one that names the recipient's state
        // (EX_NOUSER "User unknown") is read as it is, not from the words above
        assertOne(read(dsn("MAILER-DAEMON@mail.example.jp",
                "   ----- The following addresses had permanent fatal errors -----\nfay@example.jp\n\n"
                        + "   ----- Transcript of session follows -----\n554 fay@example.jp... Service unavailable\n",
                "Reporting-MTA: dns; mail.example.jp\n\nFinal-Recipient: RFC822; fay@example.jp\nAction: failed\nStatus: 5.0.0\n")),
                "fay@example.jp", Reason.SYSTEMERROR);
        assertOne(read(dsn("MAILER-DAEMON@mail.example.jp",
                "   ----- The following addresses had permanent fatal errors -----\ngus@example.jp\n\n"
                        + "   ----- Transcript of session follows -----\n\nmail.local: over quota, try later\n\n"
                        + "550 5.1.1 gus@example.jp... User unknown\n",
                "Reporting-MTA: dns; mail.example.jp\n\nFinal-Recipient: RFC822; gus@example.jp\nAction: failed\nStatus: 5.1.1\n")),
                "gus@example.jp", Reason.USERUNKNOWN);
    }

    @Test
    void eachMessageOfAnMboxIsReadAlsoWithCrlfLineEnds() {
        String one = notice("MAILER-DAEMON@example.net", "failure notice", "<ann@example.net>:\n550 5.1.1 User unknown\n");
        String two = notice("MAILER-DAEMON@example.net", "failure notice", "<bob@example.net>:\n552 5.2.2 Mailbox full\n");
        String mbox = "From MAILER-DAEMON  Thu Apr 29 23:34:45 2015\n" + one + "\nFrom MAILER-DAEMON  Thu Apr 29 23:35:45 2015\n" + two;
        for (String file : List.of(mbox, mbox.replace("\n", "\r\n"))) {
            assertThat(read(file)).extracting(BouncedRecipient::address, BouncedRecipient::reason).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("ann@example.net", Reason.USERUNKNOWN),
                    org.assertj.core.groups.Tuple.tuple("bob@example.net", Reason.MAILBOXFULL));
        }
    }

    @Test
    void aMultipartReportThatLostItsMimeHeaderIsReadByItsParts() {
        // Exchange 5.5's report re-sent by a list manager without its Content-Type: the body starts with a boundary, and
        // the text part's own "Content-Type:" line is not where the copy of the original starts
        String report = "From: System Administrator <postmaster@example.com>\nTo: list-admin@example.org\n"
                + "Subject: Undeliverable: hi\nX-MS-Embedded-Report: \n\n"
                + "This message is in MIME format. Since your mail reader does not understand\nthis format, some or all of this message may not be legible.\n\n"
                + "------_=_NextPart_000_01C276B8.EB5EB90E\nContent-Type: text/plain;\n\tcharset=\"iso-8859-1\"\n\nYour message\n\n  To:      K12\n"
                + "  Subject: hi\n\ndid not reach the following recipient(s):\n\nMDMOORE@EXAMPLE.COM on Fri, 18 Oct 2002 09:13:24 -0600\n"
                + "    The recipient name is not recognized\n\n------_=_NextPart_000_01C276B8.EB5EB90E\nContent-Type: message/rfc822\n\n"
                + "From: Ann <ann@example.org>\nTo: K12 <k12@example.org>\nSubject: hi\n\nhi\n\n------_=_NextPart_000_01C276B8.EB5EB90E--\n";
        assertOne(read(report), "MDMOORE@EXAMPLE.COM", Reason.USERUNKNOWN);
        // a plain-text bounce that quotes a multipart original below its own words is still read as plain text
        String qmail = "From: MAILER-DAEMON@example.net\nTo: bounces@example.org\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program at example.net.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
                + "This is a permanent error; I've given up. Sorry it didn't work out.\n\n<bob@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n"
                + "--- Below this line is a copy of the message.\n\nFrom: news@example.org\nTo: bob@example.net\n"
                + "Content-Type: multipart/alternative; boundary=\"b1b1b1b1b1\"\n\n--b1b1b1b1b1\nContent-Type: text/plain\n\nhi\n--b1b1b1b1b1--\n";
        assertOne(read(qmail), "bob@example.net", Reason.USERUNKNOWN);
    }

    @Test
    void aReportWhoseDeclaredBoundaryNeverOccursIsReadByTheBoundaryItUses() {
        // a gateway rewrote the Content-Type's boundary but not the body, whose parts are delimited as Outlook delimits
        // them ("------=_NextPart_...", RFC 2046 5.1.1 "--" and a boundary that starts with dashes): the text part, in
        // base64, says why, and is read as a part (decoded), not as the undecoded plain text of the whole body
        String words = java.util.Base64.getMimeEncoder().encodeToString(
                "The mailbox of <jane@example.org> is full; delivery was given up.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String delimiter = "------=_NextPart_000_0001_01D2A1B2.3C4D5E60";
        String report = "From: postmaster@mx.example.org\nTo: bounces@example.com\nSubject: Undeliverable: News\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"rewritten-by-a-gateway\"\n\n"
                + "This is a multi-part message in MIME format.\n\n" + delimiter + "\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: base64\n\n" + words + "\n\n" + delimiter + "\nContent-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; jane@example.org\nAction: failed\nStatus: 5.2.2\n\n"
                + delimiter + "--\n";
        BouncedRecipient r = read(report).getFirst();
        assertThat(r.address()).isEqualTo("jane@example.org");
        assertThat(r.reason()).isEqualTo(Reason.MAILBOXFULL);
        assertThat(r.diagnostic()).contains("is full; delivery was given up");
        // a quoted-message banner is no delimiter: a body with none is read as the plain text it is
        String plain = "From: postmaster@mx.example.org\nTo: bounces@example.com\nSubject: Undeliverable: News\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/mixed; boundary=\"gone\"\n\nYour message to <bob@example.net> could not be delivered:\n"
                + "550 5.1.1 User unknown\n\n----- Original Message -----\nFrom: news@example.com\n\nhi\n----- Original Message -----\n";
        assertOne(read(plain), "bob@example.net", Reason.USERUNKNOWN);
    }

    @Test
    void ourDeliveryTokenQuotedAnywhereInTheTextIsFoundInAnyCase() {
        // a plain-text bounce that quotes our headers inline, in its own case; before them, control bytes that an ASCII
        // case fold would take for "-" and ":" (CR | 0x20 is '-', SUB | 0x20 is ':') are not the header's name
        String report = notice("MAILER-DAEMON@example.net", "failure notice", "<bob@example.net>:\n550 5.1.1 User unknown\n\n"
                + "x\rhoming\rdelivery\u001a 99\n\nThe message's headers:\n  x-HOMING-delivery: 77.aBc\n  Subject: News\n");
        Analysis a = Classifier.classify(report.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(a).isInstanceOf(Bounce.class);
        assertThat(((Bounce) a).original().delivery()).isEqualTo("77.aBc");
    }

    @Test
    void aWordThatIntroducesAnAddressIsAWordOfItsOwn() {
        // "to" and "mailbox" introduce an address; inside "<tom@...>" or "<mailboxfull@...>" they do not cut it in two
        List<BouncedRecipient> r = read(notice("MAILER-DAEMON@example.net", "failure notice",
                "Sorry, we were unable to deliver your message to the following address.\n\n<mailboxfull@example.net>:\n"
                        + "550: 5.2.2 <mailboxfull@example.net>... Mailbox Full\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("mailboxfull@example.net");
        assertThat(r.get(0).reason()).isEqualTo(Reason.MAILBOXFULL);
        // a word of a reply's own ("email from", "email commands") names no SMTP command
        BouncedRecipient quota = read(notice("postmaster@hotpop.example", "Undeliverable Address",
                "dan@hotpop.example\nReason: The email you sent has been returned because the recipient is over disk quota."
                        + " This account will not be able to receive any email until the owner removes some email from the server.\n")).get(0);
        assertThat(quota.reason()).isEqualTo(Reason.MAILBOXFULL);
    }

    @Test
    void anX400GatewaysSupplementaryInfoIsTheRemoteServersWords() {
        // RFC 2156: the X.400 reason code says nothing; X400-Supplementary-Info quotes the SMTP server
        String dsn = dsn("postmaster@gw.example.com", "Your message was not delivered.\n", "Reporting-MTA: x400; mta gw1\n\n"
                + "Original-Recipient: rfc822; erin@example.com\nFinal-Recipient: x400; /RFC-822=erin(a)example.com/ADMD= /C=WW/\n"
                + "Action: failed\nDiagnostic-Code: Reason 1 (Unable-To-Transfer); Diagnostic -1 (Unknown)\nStatus: 5.0.0\n"
                + "X400-Supplementary-Info: \"MTA '192.0.2.9' gives error message 5.7.1 Unable to relay for erin(a)example.com\"\n");
        assertThat(read(dsn).get(0).reason()).isEqualTo(Reason.NORELAYING);
    }

    @Test
    void theTextUnderTheOriginalAddressExplainsTheFinalOne() {
        // PMDF: the text lists the final address, then the original one, then the reason under it
        String dsn = dsn("postmaster@mail.example.ch", "Your message cannot be delivered to the following recipients:\n\n"
                + "  Recipient address: FRANK@mail.example.ch\n  Original address: frank.f@example.ch\n"
                + "%MAIL-E-OPENOUT, error opening !AS as output\n-SYSTEM-F-EXDISKQUOTA, disk quota exceeded\n",
                "Reporting-MTA: dns;mail.example.ch\n\nAction: failed\nStatus: 5.0.0\n"
                + "Original-recipient: rfc822;frank.f@example.ch\nFinal-recipient: rfc822;FRANK@mail.example.ch\n");
        BouncedRecipient r = read(dsn).get(0);
        assertThat(r.address()).isEqualTo("FRANK@mail.example.ch");
        assertThat(r.reason()).isEqualTo(Reason.MAILBOXFULL);
    }

    @Test
    void aLocalProgramThatSaysTheMailboxIsFullIsAFullMailbox() {
        // Postfix pipe(8) with a delivery program's output: its quota words are the mailbox's state; other failures stay mailererror
        String dsn = dsn("MAILER-DAEMON@mx.example.fi", "The mail system\n", "Reporting-MTA: dns; mx.example.fi\n\n"
                + "Final-Recipient: rfc822; gina@example.fi\nAction: failed\nStatus: 5.2.2\n"
                + "Diagnostic-Code: X-Unix; Quota exceeded message delivery failed to /mail/mbx/g/gina/INBOX\n");
        assertThat(read(dsn).get(0).reason()).isEqualTo(Reason.MAILBOXFULL);
        assertThat(read(dsn.replace("Quota exceeded message delivery failed to", "Command died with status 1:")).get(0).reason())
                .isEqualTo(Reason.MAILERERROR);
    }

    @Test
    void aLocalProgramsExitStatusThatSaysNoSuchUserIsAnUnknownUser() {
        // Postfix reports a delivery program's exit status 67 (EX_NOUSER) as "user unknown" when the program printed nothing;
        // a program's own words about a user it could not find (procmail) stay the program's failure
        String dsn = dsn("MAILER-DAEMON@mx1.example.com", "<nobody@example.com>: user unknown\n", "Reporting-MTA: dns; mx1.example.com\n\n"
                + "Final-Recipient: rfc822; nobody@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: x-unix; user unknown\n");
        assertThat(read(dsn).get(0).reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(read(dsn.replace("x-unix; user unknown", "x-unix; procmail: Couldn't create \"/var/spool/mail/nobody\" id: No such user"))
                .get(0).reason()).isEqualTo(Reason.MAILERERROR);
        // Sendmail words the same exit status as a reply
        assertThat(read(dsn.replace("x-unix; user unknown", "X-Unix; 550 5.1.1 User unknown")).get(0).reason()).isEqualTo(Reason.USERUNKNOWN);
        assertThat(read(dsn.replace("x-unix; user unknown", "X-Unix; 255")).get(0).reason()).isEqualTo(Reason.MAILERERROR);
    }

    @Test
    void anEmptyTextPartGivesWayToTheHtmlBesideIt() {
        // Exchange's HTML-only NDR after a mail library added a blank text/plain alternative
        String ndr = "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: bounces@example.org\nSubject: Undeliverable: hi\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"a\"\n\n--a\nContent-Type: text/plain\n\n\n"
                + "--a\nContent-Type: text/html\n\n<p><b>Delivery has failed to these recipients or groups:</b></p>\n"
                + "<p><a href=\"mailto:mike@example.net\">mike@example.net</a><br>\nA problem occurred.</p>\n"
                + "<p>mike@example.net<br>\nmx.example.net #&lt;mx.example.net #5.0.0 smtp; 554 rejected due to spam content&gt; #SMTP#</p>\n--a--\n";
        List<BouncedRecipient> r = read(ndr);
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("mike@example.net");
        assertThat(r.get(0).reason()).isEqualTo(Reason.SPAMDETECTED);
    }

    @Test
    void anAddressInsideTheReplyIsNotAnotherRecipient() {
        // Gmail (2007): the block list's reply names an address to write to; it is not a second failed recipient
        List<BouncedRecipient> r = read(notice("mailer-daemon@googlemail.com", "Delivery Status Notification (Failure)",
                "Delivery to the following recipient failed permanently:\n\n     info@example.lv\n\nTechnical details of permanent failure: \n"
                        + "PERM_FAILURE: SMTP Error (state 9): 550 5.7.1 Your message (sent through 192.0.2.4) was blocked by ROTA DNSBL."
                        + " If you are not a spammer, send an e-mail message from another address to dz@rota.example with the blocked sender.\n"));
        assertThat(r).extracting(BouncedRecipient::address).containsExactly("info@example.lv");
        assertThat(r.get(0).reason()).isEqualTo(Reason.BLOCKED);
    }

    @Test
    void anAliasNamesTheAddressItWasExpandedFrom() {
        // Sendmail: the final address, "(expanded from: ...)" the one we sent to; the only address is on a reply line
        BouncedRecipient r = read(notice("MAILER-DAEMON@mx.example.nl", "Returned mail: see transcript for details",
                "   ----- The following addresses had permanent fatal errors -----\nzz@shaft.example.nl\n    (expanded from: zz@example.nl)\n\n"
                        + "   ----- Transcript of session follows -----\n554 Too many hops 26 (25 max): from list@example.org via localhost, to zz@example.nl\n")).get(0);
        assertThat(r.address()).isEqualTo("zz@shaft.example.nl");
        assertThat(r.originalRecipient()).isEqualTo("zz@example.nl");
        assertThat(r.reason()).isEqualTo(Reason.NETWORKERROR);
    }

    @Test
    void aSavedMessageMayStartWithBlankLinesAndABannerIsNoVirus() {
        // a report saved with blank lines above its header; NOD32's banner under the address says it scanned the report
        String dsn = "\n   \n" + dsn("postmaster@example.com", "Delivery to the following recipients failed.\n\n       hal@example.com\n\n"
                + "__________ Informacion de NOD32, revision 1.1856 (20061106) __________\n\n"
                + "Este mensaje ha sido analizado con NOD32 antivirus system\n",
                "Reporting-MTA: dns;mx.example.com\n\nFinal-Recipient: rfc822;hal@example.com\nAction: failed\nStatus: 5.1.1\n");
        BouncedRecipient r = read(dsn).get(0);
        assertThat(r.address()).isEqualTo("hal@example.com");
        assertThat(r.reason()).isEqualTo(Reason.USERUNKNOWN);
    }
}
