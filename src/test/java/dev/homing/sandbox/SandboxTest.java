package dev.homing.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.homing.smtp.InternalCode;
import dev.homing.smtp.Reply;
import dev.homing.smtp.ReplyException;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** Every behaviour over real sockets on 127.0.0.1, with a raw SMTP dialog. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SandboxTest {
    private static final String FROM = "sender@bounces.example";
    private static final int SHORT = 700; // ms a client waits where the sandbox is meant to stay silent

    private static MailSink sink;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.subethamail")).setLevel(Level.INFO);
        sink = new MailSink();
        sandbox = Sandbox.start(SandboxConfig.defaults()
                .withGreylistDelay(Duration.ofMillis(300))
                .withLateBounceDelay(Duration.ofMillis(200))
                .withDeferSessionLimit(2)
                .withHangDuration(Duration.ofSeconds(30))
                .withDsnRelayTo(sink.address()));
    }

    @AfterAll
    static void stop() throws IOException {
        sandbox.close();
        sink.close();
    }

    private static InetSocketAddress mx() {
        return sandbox.routes().get("sandbox.test");
    }

    private static SmtpDialog dialog() throws IOException {
        return SmtpDialog.open(mx(), 5000);
    }

    private static String message(String subject) {
        return "From: Sender <" + FROM + ">\r\n"
                + "To: someone@accept.sandbox.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + subject + "@bounces.example>\r\n"
                + "\r\n"
                + "BODY-MARKER line one\r\n"
                + ".a line that starts with a dot\r\n"
                + "x".repeat(5000) + "\r\n";
    }

    @Test
    void routesCoverEveryPortOnLoopback() {
        assertThat(sandbox.routes()).containsKeys("sandbox.test", "connect-timeout.sandbox.test", "refused.sandbox.test",
                "garbage.sandbox.test", "hangup.sandbox.test", "huge-reply.sandbox.test", "endless.sandbox.test");
        assertThat(sandbox.routes().values()).allSatisfy(a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
        assertThat(sandbox.routes().values().stream().map(InetSocketAddress::getPort).distinct()).hasSize(7);
        assertThat(sandbox.smtpAddress()).isEqualTo(mx());
    }

    @Test
    void ehloOffersTheUsualExtensions() throws IOException {
        try (SmtpDialog d = dialog()) {
            assertThat(d.reply().wire()).isEqualTo("220 mx.sandbox.test ESMTP Homing sandbox");
            Reply ehlo = d.command("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines().get(0)).isEqualTo("mx.sandbox.test");
            assertThat(ehlo.lines()).contains("PIPELINING", "STARTTLS", "ENHANCEDSTATUSCODES", "8BITMIME")
                    .anySatisfy(l -> assertThat(l).startsWith("SIZE "));
            assertThat(d.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void acceptTakesTheMessageAndCountsIt() throws IOException {
        long accepted = sandbox.stats().accepted(Behaviour.ACCEPT);
        long bytes = sandbox.stats().bytes();
        try (SmtpDialog d = dialog()) {
            Reply rcpt = d.upToRcpt(FROM, "alice@d17.accept.sandbox.test");
            assertThat(rcpt.code()).isEqualTo(250);
            assertThat(rcpt.enhancedStatus()).hasValueSatisfying(e -> assertThat(e.toString()).isEqualTo("2.1.5"));
            Reply dot = d.data(message("accept"));
            assertThat(dot.code()).isEqualTo(250);
            assertThat(dot.text()).startsWith("2.0.0 Ok: queued as ");
        }
        assertThat(sandbox.stats().accepted(Behaviour.ACCEPT)).isEqualTo(accepted + 1);
        assertThat(sandbox.stats().bytes()).isGreaterThan(bytes + 5000);
        assertThat(sandbox.stats().maxConcurrent("D17.accept.sandbox.test")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void pipelinedCommandsAndSeveralMessagesPerSession() throws IOException {
        try (SmtpDialog d = dialog()) {
            assertThat(d.reply().code()).isEqualTo(220);
            assertThat(d.command("EHLO client.example").code()).isEqualTo(250);
            for (int i = 0; i < 3; i++) {
                d.send("MAIL FROM:<" + FROM + "> SIZE=6000 BODY=8BITMIME\r\nRCPT TO:<bob" + i + "@accept.sandbox.test>\r\n"
                        + "RCPT TO:<user-unknown+" + i + "@accept.sandbox.test>\r\nDATA\r\n");
                assertThat(d.reply().code()).isEqualTo(250);
                assertThat(d.reply().code()).isEqualTo(250);
                assertThat(d.reply().code()).isEqualTo(550);
                assertThat(d.reply().code()).isEqualTo(354);
                // message, dot and the next command in one write: the sandbox must not swallow the command
                d.send(new String(DsnSender.toWire(message("pipe" + i).getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8)
                        + ".\r\nNOOP\r\n");
                assertThat(d.reply().code()).isEqualTo(250);
                assertThat(d.reply().code()).isEqualTo(250);
            }
            assertThat(d.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void rcptRefusalsCarryTheirCodes() throws IOException {
        assertRcpt("x@mailbox-full.sandbox.test", 452, "4.2.2", "Mailbox full");
        assertRcpt("mailbox-full@accept.sandbox.test", 452, "4.2.2", "Mailbox full");
        assertRcpt("x@over-quota.sandbox.test", 552, "5.2.2", "Mailbox full, quota exceeded");
        assertRcpt("bob@user-unknown.sandbox.test", 550, "5.1.1",
                "<bob@user-unknown.sandbox.test>: Recipient address rejected: User unknown in virtual mailbox table");
        assertRcpt("user-unknown+42@accept.sandbox.test", 550, "5.1.1", "User unknown");
        assertRcpt("x@d3.user-unknown.sandbox.test", 550, "5.1.1", "User unknown");
        assertRcpt("x@blocked.sandbox.test", 550, "5.7.1", "Service unavailable; client [127.0.0.1] blocked by policy");
        assertRcpt("x@garbage.sandbox.test", 451, "4.3.5", "route it with Sandbox.routes()");
        assertThat(sandbox.stats().rejected(Behaviour.USERUNKNOWN)).isGreaterThanOrEqualTo(3);
    }

    private static void assertRcpt(String rcpt, int code, String enhanced, String text) throws IOException {
        try (SmtpDialog d = dialog()) {
            Reply reply = d.upToRcpt(FROM, rcpt);
            assertThat(reply.code()).as(rcpt).isEqualTo(code);
            assertThat(reply.enhancedStatus()).as(rcpt).hasValueSatisfying(e -> assertThat(e.toString()).isEqualTo(enhanced));
            assertThat(reply.text()).as(rcpt).contains(text);
            assertThat(d.command("QUIT").code()).isEqualTo(221);
        }
    }

    @Test
    void mailboxFullAndBlockedAreMultiLine() throws IOException {
        try (SmtpDialog d = dialog()) {
            assertThat(d.upToRcpt(FROM, "x@mailbox-full.sandbox.test").lines()).hasSize(2);
            assertThat(d.command("RCPT TO:<y@blocked.sandbox.test>").lines()).hasSize(2);
        }
    }

    @Test
    void greylistRefusesUntilTheDelayHasPassed() throws Exception {
        String rcpt = "carol@greylist.sandbox.test";
        try (SmtpDialog d = dialog()) {
            Reply first = d.upToRcpt(FROM, rcpt);
            assertThat(first.code()).isEqualTo(450);
            assertThat(first.enhancedStatus()).hasValueSatisfying(e -> assertThat(e.toString()).isEqualTo("4.2.0"));
            assertThat(first.text()).contains("Greylisted, see https://postgrey.schweikert.ch/help/greylist.sandbox.test.html");
            assertThat(d.command("RCPT TO:<" + rcpt + ">").code()).isEqualTo(450);
        }
        Thread.sleep(350);
        try (SmtpDialog d = dialog()) {
            assertThat(d.upToRcpt(FROM, rcpt).code()).isEqualTo(250);
            assertThat(d.data(message("grey")).code()).isEqualTo(250);
        }
        try (SmtpDialog d = dialog()) { // another sender is a new triplet
            assertThat(d.upToRcpt("other@bounces.example", rcpt).code()).isEqualTo(450);
        }
        assertThat(sandbox.stats().accepted(Behaviour.GREYLIST)).isEqualTo(1);
    }

    @Test
    void deferRefusesSessionsAboveTheLimitAndCountsConcurrency() throws IOException {
        String domain = "x.defer.sandbox.test";
        List<SmtpDialog> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                SmtpDialog d = dialog();
                open.add(d);
                assertThat(d.upToRcpt(FROM, "u" + i + "@" + domain).code()).isEqualTo(250);
            }
            try (SmtpDialog third = dialog()) {
                Reply reply = third.upToRcpt(FROM, "u2@" + domain);
                assertThat(reply.code()).isEqualTo(421);
                assertThat(reply.text()).isEqualTo("4.7.0 Too many concurrent sessions from your IP, try again later");
                assertThat(third.read()).isEqualTo(-1); // and the connection is closed
            }
            assertThat(sandbox.stats().maxConcurrent(domain)).isEqualTo(3);
            // the two still open can deliver
            assertThat(open.get(0).data(message("defer")).code()).isEqualTo(250);
        } finally {
            for (SmtpDialog d : open) {
                d.close();
            }
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> sandbox.stats().concurrent(domain) == 0);
        try (SmtpDialog d = dialog()) {
            assertThat(d.upToRcpt(FROM, "u3@" + domain).code()).isEqualTo(250);
        }
        assertThat(sandbox.stats().maxConcurrent(domain)).isEqualTo(3);
        assertThat(sandbox.stats().snapshot().maxConcurrent(domain)).isEqualTo(3);
        assertThat(sandbox.stats().rejected(Behaviour.DEFER)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void lateBounceSendsAnRfc3464DsnToTheReturnPath() throws Exception {
        String rcpt = "late-bounce+1@accept.sandbox.test";
        try (SmtpDialog d = dialog()) {
            assertThat(d.upToRcpt(FROM, rcpt).code()).isEqualTo(250);
            assertThat(d.data(message("late1")).code()).isEqualTo(250);
        }
        MailSink.Received dsn = sink.messages.poll(5, TimeUnit.SECONDS);
        assertThat(dsn).isNotNull();
        assertThat(dsn.from()).isEmpty();
        assertThat(dsn.to()).containsExactly(FROM);

        MimeMessage parsed = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn.data()));
        assertThat(parsed.getFrom()[0].toString()).contains("MAILER-DAEMON@mx.sandbox.test");
        ContentType type = new ContentType(parsed.getContentType());
        assertThat(type.getBaseType()).isEqualTo("multipart/report");
        assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
        MimeMultipart report = (MimeMultipart) parsed.getContent();
        assertThat(report.getCount()).isEqualTo(3);
        assertThat(new ContentType(report.getBodyPart(0).getContentType()).getBaseType()).isEqualTo("text/plain");
        BodyPart status = report.getBodyPart(1);
        assertThat(new ContentType(status.getContentType()).getBaseType()).isEqualTo("message/delivery-status");
        String fields = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(fields).contains("Reporting-MTA: dns; mx.sandbox.test", "Arrival-Date: ",
                "Final-Recipient: rfc822; " + rcpt, "Action: failed", "Status: 5.1.1",
                "Remote-MTA: dns; mx.sandbox.test", "Diagnostic-Code: smtp; 550 5.1.1 <" + rcpt + ">");
        BodyPart headers = report.getBodyPart(2);
        assertThat(new ContentType(headers.getContentType()).getBaseType()).isEqualTo("text/rfc822-headers");
        String original = new String(headers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(original).contains("Subject: late1", "Message-ID: <late1@bounces.example>", "Received: from client.example")
                .doesNotContain("BODY-MARKER");
        // counted once the DSN's SMTP dialog ended (after QUIT): the sink may hold the message a moment before
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.stats().dsnsSent() >= 1);
        assertThat(sandbox.stats().accepted(Behaviour.LATEBOUNCE)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void blackholeAcceptsAndDrops() throws IOException {
        long dropped = sandbox.stats().dropped(Behaviour.BLACKHOLE);
        try (SmtpDialog d = dialog()) {
            assertThat(d.upToRcpt(FROM, "x@blackhole.sandbox.test").code()).isEqualTo(250);
            assertThat(d.data(message("hole")).code()).isEqualTo(250);
        }
        assertThat(sandbox.stats().dropped(Behaviour.BLACKHOLE)).isEqualTo(dropped + 1);
    }

    @Test
    void dialogTimeoutNeverAnswersRcpt() throws IOException {
        try (SmtpDialog d = SmtpDialog.open(mx(), SHORT)) {
            assertThatThrownBy(() -> d.upToRcpt(FROM, "x@dialog-timeout.sandbox.test")).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(sandbox.stats().hung(Behaviour.DIALOG_TIMEOUT)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void dotTimeoutReadsTheMessageAndNeverAnswersTheDot() throws IOException {
        long bytes = sandbox.stats().bytes();
        try (SmtpDialog d = SmtpDialog.open(mx(), SHORT)) {
            assertThat(d.upToRcpt(FROM, "dot-timeout@accept.sandbox.test").code()).isEqualTo(250);
            assertThatThrownBy(() -> d.data(message("dot"))).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(sandbox.stats().hung(Behaviour.DOT_TIMEOUT)).isGreaterThanOrEqualTo(1);
        assertThat(sandbox.stats().bytes()).isGreaterThan(bytes + 5000);
    }

    @Test
    void hangsEndWithA421AfterTheHangDuration() throws IOException {
        try (Sandbox quick = Sandbox.start(SandboxConfig.defaults().withStartTls(false).withHangDuration(Duration.ofMillis(300)));
             SmtpDialog d = SmtpDialog.open(quick.smtpAddress(), 3000)) {
            Reply reply = d.upToRcpt(FROM, "x@dialog-timeout.sandbox.test");
            assertThat(reply.code()).isEqualTo(421);
            assertThat(reply.text()).isEqualTo("4.4.2 mx.sandbox.test Error: timeout exceeded");
            assertThat(d.read()).isEqualTo(-1);
        }
    }

    @Test
    void closeEndsHangingSessionsAtOnce() throws Exception {
        Sandbox other = Sandbox.start(SandboxConfig.defaults().withStartTls(false));
        ExecutorService client = Executors.newVirtualThreadPerTaskExecutor();
        try (SmtpDialog d = SmtpDialog.open(other.smtpAddress(), 10_000);
             Socket silent = new Socket()) {
            silent.connect(other.routes().get("connect-timeout.sandbox.test"), 2000);
            Future<Reply> rcpt = client.submit(() -> d.upToRcpt(FROM, "x@dialog-timeout.sandbox.test"));
            await().atMost(Duration.ofSeconds(3)).until(() -> other.stats().hung(Behaviour.DIALOG_TIMEOUT) == 1
                    && other.stats().hung(Behaviour.CONNECT_TIMEOUT) == 1);
            long start = System.nanoTime();
            other.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThatThrownBy(rcpt::get).hasCauseInstanceOf(ReplyException.class);
            silent.setSoTimeout(2000);
            assertThat(readOrReset(silent)).isEqualTo(-1);
        } finally {
            client.shutdownNow();
            other.close();
        }
    }

    private static int readOrReset(Socket s) throws IOException {
        try {
            return s.getInputStream().read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    @Test
    void connectTimeoutAcceptsButNeverGreets() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(sandbox.routes().get("connect-timeout.sandbox.test"), 2000);
            s.setSoTimeout(SHORT);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(sandbox.stats().sessions(Behaviour.CONNECT_TIMEOUT)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void refusedRefuses() {
        InetSocketAddress refused = sandbox.routes().get("refused.sandbox.test");
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(refused, 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void garbageIsNotSmtp() throws IOException {
        assertBrokenEhlo("garbage.sandbox.test", InternalCode.PROTOCOL_ERROR);
    }

    @Test
    void hangupClosesInTheMiddleOfAReply() throws IOException {
        assertBrokenEhlo("hangup.sandbox.test", InternalCode.CONNECTION_LOST);
    }

    @Test
    void hugeReplyIsTooLong() throws IOException {
        assertBrokenEhlo("huge-reply.sandbox.test", InternalCode.REPLY_TOO_LONG);
    }

    @Test
    void endlessReplyIsTooLong() throws IOException {
        assertBrokenEhlo("endless.sandbox.test", InternalCode.REPLY_TOO_LONG);
    }

    private static void assertBrokenEhlo(String domain, InternalCode expected) throws IOException {
        try (SmtpDialog d = SmtpDialog.open(sandbox.routes().get(domain), 5000)) {
            assertThat(d.reply().code()).isEqualTo(220);
            assertThatThrownBy(() -> d.command("EHLO client.example"))
                    .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.code()).isEqualTo(expected));
        }
        assertThat(sandbox.stats().sessions(Behaviour.fromLabel(domain.substring(0, domain.indexOf('.'))).orElseThrow()))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void startTlsUpgradesTheSession() throws Exception {
        try (SmtpDialog d = dialog()) {
            assertThat(d.reply().code()).isEqualTo(220);
            assertThat(d.command("EHLO client.example").lines()).contains("STARTTLS");
            d.startTls();
            Reply ehlo = d.command("EHLO client.example");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).doesNotContain("STARTTLS");
            assertThat(d.command("MAIL FROM:<" + FROM + ">").code()).isEqualTo(250);
            assertThat(d.command("RCPT TO:<tls@accept.sandbox.test>").code()).isEqualTo(250);
            assertThat(d.data(message("tls")).code()).isEqualTo(250);
        }
    }

    @Test
    void manyConcurrentSessionsInAcceptMode() throws Exception {
        long before = sandbox.stats().accepted(Behaviour.ACCEPT);
        int sessions = 20;
        int perSession = 50;
        String body = message("load");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int s = 0; s < sessions; s++) {
                int n = s;
                results.add(pool.submit(() -> {
                    int ok = 0;
                    try (SmtpDialog d = dialog()) {
                        d.reply();
                        d.command("EHLO load.example");
                        for (int m = 0; m < perSession; m++) {
                            d.command("MAIL FROM:<" + FROM + ">");
                            d.command("RCPT TO:<r" + m + "@d" + n + ".accept.sandbox.test>");
                            ok += d.data(body).code() == 250 ? 1 : 0;
                        }
                        d.command("QUIT");
                    }
                    return ok;
                }));
            }
            for (Future<Integer> r : results) {
                assertThat(r.get()).isEqualTo(perSession);
            }
        }
        assertThat(sandbox.stats().accepted(Behaviour.ACCEPT)).isEqualTo(before + (long) sessions * perSession);
    }

    @Test
    void commandsOutOfOrderGetProperErrors() throws IOException {
        try (SmtpDialog d = dialog()) {
            assertThat(d.reply().code()).isEqualTo(220);
            assertThat(d.command("MAIL FROM:<" + FROM + ">").code()).isEqualTo(503);
            assertThat(d.command("EHLO client.example").code()).isEqualTo(250);
            assertThat(d.command("RCPT TO:<a@accept.sandbox.test>").code()).isEqualTo(503);
            assertThat(d.command("MAIL FROM:<" + FROM + "> SIZE=999999999999").code()).isEqualTo(552);
            assertThat(d.command("MAIL FROM:" + FROM).code()).isEqualTo(250);
            assertThat(d.command("DATA").code()).isEqualTo(554);
            assertThat(d.command("RCPT TO:<>").code()).isEqualTo(501);
            assertThat(d.command("BDAT 10 LAST").code()).isEqualTo(502);
            assertThat(d.command("RSET").code()).isEqualTo(250);
        }
    }
}
