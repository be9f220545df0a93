package dev.homing.cli;

import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line in-process, against the sandbox: what a user types and reads. */
class CommandsTest {
    static Sandbox sandbox;
    @TempDir
    Path home;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(SandboxConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static synchronized Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private String route() {
        return "sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort();
    }

    @Test
    void sendReportsEveryBadRowWithFileAndLineAndDeliversTheRest() throws Exception {
        Path message = Files.writeString(home.resolve("msg.eml"), "From: a@homing.test\nSubject: Hello {{name}}\n\nHi {{name|there}}\n");
        Path list = Files.writeString(home.resolve("list.csv"), """
                email,name
                ann@accept.sandbox.test,Ann
                not an address,Bad
                bob@user-unknown.sandbox.test,Bob
                too,many,columns
                ann@accept.sandbox.test,Ann again
                cy@nowhere.invalid,Cy
                "dee@accept.sandbox.test","Dee, with a comma"
                """);
        Run r = run("send", "--home", home.toString(), "--from", "b@bounces.homing.test", "--message", message.toString(),
                "--to", list.toString(), "--route", route(), "--no-dns");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains(list + ":3: \"not an address\" not a valid address")
                .contains(list + ":5: expected 2 columns as in the header, found 3; row skipped")
                .contains(list + ":6: ann@accept.sandbox.test repeats line 2, skipped");
        assertThat(r.out()).contains("queued 4 deliveries (1 invalid addresses recorded as bounced, 0 suppressed addresses recorded as"
                + " suppressed, 1 duplicates and 1 unreadable rows skipped)");
        assertThat(r.out()).containsPattern("2\\s+delivered\\s+delivered\\s+250 2\\.0\\.0")
                .containsPattern("1\\s+bounced\\s+userunknown\\s+550 5\\.1\\.1")
                .containsPattern("1\\s+bounced\\s+hostunknown\\s+170")
                .containsPattern("1\\s+bounced\\s+invalidaddress\\s+191");
        assertThat(r.out()).contains("failed before any mail server answered")
                .contains(list + ":3: not an address: 5.1.3 the recipient address is not a valid email address")
                .contains(list + ":7: cy@nowhere.invalid: 5.1.2 the recipient domain does not exist");
        Run status = run("status", "--home", home.toString());
        assertThat(status.code()).isZero();
        assertThat(status.out()).containsPattern("accept\\.sandbox\\.test\\s+0\\s+0\\s+0\\s+2\\s+0");
        assertThat(status.out()).contains("queue:").contains("delivered 2").contains("bounced 3");
    }

    @Test
    void runWithStatsReportsTheWholeRunAndTheRateAfterItsFirstThird() throws Exception {
        Path message = Files.writeString(home.resolve("msg.eml"), "From: a@homing.test\nSubject: Hello\n\nHi\n");
        StringBuilder csv = new StringBuilder("email\n");
        for (int i = 0; i < 300; i++) {
            csv.append("u").append(i).append("@d").append(i % 5).append(".slow.sandbox.test\n");
        }
        Path list = Files.writeString(home.resolve("list.csv"), csv);
        Run queued = run("send", "--home", home.toString(), "--from", "b@bounces.homing.test", "--message", message.toString(),
                "--to", list.toString(), "--no-wait", "--no-dns");
        assertThat(queued.code()).as(queued.err()).isZero();
        // limits.connections = 2 per domain, slow replies: the run lasts a few seconds, long enough for a steady part
        Files.writeString(home.resolve("homing.properties"), "limits.connections = 2\n");
        Run r = run("run", "--home", home.toString(), "--route", route(), "--no-dns", "--stats");
        assertThat(r.code()).as(r.err()).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "stats: attempts=300 delivered=300 seconds=([0-9.]+) attempts_per_s=(\\d+) steady_attempts_per_s=(\\d+) ").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        double seconds = Double.parseDouble(m.group(1));
        long whole = Long.parseLong(m.group(2));
        long steady = Long.parseLong(m.group(3));
        assertThat((double) whole).as("300 attempts over the printed (rounded) seconds").isCloseTo(300 / seconds, org.assertj.core.data.Offset.offset(1.0));
        assertThat(steady).as("measured over the last two thirds, at about the whole run's pace").isBetween(whole / 3, whole * 3);
    }

    @Test
    void missingOrBrokenFilesAreClearErrors() throws Exception {
        Path message = Files.writeString(home.resolve("msg.eml"), "Subject: x\n\nHello {{name\n");
        Path list = Files.writeString(home.resolve("list.txt"), "a@accept.sandbox.test\n");
        Run broken = run("send", "--home", home.toString(), "--from", "b@x.test", "--message", message.toString(), "--to", list.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("line 3").contains("never closed");
        Run missing = run("send", "--home", home.toString(), "--from", "b@x.test", "--message", home.resolve("nope.eml").toString(),
                "--to", list.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("the message file " + home.resolve("nope.eml") + " does not exist");
        Path ok = Files.writeString(home.resolve("ok.eml"), "Subject: x\n\nbody\n");
        Run noList = run("send", "--home", home.toString(), "--from", "b@x.test", "--message", ok.toString(),
                "--to", home.resolve("none.csv").toString());
        assertThat(noList.code()).isEqualTo(2);
        assertThat(noList.err()).contains("the recipient file " + home.resolve("none.csv") + " does not exist");
        Files.write(home.resolve("latin1.eml"), new byte[]{'S', 'u', 'b', ':', ' ', (byte) 0xE9, '\n', '\n', 'x'});
        Run latin = run("send", "--home", home.toString(), "--from", "b@x.test", "--message", home.resolve("latin1.eml").toString(),
                "--to", list.toString());
        assertThat(latin.err()).contains("is not UTF-8 text");
        Files.writeString(home.resolve("homing.properties"), "timeout.dot = soon\n");
        Run badConfig = run("status", "--home", home.toString());
        assertThat(badConfig.code()).isEqualTo(2);
        assertThat(badConfig.err()).contains("homing.properties").contains("timeout.dot = \"soon\" is not a duration");
    }

    @Test
    void listsImportExportAndHygieneFromTheCommandLine() throws Exception {
        assertThat(run("list", "create", "news", "--home", home.toString(), "--description", "monthly").out()).contains("created list \"news\"");
        assertThat(run("list", "create", "news", "--home", home.toString()).err()).contains("a list named \"news\" already exists");
        Path csv = Files.writeString(home.resolve("people.csv"), "email,name\nann@gmial.com,Ann\ninfo@example.org,Info\nbad@@x,Bad\n");
        Run imported = run("import", "news", csv.toString(), "--home", home.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("4 lines read (1 header, 0 blank, 3 in rows); 3 rows: 2 added").contains("1 rejected").contains("people.csv.rejects.csv")
                .contains("members are unconfirmed");
        assertThat(Files.readString(home.resolve("people.csv.rejects.csv"))).contains("4,not a valid address");
        assertThat(run("list", "ls", "--home", home.toString()).out()).containsPattern("news\\s+0\\s+2\\s+0");
        Run hygiene = run("list", "hygiene", "news", "--home", home.toString(), "--no-dns");
        assertThat(hygiene.out()).contains("likely typo").contains("ann@gmial.com → ann@gmail.com").contains("role account");
        Path out = home.resolve("export.csv");
        assertThat(run("list", "export", "news", "--out", out.toString(), "--home", home.toString()).out()).contains("exported 2 members");
        assertThat(Files.readString(out)).startsWith("email,status,consent_source,joined,name").contains("ann@gmial.com,unconfirmed");
        assertThat(run("import", "nope", csv.toString(), "--home", home.toString()).err()).contains("there is no list named \"nope\"");
        assertThat(run("list", "delete", "news", "--home", home.toString()).out()).contains("deleted list \"news\"");
    }

    @Test
    void dkimKeygenAndSignFromTheCommandLine() throws Exception {
        Run keygen = run("dkim", "keygen", "example.com", "mail", "--algorithm", "ed25519", "--home", home.toString());
        assertThat(keygen.code()).as(keygen.err()).isZero();
        assertThat(keygen.out()).matches("(?s)mail\\._domainkey\\.example\\.com\\. IN TXT \"v=DKIM1; k=ed25519; p=[A-Za-z0-9+/=]+\"\\s*");
        assertThat(home.resolve("data/dkim/example.com/mail.ed25519.pem")).exists();
        java.io.InputStream in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("From: a@example.com\nSubject: hi\n\nbody\n".getBytes(StandardCharsets.US_ASCII)));
            Run signed = run("dkim", "sign", "example.com", "mail", "--algorithm", "ed25519", "--home", home.toString());
            assertThat(signed.code()).as(signed.err()).isZero();
            assertThat(signed.out()).startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n\td=example.com; s=mail;")
                    .contains("\r\nFrom: a@example.com\r\n");
        } finally {
            System.setIn(in);
        }
        Run missing = run("dkim", "sign", "example.com", "nosuch", "--home", home.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no rsa DKIM key for nosuch._domainkey.example.com").contains("homing dkim keygen");
    }

    @Test
    void demoRunsEveryBehaviourAndPrintsTheReport() {
        Run r = run("demo", "--once", "--recipients", "150", "--home", home.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Pre-flight report for campaign \"demo-").contains("demo campaign \"demo-")
                .containsPattern("list \"demo\": \\d+ rows imported \\(\\d+ added\\), [1-9]\\d* rejected at import")
                // the demo's public pages are not on https: the pre-flight says so and the demo overrides it, on the record
                .containsPattern("\\[fail\\] BLOCKING one-click unsubscribe \\(RFC 8058\\): missing: an https List-Unsubscribe link;")
                .contains("the demo sends anyway (override recorded)")
                .containsPattern("delivered\\s+delivered\\s+250")
                .containsPattern("bounced\\s+userunknown\\s+550 5\\.1\\.1")
                .containsPattern("bounced\\s+blocked\\s+550 5\\.7\\.1")
                .containsPattern("expired\\s+mailboxfull\\s+452 4\\.2\\.2")
                .containsPattern("uncertain\\s+uncertain\\s+147")
                .containsPattern("expired\\s+networkerror\\s+160")
                .containsPattern("expired\\s+networkerror\\s+146")
                .containsPattern("bounced\\s+hostunknown\\s+170")
                .contains("A 250 means the receiving server accepted the message, not that it reached the inbox")
                // the late-bounce domain's DSNs came back to the inbound server and re-judged those deliveries
                .containsPattern("re-judged [1-9]\\d* delivered copies as bounced")
                .contains("Accepted with 250, then bounced by a report that came back later: The receiving server says this mailbox does not exist")
                .containsPattern("bounced\\s+userunknown\\s+550 5\\.1\\.1")
                // the temporary answers the final states hide: greylisting's 450 and the busy server's 421, and how they ended
                .contains("Temporary answers met on the way")
                .containsPattern("\\d+\\s+\\d+\\s+450 4\\.2\\.0\\s+greylisting\\s+delivered on retry \\d+")
                .containsPattern("\\d+\\s+\\d+\\s+452 4\\.2\\.2\\s+mailboxfull\\s+expired \\d+");
        // (the defer domain's 421 comes only when more sessions are open than its limit: the full demo's 1,000 recipients
        // open them, these 150 do not)
        // an expired delivery's last answer is told without the promise to retry that no longer holds
        assertThat(r.out().lines().filter(l -> l.contains("Gave up") || l.contains(" expired "))).isNotEmpty()
                .allSatisfy(l -> assertThat(l).doesNotContain("we will"));
    }
}
