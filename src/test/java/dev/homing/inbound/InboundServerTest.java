package dev.homing.inbound;

import dev.homing.campaign.Verp;
import dev.homing.list.InstallSecret;
import dev.homing.list.Subscriptions;
import dev.homing.list.Tokens;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbound server over a raw socket: what it accepts, what it refuses, and that accepted means stored. */
class InboundServerTest {
    @TempDir
    Path home;

    @Test
    void storesBeforeItsReplyAndRefusesOversizedMessagesAndStrangers() throws Exception {
        try (Database db = Database.embedded(home)) {
            Inbox inbox = new Inbox(db);
            Verp verp = new Verp(InstallSecret.load(home), "bounces.test");
            Subscriptions subs = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
            try (InboundServer server = InboundServer.start(InetAddress.getLoopbackAddress(), 0,
                    InboundServer.Settings.of("bounces.test").withMaxSize(100_000), inbox, null, verp, subs);
                 Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                assertThat(in.readLine()).startsWith("220");
                send(out, "EHLO client.test");
                String line;
                while ((line = in.readLine()).startsWith("250-")) {
                    // capabilities
                }
                send(out, "MAIL FROM:<>");
                assertThat(in.readLine()).startsWith("250");
                send(out, "RCPT TO:<" + verp.address(42) + ">");
                assertThat(in.readLine()).startsWith("250");
                send(out, "RCPT TO:<b-16-aaaaaaaaaa@bounces.test>");
                assertThat(in.readLine()).as("a VERP address with a wrong MAC").startsWith("550 5.1.1");
                send(out, "RCPT TO:<user@example.org>");
                assertThat(in.readLine()).isEqualTo("550 5.7.1 <user@example.org>: relay not permitted");
                send(out, "DATA");
                assertThat(in.readLine()).startsWith("354");
                out.write("Subject: report\r\n\r\nhello\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("250");
                // the 250 came after the commit: the message is there, waiting to be read
                assertThat(inbox.pending(10)).singleElement().satisfies(id -> assertThat(inbox.received(id)).hasValueSatisfying(r -> {
                    assertThat(r.rcptTo()).containsExactly(verp.address(42));
                    assertThat(new String(r.raw(), StandardCharsets.US_ASCII)).contains("Subject: report");
                }));

                send(out, "MAIL FROM:<>");
                assertThat(in.readLine()).startsWith("250");
                send(out, "RCPT TO:<postmaster@bounces.test>");
                assertThat(in.readLine()).startsWith("250");
                send(out, "DATA");
                assertThat(in.readLine()).startsWith("354");
                byte[] big = ("x".repeat(998) + "\r\n").repeat(200).getBytes(StandardCharsets.US_ASCII);
                out.write("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(big);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).as("over the size limit: refused, so the sender keeps it").startsWith("552");
                assertThat(inbox.pending(10)).hasSize(1);
            }
        }
    }

    @Test
    void aSessionOfUnknownCommandsOrNoopsIsClosedAndMailItsContentIsNotCounted() throws Exception {
        try (Database db = Database.embedded(home)) {
            Inbox inbox = new Inbox(db);
            Verp verp = new Verp(InstallSecret.load(home), "bounces.test");
            Subscriptions subs = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
            try (InboundServer server = InboundServer.start(InetAddress.getLoopbackAddress(), 0, InboundServer.Settings.of("bounces.test"),
                    inbox, null, verp, subs)) {
                // Python's smtplib as the client: a message whose body is full of lines that look like unknown commands is
                // delivered; a session of unknown commands gets 421 after the tenth; one of NOOPs after the hundredth
                String program = """
                        import smtplib, sys
                        port = int(sys.argv[1])
                        s = smtplib.SMTP('127.0.0.1', port)
                        s.ehlo('client.test')
                        body = 'Subject: x\\r\\n\\r\\n' + 'XYZZY not a command\\r\\n' * 50
                        s.sendmail('', ['postmaster@bounces.test'], body)
                        print('mail', 'ok')
                        for i in range(11):
                            print('xyzzy', i, s.docmd('XYZZY')[0])
                        s = smtplib.SMTP('127.0.0.1', port)
                        codes = []
                        try:
                            for i in range(12):
                                codes.append(s.docmd('XYZZY')[0])
                        except smtplib.SMTPServerDisconnected:
                            codes.append('closed')
                        print('unknown', codes)
                        s = smtplib.SMTP('127.0.0.1', port)
                        codes = []
                        try:
                            for i in range(102):
                                codes.append(s.noop()[0])
                        except smtplib.SMTPServerDisconnected:
                            codes.append('closed')
                        print('noop', codes[-3:], len(codes))
                        """;
                Process p = new ProcessBuilder("/usr/bin/python3", "-c", program, String.valueOf(server.port())).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(out).contains("mail ok").contains("xyzzy 9 500").contains("xyzzy 10 421")
                        .contains("unknown [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 421, 'closed']")
                        .contains("noop [250, 421, 'closed'] 102");
                assertThat(inbox.pending(10)).as("the message with command-like lines was stored").hasSize(1);
            }
        }
    }

    @Test
    void oneAddressMayStartOnlySoManyMessagesAMinuteAndOthersAreNotHeldUp() throws Exception {
        try (Database db = Database.embedded(home)) {
            Inbox inbox = new Inbox(db);
            Verp verp = new Verp(InstallSecret.load(home), "bounces.test");
            Subscriptions subs = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
            try (InboundServer server = InboundServer.start(InetAddress.getLoopbackAddress(), 0,
                    InboundServer.Settings.of("bounces.test").withMessagesPerMinute(5), inbox, null, verp, subs)) {
                String program = """
                        import smtplib, sys
                        port = int(sys.argv[1])
                        def burst(source, n):
                            s = smtplib.SMTP('127.0.0.1', port, source_address=(source, 0))
                            s.ehlo('client.test')
                            codes = []
                            for i in range(n):
                                code = s.mail('')[0]
                                if code == 250:
                                    s.rcpt('postmaster@bounces.test')
                                    code = s.data('Subject: %d\\r\\n\\r\\nreport\\r\\n' % i)[0]
                                else:
                                    s.rset()
                                codes.append(code)
                            s.quit()
                            return codes
                        print('first', burst('127.0.0.1', 7))
                        print('other', burst('127.0.0.2', 2))
                        """;
                Process p = new ProcessBuilder("/usr/bin/python3", "-c", program, String.valueOf(server.port())).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(out).contains("first [250, 250, 250, 250, 250, 450, 450]").contains("other [250, 250]");
                assertThat(inbox.pending(20)).hasSize(7);
            }
        }
    }

    private static void send(OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
