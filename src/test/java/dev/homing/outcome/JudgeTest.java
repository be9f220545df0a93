package dev.homing.outcome;

import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.ReplyReader;
import dev.homing.smtp.Stage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeTest {

    private final Judge judge = new Judge();

    private Verdict judge(Stage stage, int code, String text) {
        return judge.judge(stage, Reply.of(code, text));
    }

    // ---------------------------------------------------------------- the real-world table

    /** One row of replies.tsv: a reply as a server sent it and the verdict it must get. */
    record Row(int line, String source, Stage stage, int code, String wire, Disposition disposition, Reason reason,
               boolean hard, Responsibility responsibility, boolean slowDown) {
        @Override
        public String toString() {
            String first = wire.split("\\\\n")[0];
            return "line " + line + " (" + source + ") " + stage.label() + ": "
                    + (first.length() > 90 ? first.substring(0, 90) + "..." : first);
        }

        /** Parses the wire form with the real reply reader, so multi-line replies are read as the client reads them. */
        Reply reply() throws IOException {
            byte[] bytes = (wire.replace("\\n", "\r\n") + "\r\n").getBytes(StandardCharsets.UTF_8);
            return new ReplyReader(new ByteArrayInputStream(bytes)).read();
        }
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = JudgeTest.class.getResourceAsStream("/outcome/replies.tsv")) {
            assertThat(in).as("outcome/replies.tsv on the test classpath").isNotNull();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#") || line.startsWith("source\t")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertThat(f).as("columns on line %d", i + 1).hasSize(9);
                rows.add(new Row(i + 1, f[0], Stage.fromLabel(f[1]), Integer.parseInt(f[2]), f[3],
                        Disposition.valueOf(f[4]), Reason.fromLabel(f[5]), bool(f[6], i + 1),
                        Responsibility.valueOf(f[7]), bool(f[8], i + 1)));
            }
        }
        return rows;
    }

    private static boolean bool(String s, int line) {
        assertThat(s).as("boolean on line %d", line).isIn("true", "false");
        return Boolean.parseBoolean(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void realWorldReply(Row row) throws IOException {
        Reply reply = row.reply();
        assertThat(reply.code()).as("code column").isEqualTo(row.code());

        Verdict verdict = judge.judge(row.stage(), reply);

        assertThat(verdict.reason()).as("reason").isEqualTo(row.reason());
        assertThat(verdict.disposition()).as("disposition").isEqualTo(row.disposition());
        assertThat(verdict.hard()).as("hard").isEqualTo(row.hard());
        assertThat(verdict.responsibility()).as("responsibility").isEqualTo(row.responsibility());
        assertThat(verdict.slowDown()).as("slowDown").isEqualTo(row.slowDown());
        assertThat(verdict.sentence()).isNotBlank().endsWith(".");
    }

    @Test
    void tableCoversTheProvidersAndIsLargeEnough() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(80);
        assertThat(rows).extracting(Row::source).anyMatch(s -> s.startsWith("gmail"))
                .anyMatch(s -> s.startsWith("outlook")).anyMatch(s -> s.startsWith("yahoo"))
                .anyMatch(s -> s.startsWith("postfix")).anyMatch(s -> s.startsWith("exim"))
                .anyMatch(s -> s.startsWith("exchange on-premises")).anyMatch(s -> s.startsWith("mimecast"))
                .anyMatch(s -> s.startsWith("proofpoint"));
        assertThat(rows).extracting(Row::disposition).contains(Disposition.DELIVERED, Disposition.RETRY, Disposition.FAILED);
    }

    // ---------------------------------------------------------------- replies with nothing but a code

    /** A reply with no telling words ("nope"): the enhanced status, the code and the stage decide. */
    record Minimal(Stage stage, int code, String text, Reason reason, Responsibility responsibility) {
        @Override
        public String toString() {
            return code + " " + text + " at " + stage.label();
        }
    }

    private static Minimal m(Stage stage, int code, String text, Reason reason, Responsibility who) {
        return new Minimal(stage, code, text, reason, who);
    }

    static List<Minimal> minimal() {
        return List.of(
                m(Stage.RCPT, 550, "5.1.1 nope", Reason.USERUNKNOWN, Responsibility.RECIPIENT),
                m(Stage.RCPT, 550, "5.1.2 nope", Reason.HOSTUNKNOWN, Responsibility.RECIPIENT),
                m(Stage.RCPT, 553, "5.1.3 nope", Reason.USERUNKNOWN, Responsibility.RECIPIENT),
                m(Stage.RCPT, 550, "5.1.6 nope", Reason.HASMOVED, Responsibility.RECIPIENT),
                m(Stage.RCPT, 550, "5.1.10 nope", Reason.NOTACCEPT, Responsibility.RECIPIENT),
                m(Stage.MAIL, 553, "5.1.7 nope", Reason.REJECTED, Responsibility.SENDER),
                m(Stage.MAIL, 550, "5.1.8 nope", Reason.REJECTED, Responsibility.SENDER),
                m(Stage.RCPT, 550, "5.2.1 nope", Reason.SUSPEND, Responsibility.RECIPIENT),
                m(Stage.RCPT, 452, "4.2.2 nope", Reason.MAILBOXFULL, Responsibility.RECIPIENT),
                m(Stage.DOT, 552, "5.2.3 nope", Reason.EXCEEDLIMIT, Responsibility.CONTENT),
                m(Stage.DOT, 552, "5.3.4 nope", Reason.MESGTOOBIG, Responsibility.CONTENT),
                m(Stage.RCPT, 452, "4.3.1 nope", Reason.SYSTEMFULL, Responsibility.NETWORK),
                m(Stage.RCPT, 550, "5.3.2 nope", Reason.NOTACCEPT, Responsibility.RECIPIENT),
                m(Stage.DOT, 451, "4.3.0 nope", Reason.SYSTEMERROR, Responsibility.NETWORK),
                m(Stage.RCPT, 550, "5.4.7 nope", Reason.EXPIRED, Responsibility.NETWORK),
                m(Stage.RCPT, 451, "4.4.1 nope", Reason.NETWORKERROR, Responsibility.NETWORK),
                m(Stage.RCPT, 452, "4.5.3 nope", Reason.TOOMANYCONN, Responsibility.OURS),
                m(Stage.MAIL, 501, "5.5.4 nope", Reason.SYNTAXERROR, Responsibility.OURS),
                m(Stage.DOT, 554, "5.6.0 nope", Reason.CONTENTERROR, Responsibility.CONTENT),
                m(Stage.RCPT, 525, "5.7.13 nope", Reason.SUSPEND, Responsibility.RECIPIENT),
                m(Stage.RCPT, 550, "5.7.17 nope", Reason.HASMOVED, Responsibility.RECIPIENT),
                m(Stage.DOT, 550, "5.7.20 nope", Reason.AUTHFAILURE, Responsibility.SENDER),
                m(Stage.DOT, 550, "5.7.23 nope", Reason.AUTHFAILURE, Responsibility.SENDER),
                m(Stage.DOT, 550, "5.7.26 nope", Reason.AUTHFAILURE, Responsibility.SENDER),
                m(Stage.MAIL, 550, "5.7.27 nope", Reason.REJECTED, Responsibility.SENDER),
                m(Stage.DOT, 550, "5.7.25 nope", Reason.REQUIREPTR, Responsibility.SENDER),
                m(Stage.DOT, 421, "4.7.28 nope", Reason.BADREPUTATION, Responsibility.SENDER),
                m(Stage.MAIL, 530, "5.7.10 nope", Reason.FAILEDSTARTTLS, Responsibility.REMOTE_POLICY),
                m(Stage.MAIL, 535, "5.7.8 nope", Reason.SECURITYERROR, Responsibility.REMOTE_POLICY),
                m(Stage.BANNER, 554, "5.7.1 nope", Reason.BLOCKED, Responsibility.SENDER),
                m(Stage.MAIL, 550, "5.7.1 nope", Reason.BLOCKED, Responsibility.SENDER),
                m(Stage.RCPT, 550, "5.7.1 nope", Reason.FILTERED, Responsibility.REMOTE_POLICY),
                m(Stage.DOT, 550, "5.7.1 nope", Reason.POLICYVIOLATION, Responsibility.REMOTE_POLICY),
                m(Stage.DOT, 554, "5.7.0 nope", Reason.POLICYVIOLATION, Responsibility.REMOTE_POLICY),
                m(Stage.RCPT, 550, "5.7.1 Requested action not taken: mailbox unavailable", Reason.FILTERED, Responsibility.REMOTE_POLICY),
                m(Stage.MAIL, 503, "5.5.1 EHLO/HELO first", Reason.SYNTAXERROR, Responsibility.OURS),
                m(Stage.BANNER, 521, "nope", Reason.NOTACCEPT, Responsibility.RECIPIENT),
                m(Stage.RCPT, 556, "nope", Reason.NOTACCEPT, Responsibility.RECIPIENT),
                m(Stage.BANNER, 421, "nope", Reason.SYSTEMERROR, Responsibility.NETWORK),
                m(Stage.RCPT, 450, "nope", Reason.UNDEFINED, Responsibility.REMOTE_POLICY),
                m(Stage.EHLO, 550, "nope", Reason.BLOCKED, Responsibility.SENDER),
                m(Stage.STARTTLS, 554, "nope", Reason.FAILEDSTARTTLS, Responsibility.REMOTE_POLICY),
                m(Stage.MAIL, 550, "nope", Reason.REJECTED, Responsibility.SENDER),
                m(Stage.RCPT, 550, "nope", Reason.USERUNKNOWN, Responsibility.RECIPIENT),
                m(Stage.DATA, 554, "nope", Reason.FILTERED, Responsibility.REMOTE_POLICY),
                m(Stage.DOT, 554, "nope", Reason.POLICYVIOLATION, Responsibility.REMOTE_POLICY),
                m(Stage.QUIT, 554, "nope", Reason.UNDEFINED, Responsibility.REMOTE_POLICY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("minimal")
    void minimalReply(Minimal m) {
        Verdict v = judge(m.stage(), m.code(), m.text());
        assertThat(v.reason()).as("reason").isEqualTo(m.reason());
        assertThat(v.responsibility()).as("responsibility").isEqualTo(m.responsibility());
        assertThat(v.hard()).as("hard").isEqualTo(m.code() >= 500 && m.reason().hard());
    }

    /**
     * Every rule decides at least one reply of the two tables above. A rule that decides none is either
     * untested or shadowed by an earlier rule (then it can never fire): both deserve a failing build.
     */
    @Test
    void everyRuleInTheTableDecidesSomeReply() throws IOException {
        Set<Integer> decided = new TreeSet<>();
        for (Row row : rows()) {
            if (row.code() >= 400) {
                decided.add(decidingRule(row.stage(), row.reply()));
            }
        }
        for (Minimal m : minimal()) {
            decided.add(decidingRule(m.stage(), Reply.of(m.code(), m.text())));
        }
        for (ReportedCase r : reportedCases()) {
            decided.add(decidingRule(r.stage(), Reply.of(r.code(), r.text())));
        }
        List<String> undecided = new ArrayList<>();
        for (int i = 0; i < Rules.TABLE.size(); i++) {
            if (!decided.contains(i)) {
                Rule r = Rules.TABLE.get(i);
                undecided.add(r + " text=" + r.text());
            }
        }
        assertThat(undecided).as("rules that decide no reply in replies.tsv or minimal()").isEmpty();
    }

    private static int decidingRule(Stage stage, Reply reply) {
        ReplyText read = ReplyText.of(reply);
        return Rules.TABLE.indexOf(Rules.first(stage, reply.code(), read.status(), read.text()));
    }

    // ---------------------------------------------------------------- the order of evidence

    /** What a report says about one recipient, and the verdict it must get (reports that name no command have stage null). */
    record ReportedCase(String source, Stage stage, int code, String text, boolean delayed, String reportWords, Reason reason,
                        Evidence evidence) {
        @Override
        public String toString() {
            return source + ": " + code + " " + text + (stage == null ? "" : " at " + stage.label()) + (delayed ? " (delayed)" : "");
        }
    }

    static List<ReportedCase> reportedCases() {
        return List.of(
                // the words decide; a report naming no command is about the recipient
                new ReportedCase("Sendmail, a relayed reply", null, 550, "5.1.1 <a@example.jp>... User unknown", false, null,
                        Reason.USERUNKNOWN, Evidence.VOCABULARY),
                // user-unknown words under a status about the mailbox's state, in a report that names no command: the status says
                // the server refused for a reason other than the address's existence (RFC 3463 X.2)
                new ReportedCase("Zoho, a relayed reply", null, 550, "5.2.1 <a@example.co.jp>... User Unknown", false, null,
                        Reason.FILTERED, Evidence.VOCABULARY),
                // the same words, the report naming RCPT: about the address
                new ReportedCase("Yandex, a relayed reply", Stage.RCPT, 550, "5.2.1 <a@example.jp>... User Unknown", false, null,
                        Reason.USERUNKNOWN, Evidence.VOCABULARY),
                // the same words after the end of data: the server had accepted the recipient, its filter refused the message
                new ReportedCase("Exim relaying to a carrier", Stage.DOT, 550, "User unknown", false, null,
                        Reason.FILTERED, Evidence.VOCABULARY),
                // a relayed refusal of our envelope sender that names the address (Haraka connection.js, mail hook DENY), or
                // puts it on a list of blocked senders
                new ReportedCase("Haraka, a relayed sender refusal", null, 550, "sender <bounce@example.net> denied", false, null,
                        Reason.REJECTED, Evidence.VOCABULARY),
                new ReportedCase("a relayed sender block list", null, 550, "5.7.1 sender bounce@example.net is on the blocked list", false, null,
                        Reason.REJECTED, Evidence.VOCABULARY),
                // a sender domain on a domain list that also lists links (Spamhaus DBL): the words say it is the sender's
                new ReportedCase("a relayed RHSBL refusal", null, 550, "5.7.1 Sender domain is listed in Spamhaus DBL", false, null,
                        Reason.REJECTED, Evidence.VOCABULARY),
                // a relay that could not connect because the destination's certificate is not trusted (Microsoft Learn, Exchange
                // Online NDR 4.4.317): the TLS failure, not the network status
                new ReportedCase("Exchange Online, untrusted certificate", null, 450, "4.4.317 Cannot connect to remote server [Message=UntrustedRoot]",
                        false, null, Reason.FAILEDSTARTTLS, Evidence.VOCABULARY),
                // local bounce texts in Japanese and Chinese (grommunio gromox data/local_bounce and mail_bounce templates) and
                // Exchange Online's German NDR text, in reports that quote no English reply
                new ReportedCase("gromox, Japanese", null, 550, "受信者が存在していないため、メール送信失敗", false, null,
                        Reason.USERUNKNOWN, Evidence.VOCABULARY),
                new ReportedCase("gromox, Chinese", null, 552, "投递失败，收件人邮箱已满", false, null, Reason.MAILBOXFULL, Evidence.VOCABULARY),
                new ReportedCase("gromox, Chinese, too large", null, 552, "投递失败，邮件过大", false, null, Reason.MESGTOOBIG,
                        Evidence.VOCABULARY),
                new ReportedCase("Exchange Online, German", null, 552,
                        "Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen.", false, null,
                        Reason.MAILBOXFULL, Evidence.VOCABULARY),
                // a final report about a temporary network failure: the reporting server gave up, the cause is the time spent
                new ReportedCase("Postfix, expired", null, 450, "4.4.1 connect to example.com[192.0.2.1]:25: Connection timed out", false, null,
                        Reason.EXPIRED, Evidence.REPORT),
                // a final report whose words say the reporting server gave up after its queue lifetime (qmail-send)
                new ReportedCase("qmail-send, queue lifetime", null, 550, "Sorry, I wasn't able to establish an SMTP connection.", false,
                        "I'm not going to try again; this message has been in the queue too long.",
                        Reason.EXPIRED, Evidence.REPORT),
                // a host not found for now (qmail-remote's #4.1.2, a DNS answer that may still come) until the queue lifetime ended:
                // the reporting server gave up, as after failed connections; the domain was not found to be dead
                new ReportedCase("qmail-send, host not found for now", null, 451, "Sorry, I couldn't find any host by that name. (#4.1.2)", false,
                        "I'm not going to try again; this message has been in the queue too long.", Reason.EXPIRED, Evidence.REPORT),
                new ReportedCase("qmail-send, host not found for now, still trying", null, 451,
                        "Sorry, I couldn't find any host by that name. (#4.1.2)", true, null, Reason.HOSTUNKNOWN, Evidence.VOCABULARY),
                // a delay notice that names its cause keeps it (and is not final)
                new ReportedCase("Gmail, delay notice", null, 452, "4.2.2 The email account that you tried to reach is over quota.", true, null,
                        Reason.MAILBOXFULL, Evidence.VOCABULARY),
                // Exim's dnslookup router could not finish the DNS lookup: a network failure while it retries, expired once it gives up
                new ReportedCase("Exim, delay notice", null, 451, "host lookup did not complete", true, null, Reason.NETWORKERROR,
                        Evidence.VOCABULARY),
                new ReportedCase("Exim, gave up", null, 550, "host lookup did not complete: retry timeout exceeded", false, null,
                        Reason.EXPIRED, Evidence.REPORT),
                // GoDaddy help 40685: "Account storage limit", the recipient's account has reached its storage limit
                new ReportedCase("GoDaddy, storage limit", null, 552, "Account storage limit exceeded", false, null, Reason.MAILBOXFULL,
                        Evidence.VOCABULARY),
                // a mailbox over its size limit or holding too many messages is over a per-mailbox quota (RFC 3463 X.2.2), not a
                // message too big or a sending rate
                new ReportedCase("a mailbox over its size limit", null, 552, "The user's mailbox is over its size limit", false, null,
                        Reason.MAILBOXFULL, Evidence.VOCABULARY),
                new ReportedCase("a mailbox with too many messages", null, 552, "Too many mails in the mailbox", false, null,
                        Reason.MAILBOXFULL, Evidence.VOCABULARY),
                // Exchange's 5.4.4 words without their status: the recipient's domain does not exist
                new ReportedCase("Exchange, relayed without status", null, 550, "nonexistent domain", false, null, Reason.HOSTUNKNOWN,
                        Evidence.VOCABULARY),
                // Gmail could not send from an alias ("Send mail as"): the sender side was refused, not the recipient
                new ReportedCase("Gmail, Send mail as", null, 550,
                        "You're sending this from a different address or alias using the 'Send mail as' feature. The settings for your "
                                + "'Send mail as' account are misconfigured or out of date. Check those settings and try resending. Learn more "
                                + "here: https://support.google.com/mail/?p=CustomFromDenied", false, null, Reason.REJECTED, Evidence.WORDING),
                // Exim's smtp transport refuses a message whose lines exceed message_linelength_limit (RFC 5322 2.1.1: 998)
                new ReportedCase("Exim, line length", null, 550, "message has lines too long for transport (received 3896, limit 2048)",
                        false, null, Reason.NOTCOMPLIANTRFC, Evidence.VOCABULARY),
                // the mail system's storage, not the mailbox's, is full (RFC 3463 X.3.1 Mail system full)
                new ReportedCase("a full mail system", null, 452, "4.3.1 Mail system storage is full.", true, null, Reason.SYSTEMFULL,
                        Evidence.VOCABULARY),
                // a failed connection named with its peer is a network failure (1&1 IONOS delay notice)
                new ReportedCase("1&1 IONOS, delay notice", null, 400, "host example.de[192.0.2.1]: connection to mail exchanger failed", true,
                        null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                // a delivery program's exit status in Go's words (chasquid's MDA courier)
                new ReportedCase("chasquid, pipe delivery", null, 550, "exit status 1", false, null, Reason.MAILERERROR, Evidence.WORDING),
                // a delay notice that names none: still trying past a warning time
                new ReportedCase("Sendmail, delay notice", null, 450, "", true, null, Reason.EXPIRED, Evidence.REPORT),
                // the words with which a delay notice names itself name no cause, not a system error (Stalwart dsn.rs, Gmail,
                // OpenSMTPD bounce.c notice_warning2)
                new ReportedCase("Stalwart, delay notice", null, 450, "There was a temporary problem delivering your message to the following recipients:",
                        true, null, Reason.EXPIRED, Evidence.REPORT),
                new ReportedCase("Gmail, older delay notice", null, 450, "Technical details of temporary failure:", true, null,
                        Reason.EXPIRED, Evidence.REPORT),
                new ReportedCase("OpenSMTPD, delay warning", null, 450, "Please note that this is only a temporary failure report."
                        + " The message is kept in the queue for up to 4 days.", true, null, Reason.EXPIRED, Evidence.REPORT),
                // a temporary failure that is the server's own still is one (Zimbra LmtpReply.java)
                new ReportedCase("Zimbra, a local failure", null, 451, "4.0.0 Temporary message delivery failure try again", true, null,
                        Reason.SYSTEMERROR, Evidence.VOCABULARY),
                // a DNS lookup that failed for now, or no usable route to the MX, is a network failure while the server retries
                // (OpenSMTPD mta.c, DNS_RETRY; its connectors' failure; Apache James RemoteDelivery; Alibaba Cloud DirectMail 423)
                new ReportedCase("OpenSMTPD, MX lookup", null, 450, "Temporary failure in MX lookup", true, null, Reason.NETWORKERROR,
                        Evidence.VOCABULARY),
                new ReportedCase("OpenSMTPD, no route", null, 450, "No valid route to remote MX", true, null, Reason.NETWORKERROR,
                        Evidence.VOCABULARY),
                new ReportedCase("Apache James, MX lookup", null, 450, "Temporary problem looking up mail server for host: example.com."
                        + "  I cannot determine where to send this message.", true, null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                new ReportedCase("Alibaba DirectMail, DNS", null, 423, "Dns resolve error", true, null, Reason.NETWORKERROR,
                        Evidence.VOCABULARY),
                // quota and address words of Chinese hosts' bounce keywords (Alibaba Mail help; fobhost.com keyword table)
                new ReportedCase("Alibaba Mail, quota", null, 550, "Quota exceed the hard limit for user", false, null, Reason.MAILBOXFULL,
                        Evidence.VOCABULARY),
                new ReportedCase("a Chinese host, no such user", null, 550, "User jdoe@example.com is not found in Server", false, null,
                        Reason.USERUNKNOWN, Evidence.VOCABULARY),
                new ReportedCase("a Chinese host, IP refused", null, 550, "remote ip is forbidden", false, null, Reason.BLOCKED,
                        Evidence.VOCABULARY),
                // Libero's relay refusal ("550 Relay Disabled") is not a disabled mailbox
                new ReportedCase("Libero, relay", null, 550, "Relay Disabled", false, null, Reason.NORELAYING, Evidence.VOCABULARY),
                // Cyrus LMTP's refusals of a malformed message (imap_err.et): RFC 5322 line ends and header/body separator
                new ReportedCase("Cyrus, bare newlines", null, 554, "5.6.0 Message contains bare newlines", false, null,
                        Reason.NOTCOMPLIANTRFC, Evidence.VOCABULARY),
                new ReportedCase("Cyrus, no separator", null, 554, "5.6.0 Message has no header/body separator", false, null,
                        Reason.NOTCOMPLIANTRFC, Evidence.VOCABULARY),
                // qmail's bouncesaying(1) for an address set to bounce all its mail: it exists and is disabled, not unknown
                new ReportedCase("qmail bouncesaying", null, 550, "This address no longer accepts mail.", false, null, Reason.SUSPEND,
                        Evidence.VOCABULARY),
                // qmail-remote's own words for a failed connection, while qmail-send retries (qmail-remote.c, #4.4.1 and #4.4.2)
                new ReportedCase("qmail-remote, no connection", null, 451, "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)",
                        true, null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                new ReportedCase("qmail-remote, connection died", null, 451, "Connected to 192.0.2.1 but connection died. (#4.4.2)",
                        true, null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                // qmail's validrcptto patch names its list of mailboxes under a policy status (#5.7.1): the words decide
                new ReportedCase("qmail validrcptto, relayed", null, 553, "sorry, this recipient is not in my validrcptto list (#5.7.1)",
                        false, null, Reason.USERUNKNOWN, Evidence.WORDING),
                // Exim's transport refuses a message over its message_size_limit in its own words
                new ReportedCase("Exim, transport size limit", null, 550, "message is too big (transport limit = 1048576)", false, null,
                        Reason.MESGTOOBIG, Evidence.VOCABULARY),
                // RFC 3463 X.3.2 under a 4xx is the load, shutdown or maintenance the RFC names: the system's state, not a host that
                // takes no mail (Exchange STOREDRV, Microsoft Learn NDR 4.3.2)
                new ReportedCase("Exchange, database offline", null, 432, "4.3.2 STOREDRV; mailbox database is offline", true, null,
                        Reason.SYSTEMERROR, Evidence.STATUS),
                new ReportedCase("a 5xx X.3.2", null, 554, "5.3.2", false, null, Reason.NOTACCEPT,
                        Evidence.STATUS),
                // Postal's own words when no MX could be reached
                new ReportedCase("Postal, no hosts", null, 450, "No SMTP servers were available for example.com. No hosts to try.", true, null,
                        Reason.NETWORKERROR, Evidence.VOCABULARY),
                // a local delivery agent's failure in its MTA's words (Exim pipe transport, notqmail qmail-lspawn, Sendmail EX_CANTCREAT)
                new ReportedCase("Exim, pipe timed out", null, 550, "pipe delivery process timed out", false, null, Reason.MAILERERROR,
                        Evidence.WORDING),
                new ReportedCase("qmail, qmail-local crashed", null, 451, "qmail-local crashed.", true, null, Reason.MAILERERROR,
                        Evidence.WORDING),
                new ReportedCase("Sendmail, can't create output", null, 550, "5.0.0 <jdoe@example.com>... Can't create output", false, null,
                        Reason.MAILERERROR, Evidence.WORDING),
                // a temporary failure to look a user up (OpenSMTPD lka) does not say the user is unknown
                new ReportedCase("OpenSMTPD, user lookup", null, 450, "Temporary failure in user lookup", true, null, Reason.SYSTEMERROR,
                        Evidence.VOCABULARY),
                // a full disk is storage; memory is not (the mail system's state: systemerror)
                new ReportedCase("qmail-local, disk full", null, 451, "Unable to write ./Mailbox: out of disk space. (#4.3.0)", true, null,
                        Reason.SYSTEMFULL, Evidence.VOCABULARY),
                new ReportedCase("out of memory", null, 451, "out of memory.", true, null, Reason.SYSTEMERROR, Evidence.VOCABULARY),
                // OpenSMTPD's relay route failures (mta.c): the network, and a destination whose every MX refused
                new ReportedCase("OpenSMTPD, address family", null, 450, "Address family mismatch on destination MXs", true, null,
                        Reason.NETWORKERROR, Evidence.VOCABULARY),
                new ReportedCase("OpenSMTPD, all refused", null, 550, "Destination seem to reject all mails", false, null, Reason.NOTACCEPT,
                        Evidence.VOCABULARY),
                // Sendmail's MX loop, a peer that closed the connection (Exim, hMailServer), SmarterMail's failed attempts, Domino's
                // forwarding loop: network and routing
                new ReportedCase("Sendmail, MX list loop", null, 554, "5.0.0 MX list for example.com points back to mx.example.com", false,
                        null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                new ReportedCase("hMailServer, closed", null, 450, "Remote server closed connection.", true, null, Reason.NETWORKERROR,
                        Evidence.VOCABULARY),
                new ReportedCase("SmarterMail, attempts", null, 550, "Failed all attempts to connect to the recipients mail server.", false,
                        null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                new ReportedCase("Domino, forwarding loop", null, 550, "Maximum forwarding loop count exceeded, message probably in a forwarding loop",
                        false, null, Reason.NETWORKERROR, Evidence.VOCABULARY),
                // Exchange Online's NDR body, when the report carries no status: the address, or the domain, was not found
                new ReportedCase("Exchange Online, address", null, 550, "Your message wasn't delivered to jdoe@example.com because the address"
                        + " couldn't be found, or is unable to receive mail.", false, null, Reason.USERUNKNOWN, Evidence.VOCABULARY),
                new ReportedCase("Exchange Online, domain", null, 550, "Your message wasn't delivered to jdoe@example.com because the domain"
                        + " example.com couldn't be found. Check for typos or unnecessary spaces and try again.", false, null, Reason.HOSTUNKNOWN,
                        Evidence.VOCABULARY),
                // Postini's connection failure while it retries, and its notice of giving up
                new ReportedCase("Postini, cannot connect", null, 451, "Cannot connect to domain:example.com - psmtp", true, null,
                        Reason.NETWORKERROR, Evidence.VOCABULARY),
                new ReportedCase("Postini, gave up", null, 550, "MTA inaccessible for too long for domain:example.com - psmtp", false, null,
                        Reason.EXPIRED, Evidence.WORDING),
                // Exchange 5.5's MTA: the recipient postal address not known (KB Q215368)
                new ReportedCase("Exchange 5.5, postal address", null, 550, "The message was undeliverable because the recipient specified in the"
                        + " recipient postal address was not known at this address", false, null, Reason.USERUNKNOWN, Evidence.WORDING),
                // older wordings of a full mailbox (pobox.com's common bounces) and of an unknown host (Sun Messaging Server)
                new ReportedCase("pobox, over the quota", null, 550, "User is over the quota. You can try again later.", false, null,
                        Reason.MAILBOXFULL, Evidence.VOCABULARY),
                new ReportedCase("procmail, mailbox limit", null, 550, "procmail: Mailbox limit exceeded while appending message", false, null,
                        Reason.MAILBOXFULL, Evidence.VOCABULARY),
                new ReportedCase("Sun Messaging Server, host", null, 550, "illegal host/domain specified", false, null, Reason.HOSTUNKNOWN,
                        Evidence.VOCABULARY),
                new ReportedCase("X.400, too many recipients", null, 550, "TOO MANY X.400 RECIPIENTS.", false, null, Reason.TOOMANYCONN,
                        Evidence.VOCABULARY),
                // a final report whose words no rule reads: it failed, not why
                new ReportedCase("Lotus Notes", null, 550, "Error (as a test message)", false, null, Reason.ONHOLD, Evidence.REPORT),
                // nothing at all
                new ReportedCase("a bare report", null, 550, "", false, null, Reason.UNDEFINED, Evidence.CLASS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reportedCases")
    void aReportIsJudgedInTheOrderOfItsEvidence(ReportedCase c) {
        Reply reply = Reply.of(c.code(), c.text());
        Verdict v = judge.judgeReported(new Reported(c.stage(), reply, !c.text().isBlank(), c.delayed(), c.reportWords(), false));
        assertThat(v.reason()).as("reason").isEqualTo(c.reason());
        assertThat(v.evidence()).as("evidence").isEqualTo(c.evidence());
        assertThat(v.disposition()).as("disposition").isEqualTo(c.delayed() ? Disposition.RETRY : Disposition.FAILED);
        assertThat(v.sentence()).isNotBlank().endsWith(".");
    }

    /** One tier beats the next, live: each pair would read differently if the tiers were in another order. */
    @Nested
    class EvidenceOrder {
        @Test
        void aProviderWordingBeatsTheVocabulary() {
            // "temporarily unavailable" is the vocabulary of a system error; Mimecast's wording means greylisting
            Verdict v = judge(Stage.RCPT, 451, "4.7.1 Internal resources are temporarily unavailable");
            assertThat(v.reason()).isEqualTo(Reason.GREYLISTING);
            assertThat(v.evidence()).isEqualTo(Evidence.WORDING);
        }

        @Test
        void rfc5321sStockTextDecidesOnlyWhenNoOtherWordsDo() {
            // "mailbox unavailable" is RFC 5321's text for any 550 (section 4.2.2); 1&1 IONOS adds its own reason after it
            Verdict v = judge(Stage.RCPT, 450, "Requested mail action not taken: mailbox unavailable Reject due to policy violations."
                    + " For explanation visit https://help.1and1.com/smtp-error-messages?ip=192.0.2.1&c=poli");
            assertThat(v.reason()).isEqualTo(Reason.POLICYVIOLATION);
            // alone, it is read at RCPT as about the mailbox
            assertThat(judge(Stage.RCPT, 550, "Requested action not taken: mailbox unavailable").reason()).isEqualTo(Reason.USERUNKNOWN);
        }

        @Test
        void theVocabularyBeatsTheStatus() {
            // 5.7.1 alone would be a policy refusal; the words name a full mailbox
            Verdict v = judge(Stage.RCPT, 550, "5.7.1 Mailbox full");
            assertThat(v.reason()).isEqualTo(Reason.MAILBOXFULL);
            assertThat(v.evidence()).isEqualTo(Evidence.VOCABULARY);
        }

        @Test
        void theStatusBeatsTheCommand() {
            // a wordless 550 at RCPT would be read from the command as user unknown; 5.2.2 says the mailbox is full
            Verdict v = judge(Stage.RCPT, 550, "5.2.2 nope");
            assertThat(v.reason()).isEqualTo(Reason.MAILBOXFULL);
            assertThat(v.evidence()).isEqualTo(Evidence.STATUS);
        }

        @Test
        void theCommandBeatsTheClass() {
            // after MAIL FROM a wordless refusal is about our sender address (RFC 5321 section 3.3)
            Verdict v = judge(Stage.MAIL, 550, "nope");
            assertThat(v.reason()).isEqualTo(Reason.REJECTED);
            assertThat(v.evidence()).isEqualTo(Evidence.COMMAND);
            assertThat(v.evidence().firm()).isFalse();
        }

        @Test
        void theClassIsTheLastResort() {
            Verdict v = judge(Stage.RCPT, 450, "nope");
            assertThat(v.reason()).isEqualTo(Reason.UNDEFINED);
            assertThat(v.evidence()).isEqualTo(Evidence.CLASS);
        }

        @Test
        void aReasonIsNeverRelabelledToBeCareful() {
            // the same words at RCPT, with or without an x.1.x status: what the server said, the same reason both times
            assertThat(judge(Stage.RCPT, 550, "User unknown").reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(judge(Stage.RCPT, 550, "5.1.1 User unknown").reason()).isEqualTo(Reason.USERUNKNOWN);
            Reported noStage = new Reported(null, Reply.of(550, "Requested action not taken: no such user here"), true, false, null, false);
            assertThat(judge.judgeReported(noStage).reason()).isEqualTo(Reason.USERUNKNOWN);
        }
    }

    /** The reporting servers' own words for giving up, each from its source; every row of the report tier reads one. */
    static final List<String> GAVE_UP_WORDS = List.of(
            "I'm not going to try again; this message has been in the queue too long.", // qmail-send
            "retry timeout exceeded", // Exim
            "all hosts for 'example.com' have been failing for a long time (and retry time not reached)", // Exim
            "Cannot send message for 5 days", // Sendmail
            "status=expired, returned to sender", // Postfix qmgr
            "Envelope expired", // OpenSMTPD
            "The recipient server did not accept our requests to connect.", // Gmail
            "Unable to deliver message after multiple retries, giving up.", // Yahoo
            "The server has tried to deliver this message, without success, and has stopped trying."); // Microsoft Exchange 4.4.7

    @Test
    void everyGaveUpRowReadsARealSentenceAndOnlyThose() {
        Set<Integer> read = new TreeSet<>();
        for (String words : GAVE_UP_WORDS) {
            Rule r = Rules.saysGaveUp(words);
            assertThat(r).as("gave-up words: %s", words).isNotNull();
            read.add(Rules.GAVE_UP.indexOf(r));
        }
        for (int i = 0; i < Rules.GAVE_UP.size(); i++) {
            assertThat(read).as("%s reads none of the sentences", Rules.GAVE_UP.get(i)).contains(i);
        }
        assertThat(Judge.saysGaveUp("550 5.1.1 User unknown")).isFalse();
        assertThat(Judge.saysGaveUp("This is a warning only: your message has not yet been delivered")).isFalse();
    }

    // ---------------------------------------------------------------- never the first digit alone

    @Nested
    class SameFirstDigitDifferentVerdict {

        @Test
        void userUnknownIsAHardBounceOfTheAddress() {
            Verdict v = judge(Stage.RCPT, 550, "5.1.1 user unknown");
            assertThat(v.disposition()).isEqualTo(Disposition.FAILED);
            assertThat(v.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(v.hard()).isTrue();
            assertThat(v.responsibility()).isEqualTo(Responsibility.RECIPIENT);
            assertThat(v.sentence()).contains("does not exist").contains("remove");
        }

        @Test
        void aPolicyBlockIsOurProblemNotTheAddresss() {
            Verdict v = judge(Stage.RCPT, 550, "5.7.1 Service unavailable; client [192.0.2.1] blocked by policy");
            assertThat(v.disposition()).isEqualTo(Disposition.FAILED);
            assertThat(v.reason()).isEqualTo(Reason.BLOCKED);
            assertThat(v.hard()).isFalse();
            assertThat(v.responsibility()).isEqualTo(Responsibility.SENDER);
            assertThat(v.sentence()).contains("not the address's fault");
        }

        @Test
        void aFourTwentyOneTryAgainLaterThrottles() {
            Verdict v = judge(Stage.MAIL, 421, "4.7.0 try again later");
            assertThat(v.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(v.slowDown()).isTrue();
            assertThat(v.hard()).isFalse();
        }

        @Test
        void greylistingRetriesWithoutSlowingDown() {
            Verdict v = judge(Stage.RCPT, 450, "4.2.0 <a@example.com>: Recipient address rejected: Greylisted");
            assertThat(v.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(v.reason()).isEqualTo(Reason.GREYLISTING);
            assertThat(v.slowDown()).isFalse();
        }

        @Test
        void aFourFiftyTooMuchMailSlowsDown() {
            Verdict v = judge(Stage.MAIL, 450, "4.7.1 Error: too much mail from 192.0.2.1");
            assertThat(v.reason()).isEqualTo(Reason.SPEEDING);
            assertThat(v.slowDown()).isTrue();
        }

        @Test
        void mailboxFullIsSoftWhetherTemporaryOrPermanent() {
            Verdict temporary = judge(Stage.RCPT, 452, "4.2.2 mailbox full");
            Verdict permanent = judge(Stage.RCPT, 552, "5.2.2 mailbox full");
            assertThat(temporary.reason()).isEqualTo(Reason.MAILBOXFULL);
            assertThat(temporary.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(permanent.reason()).isEqualTo(Reason.MAILBOXFULL);
            assertThat(permanent.disposition()).isEqualTo(Disposition.FAILED);
            assertThat(temporary.hard()).isFalse();
            assertThat(permanent.hard()).isFalse();
            assertThat(temporary.sentence()).isNotEqualTo(permanent.sentence());
        }

        @Test
        void aVagueRefusalAtRcptIsAUserUnknownOnWeakEvidence() {
            // RFC 5321 section 4.2.2: a 550 to RCPT is "mailbox unavailable". The reason says so; that only the command
            // decided it is recorded beside it, and the suppression rules keep such an address until it repeats.
            Verdict v = judge(Stage.RCPT, 550, "5.0.0 Rejected");
            assertThat(v.disposition()).isEqualTo(Disposition.FAILED);
            assertThat(v.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(v.evidence()).isEqualTo(Evidence.COMMAND);
            assertThat(v.evidence().firm()).isFalse();
            assertThat(judge(Stage.RCPT, 550, "5.1.1 User unknown").evidence().firm()).isTrue();
        }

        @Test
        void theSameBareStatusMeansDifferentThingsAtDifferentStages() {
            assertThat(judge(Stage.BANNER, 550, "5.7.1 Go").reason()).isEqualTo(Reason.BLOCKED);
            assertThat(judge(Stage.RCPT, 550, "5.7.1 No").reason()).isEqualTo(Reason.FILTERED);
            assertThat(judge(Stage.DOT, 550, "5.7.1 No").reason()).isEqualTo(Reason.POLICYVIOLATION);
            assertThat(judge(Stage.MAIL, 550, "5.7.1 No").responsibility()).isEqualTo(Responsibility.SENDER);
        }

        @Test
        void userUnknownAtMailIsAboutOurSenderAddress() {
            Verdict v = judge(Stage.MAIL, 550, "5.1.1 <bounce@example.net>... User unknown");
            assertThat(v.hard()).isFalse();
            assertThat(v.responsibility()).isEqualTo(Responsibility.SENDER);
        }

        @Test
        void textWinsOverTheStatusCode() {
            // 5.7.1 would mean a policy refusal; the text says the user is unknown.
            assertThat(judge(Stage.RCPT, 550, "5.7.1 550 User Unknown: a@example.org").reason()).isEqualTo(Reason.USERUNKNOWN);
            // 5.2.1 would mean a disabled mailbox; the text says it is a receiving rate.
            Verdict rate = judge(Stage.RCPT, 550, "5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages");
            assertThat(rate.reason()).isEqualTo(Reason.SPEEDING);
            assertThat(rate.hard()).isFalse();
            // 5.4.1 would mean a network problem; Exchange Online's text says the recipient does not exist.
            assertThat(judge(Stage.RCPT, 550, "5.4.1 Recipient address rejected: Access denied. AS(201806281)").hard()).isTrue();
        }

        @Test
        void boilerplateDoesNotBeatAnExplicitPolicyStatus() {
            // "Mailbox unavailable" is RFC 5321's stock text for any 550.
            assertThat(judge(Stage.RCPT, 550, "Requested action not taken: mailbox unavailable").reason()).isEqualTo(Reason.USERUNKNOWN);
            Verdict policy = judge(Stage.RCPT, 550, "5.7.1 Requested action not taken: mailbox unavailable");
            assertThat(policy.reason()).isEqualTo(Reason.FILTERED);
            assertThat(policy.hard()).isFalse();
            // Postfix prefixes every recipient restriction with "Recipient address rejected:"; the prefix alone proves nothing:
            // only the command decides, which is weak evidence.
            assertThat(judge(Stage.RCPT, 550, "5.0.0 <a@example.com>: Recipient address rejected: see our rules").evidence().firm()).isFalse();
        }

        @Test
        void hardOnlyWhenTheFailureIsFinal() {
            Verdict v = judge(Stage.RCPT, 450, "4.1.1 <a@example.com>: Recipient address rejected: User unknown");
            assertThat(v.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(v.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(v.hard()).isFalse();
            assertThat(v.sentence()).contains("retry");
        }

        @Test
        void aFourXxIsAlwaysARetryAndAFiveXxAFailure() {
            assertThat(judge(Stage.RCPT, 450, "4.1.1 no such user, permanently").disposition()).isEqualTo(Disposition.RETRY);
            assertThat(judge(Stage.RCPT, 550, "5.7.1 Greylisted, please try again later").disposition()).isEqualTo(Disposition.FAILED);
        }

        @Test
        void rfc5321TreatsTooManyRecipientsAs552AsTemporary() {
            Verdict v = judge(Stage.RCPT, 552, "Too many recipients");
            assertThat(v.disposition()).isEqualTo(Disposition.RETRY);
            assertThat(v.reason()).isEqualTo(Reason.TOOMANYCONN);
        }

        @Test
        void aDeferralThatSaysRateLimitedSlowsDownWhateverItsReason() {
            Verdict v = judge(Stage.DOT, 421, "4.7.26 This mail has been rate limited because it is unauthenticated. "
                    + "Gmail requires all senders to authenticate with either SPF or DKIM.");
            assertThat(v.reason()).isEqualTo(Reason.AUTHFAILURE);
            assertThat(v.slowDown()).isTrue();
        }

        @Test
        void phrasesBrokenAcrossLinesOfAMultiLineReplyStillMatch() {
            Reply reply = new Reply(550, dev.homing.smtp.EnhancedStatus.parse("5.1.1").orElseThrow(), List.of(
                    "5.1.1 The email account that you tried to reach does",
                    "5.1.1 not exist. Please try double-checking the recipient's email address"));
            assertThat(judge.judge(Stage.RCPT, reply).reason()).isEqualTo(Reason.USERUNKNOWN);
        }

        @Test
        void aFlattenedBounceDiagnosticReadsTheSame() {
            Verdict v = judge(Stage.RCPT, 550, "5.1.1 The email account that you tried to reach does 550-5.1.1 not exist. "
                    + "Please try 550-5.1.1 double-checking the recipient's email address 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser");
            assertThat(v.reason()).isEqualTo(Reason.USERUNKNOWN);
        }

        @Test
        void aStatusWhoseClassDisagreesWithTheCodeInTheTextIsIgnored() {
            // A "4.2.2" inside a 554's text is not its status (it would say mailbox full); the stage decides.
            Verdict v = judge(Stage.RCPT, 554, "see 4.2.2 xyz");
            assertThat(v.reason()).isEqualTo(Reason.USERUNKNOWN);
            assertThat(v.evidence()).isEqualTo(Evidence.COMMAND);
            // Yahoo's "4.16.55.1" is not an enhanced status at all.
            assertThat(new ReplyText(null, "").status()).isNull();
            assertThat(ReplyText.of(Reply.of(421, "[TSS04] deferred - 4.16.55.1")).status()).isNull();
        }

        @Test
        void anAddressInTheTextIsANameNotWords() {
            // the rows read the words around an address, never the words inside one
            assertThat(ReplyText.withoutAddresses("554 <spam-reports@example.com>... Service unavailable, virus@x.example.net (mailto:phishing@a.example)"))
                    .isEqualTo("554 <x@x>... Service unavailable, x@x (mailto:x@x)");
            assertThat(ReplyText.withoutAddresses("user@localhost said: 550 no @ here")).isEqualTo("user@localhost said: 550 no @ here");
            assertThat(judge(Stage.RCPT, 550, "5.1.1 <virus-alerts@example.com>: Recipient address rejected: User unknown").reason())
                    .isEqualTo(Reason.USERUNKNOWN);
        }
    }

    // ---------------------------------------------------------------- positive replies

    @Test
    void twoXxAfterTheDotIsDelivered() {
        Verdict v = judge(Stage.DOT, 250, "2.0.0 Ok: queued as 4Z3kQd1XyzZ9");
        assertThat(v.disposition()).isEqualTo(Disposition.DELIVERED);
        assertThat(v.reason()).isEqualTo(Reason.DELIVERED);
        assertThat(v.responsibility()).isEqualTo(Responsibility.NONE);
        assertThat(v.hard()).isFalse();
        assertThat(v.slowDown()).isFalse();
    }

    @Test
    void aPositiveReplyBeforeTheDotIsNotAnOutcome() {
        assertThatThrownBy(() -> judge(Stage.RCPT, 250, "2.1.5 Ok")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> judge(Stage.DATA, 354, "End data with <CR><LF>.<CR><LF>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> judge(Stage.DOT, 354, "go ahead")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownInternalCodeIsABug() {
        assertThatThrownBy(() -> judge(Stage.CONNECT, 199, "4.0.0 nothing")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- internal codes (failures without a reply)

    private Verdict internal(InternalCode code, Stage stage) {
        return judge.judge(stage, code.asReply("detail from the client"));
    }

    private static void expect(Verdict v, Disposition d, Reason r, boolean hard) {
        assertThat(v.disposition()).as("disposition").isEqualTo(d);
        assertThat(v.reason()).as("reason").isEqualTo(r);
        assertThat(v.hard()).as("hard").isEqualTo(hard);
        assertThat(v.slowDown()).as("slowDown").isFalse();
        assertThat(v.sentence()).isNotBlank().endsWith(".");
    }

    @Test
    void connectionFailuresAreRetriedNetworkErrors() {
        for (InternalCode c : List.of(InternalCode.CONNECT_TIMEOUT, InternalCode.CONNECTION_REFUSED, InternalCode.NO_ROUTE,
                InternalCode.CONNECTION_LOST, InternalCode.DIALOG_TIMEOUT, InternalCode.DNS_TEMPORARY)) {
            Verdict v = internal(c, Stage.CONNECT);
            expect(v, Disposition.RETRY, Reason.NETWORKERROR, false);
            assertThat(v.responsibility()).as("%s", c).isEqualTo(Responsibility.NETWORK);
        }
        assertThat(InternalCode.CONNECT_TIMEOUT.code()).isEqualTo(160);
        assertThat(InternalCode.DIALOG_TIMEOUT.code()).isEqualTo(146);
    }

    @Test
    void afterTheDotTheOutcomeIsUncertainAndNeverRetried() {
        for (InternalCode c : List.of(InternalCode.DOT_TIMEOUT, InternalCode.DOT_CONNECTION_LOST)) {
            Verdict v = internal(c, Stage.DOT);
            expect(v, Disposition.UNCERTAIN, Reason.UNCERTAIN, false);
            assertThat(v.sentence()).contains("may").contains("duplicate");
        }
        assertThat(InternalCode.DOT_TIMEOUT.code()).isEqualTo(147);
    }

    @Test
    void tlsFailuresAreRetried() {
        Verdict failed = internal(InternalCode.TLS_FAILED, Stage.STARTTLS);
        expect(failed, Disposition.RETRY, Reason.FAILEDSTARTTLS, false);
        assertThat(failed.responsibility()).isEqualTo(Responsibility.NETWORK);
        Verdict required = internal(InternalCode.TLS_REQUIRED, Stage.EHLO);
        expect(required, Disposition.RETRY, Reason.FAILEDSTARTTLS, false);
        assertThat(required.responsibility()).isEqualTo(Responsibility.REMOTE_POLICY);
    }

    @Test
    void aDomainThatDoesNotExistOrTakesNoMailIsAHardBounce() {
        expect(internal(InternalCode.DNS_NXDOMAIN, Stage.RESOLVE), Disposition.FAILED, Reason.HOSTUNKNOWN, true);
        expect(internal(InternalCode.DNS_NO_HOST, Stage.RESOLVE), Disposition.FAILED, Reason.HOSTUNKNOWN, true);
        expect(internal(InternalCode.DNS_NULL_MX, Stage.RESOLVE), Disposition.FAILED, Reason.NOTACCEPT, true);
        assertThat(internal(InternalCode.DNS_NXDOMAIN, Stage.RESOLVE).responsibility()).isEqualTo(Responsibility.RECIPIENT);
    }

    @Test
    void aServerThatBreaksTheProtocolIsRetried() {
        expect(internal(InternalCode.PROTOCOL_ERROR, Stage.BANNER), Disposition.RETRY, Reason.PROTOCOLERROR, false);
        expect(internal(InternalCode.REPLY_TOO_LONG, Stage.EHLO), Disposition.RETRY, Reason.PROTOCOLERROR, false);
    }

    @Test
    void localDecisionsBeforeSending() {
        expect(internal(InternalCode.INVALID_ADDRESS, Stage.LOCAL), Disposition.FAILED, Reason.INVALIDADDRESS, true);
        Verdict big = internal(InternalCode.MESSAGE_TOO_BIG, Stage.MAIL);
        expect(big, Disposition.FAILED, Reason.MESGTOOBIG, false);
        assertThat(big.responsibility()).isEqualTo(Responsibility.CONTENT);
        Verdict extension = internal(InternalCode.EXTENSION_MISSING, Stage.MAIL);
        expect(extension, Disposition.FAILED, Reason.CONTENTERROR, false);
        assertThat(extension.responsibility()).isEqualTo(Responsibility.CONTENT);
        Verdict expired = internal(InternalCode.EXPIRED, Stage.LOCAL);
        expect(expired, Disposition.FAILED, Reason.EXPIRED, false);
        assertThat(expired.responsibility()).isEqualTo(Responsibility.OURS);
        Verdict local = internal(InternalCode.LOCAL_ERROR, Stage.RCPT);
        expect(local, Disposition.RETRY, Reason.SYSTEMERROR, false);
        assertThat(local.responsibility()).isEqualTo(Responsibility.OURS);
    }

    @ParameterizedTest
    @EnumSource(InternalCode.class)
    void everyInternalCodeAgreesWithItsOwnClass(InternalCode code) {
        Verdict v = internal(code, Stage.CONNECT);
        // 194 (expired) carries 4.4.7, the status of the last temporary error, but expiry is final.
        Disposition expected = code.uncertain() ? Disposition.UNCERTAIN
                : code == InternalCode.EXPIRED || code.enhanced().isPermanent() ? Disposition.FAILED : Disposition.RETRY;
        assertThat(v.disposition()).isEqualTo(expected);
        assertThat(v.hard()).isEqualTo(v.disposition() == Disposition.FAILED && v.reason().hard());
    }

    // ---------------------------------------------------------------- sentences

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasAPlainSentence(Reason reason) {
        assertThat(reason.sentence()).isNotBlank().endsWith(".").doesNotContain("\n");
        assertThat(reason.deferredSentence()).isNotBlank().endsWith(".");
        assertThat(reason.definition()).isNotBlank().endsWith(".").doesNotContain("\n");
    }

    @Test
    void blocksAndFiltersSayTheAddressIsNotAtFault() {
        assertThat(Reason.BLOCKED.sentence()).contains("not the address's fault");
        assertThat(Reason.FILTERED.sentence()).contains("does not prove the address is bad");
        assertThat(Reason.USERUNKNOWN.sentence()).isEqualTo("The receiving server says this mailbox does not exist; remove the address.");
    }
}
