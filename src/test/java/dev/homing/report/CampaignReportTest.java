package dev.homing.report;

import dev.homing.outcome.Reason;
import dev.homing.provider.ProviderDetector;
import dev.homing.queue.DeliveryState;
import dev.homing.store.Database;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.homing.report.Rows.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A campaign's diagnosis: failures grouped by provider (from MX, through a DNS server on loopback) and reason; the CSV table. */
class CampaignReportTest {
    @TempDir
    Path home;
    Database db;
    Rows rows;
    FakeDns dns;
    long message;

    static final String S3150 = "5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service"
            + " provider since part of their network is on our block list (S3150).";

    /** The database under test: the embedded default here; {@link PostgresCampaignReportTest} runs the same tests on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    protected void dropDatabase() {
    }

    @BeforeEach
    void open() throws Exception {
        db = openDatabase();
        rows = new Rows(db);
        message = rows.message("b-1@bounces.homing.test");
        rows.campaign("spring", "news@news.homing.test", message);
        dns = new FakeDns()
                .add("contoso.example. 300 IN MX 10 contoso-example.mail.protection.outlook.com.")
                .add("fabrikam.example. 300 IN MX 10 fabrikam-example.mail.protection.outlook.com.")
                .add("gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.")
                .add("bank.example. 300 IN MX 5 eu-smtp-inbound-1.mimecast.com.")
                .add("yahoo.com. 300 IN MX 1 mta5.am0.yahoodns.net.");
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
        dns.close();
    }

    private void fill() {
        for (int i = 0; i < 3; i++) {
            rows.delivery(message, "m" + i + "@contoso.example", "bounced", 1, "rcpt", "blocked", 550, "5.7.1", S3150, T0);
        }
        rows.delivery(message, "f@fabrikam.example", "bounced", 1, "rcpt", "blocked", 550, "5.7.1", S3150, T0);
        for (int i = 0; i < 2; i++) {
            rows.delivery(message, "gone" + i + "@gmail.com", "bounced", 1, "rcpt", "userunknown", 550, "5.1.1",
                    "5.1.1 The email account that you tried to reach does not exist.", T0);
            rows.suppression("gone" + i + "@gmail.com", "userunknown", "active", "message 1: 550 5.1.1");
        }
        rows.delivery(message, "ceo@bank.example", "bounced", 1, "rcpt", "userunknown", 550, "5.1.1", "5.1.1 User unknown", T0);
        rows.suppression("ceo@bank.example", "userunknown", "suspected", "suspected filtering (accepted mail on 2026-02-01T00:00:00Z); x");
        rows.delivery(message, "slow@yahoo.com", "deferred", 2, "rcpt", "badreputation", 421, "4.7.0",
                "4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints", T0);
        for (int i = 0; i < 5; i++) {
            rows.delivery(message, "ok" + i + "@gmail.com", "delivered", 1, "dot", "delivered", 250, "2.0.0", "2.0.0 OK", T0);
        }
        long k = rows.delivery(message, "angry@gmail.com", "complained", 1, "after", "feedback", null, null, "complaint (abuse)", T0);
        rows.event(k, T0.plusSeconds(60), "complaint", null, null, "feedback", "complaint (abuse)", "delivered", "complained");
        rows.delivery(message, "never@nowhere.example", "bounced", 0, "resolve", "hostunknown", 170, "5.1.2",
                "the recipient domain does not exist (DNS NXDOMAIN)", T0);
    }

    @Test
    void groupsFailuresByProviderAndReasonWithCountsAndAdvice() {
        fill();
        Reports reports = new Reports(db, new ProviderDetector(dns.resolver(), Duration.ofSeconds(2)));
        CampaignDiagnosis r = reports.campaign("spring");
        assertThat(r.total()).isEqualTo(15);
        assertThat(r.byState()).containsEntry(DeliveryState.BOUNCED, 8L).containsEntry(DeliveryState.DELIVERED, 5L)
                .containsEntry(DeliveryState.DEFERRED, 1L).containsEntry(DeliveryState.COMPLAINED, 1L);
        assertThat(r.groups()).first().satisfies(g -> {
            assertThat(g.provider()).isEqualTo(ProviderGroup.MICROSOFT);
            assertThat(g.reason()).isEqualTo(Reason.BLOCKED);
            assertThat(g.count()).isEqualTo(4);
            assertThat(g.tag()).isEqualTo("S3150");
            assertThat(g.sentence()).isEqualTo("Microsoft blocked our sending IP (S3150) for 4 recipients: not the addresses; keep them;"
                    + " see the block-list steps.");
        });
        List<String> sentences = r.groups().stream().map(CampaignDiagnosis.Group::sentence).toList();
        assertThat(sentences).contains("Gmail said the mailbox does not exist for 2 recipients: the addresses themselves; remove them.",
                "Corporate mail filters answered \"user unknown\" for mailboxes that look alive (suspected filtering) for 1 recipient:"
                        + " not the addresses; keep them; ask the recipients to contact their mail administrator within days, while"
                        + " quarantines last.",
                "Being retried: Yahoo/AOL trusts our sending IP too little (TSS04) for 1 recipient: not the addresses; keep them;"
                        + " Homing slows down for this provider and retries.",
                "Recipients at Gmail complained (marked the message as spam) for 1 recipient: the recipients' choice; they are"
                        + " suppressed; never add them back, and check how they were signed up.",
                "The recipient's domain does not exist or has no mail server for 1 recipient: the addresses themselves; check them"
                        + " for typos, then remove them.");
        assertThat(r.suspected()).isEqualTo(1);
        assertThat(r.complained()).isEqualTo(1);
        assertThat(r.delivered()).isEqualTo(5);
        assertThat(r.complaintRate()).isEqualTo(1.0 / 6);
        assertThat(r.complaintRateTooHigh()).isTrue();
        assertThat(r.byReason()).first().satisfies(c -> {
            assertThat(c.reason()).isEqualTo(Reason.BLOCKED);
            assertThat(c.count()).isEqualTo(4);
        });
        assertThat(r.byCode()).anySatisfy(c -> {
            assertThat(c.code()).isEqualTo(550);
            assertThat(c.enhanced()).isEqualTo("5.7.1");
            assertThat(c.count()).isEqualTo(4);
            assertThat(c.sentence()).contains("blocked our sending IP");
        });
        assertThat(r.reputationGroups()).extracting(CampaignDiagnosis.Group::provider).containsExactly(ProviderGroup.MICROSOFT);
    }

    /**
     * One verdict everywhere: the same "user unknown" is "remove the address" for a dead mailbox and "keep it" for one held as
     * suspected filtering, and every table (groups, by reason, by code, per recipient) says which, the same way.
     */
    @Test
    void everyTableGivesADeliveryTheSameReadingAndAdvice() {
        fill();
        Reports reports = new Reports(db, new ProviderDetector(dns.resolver(), Duration.ofSeconds(2)));
        CampaignDiagnosis r = reports.campaign("spring");
        CampaignDiagnosis.Group suspectedGroup = r.groups().stream().filter(g -> g.outcome().equals("suspected filtering")).findFirst().orElseThrow();
        CampaignDiagnosis.Group deadGroup = r.groups().stream()
                .filter(g -> g.outcome().equals("bounced") && g.reason() == Reason.USERUNKNOWN).findFirst().orElseThrow();

        CampaignDiagnosis.ReasonCount suspected = r.byReason().stream()
                .filter(c -> c.reason() == Reason.USERUNKNOWN && c.outcome().equals("suspected filtering")).findFirst().orElseThrow();
        CampaignDiagnosis.ReasonCount dead = r.byReason().stream()
                .filter(c -> c.reason() == Reason.USERUNKNOWN && c.outcome().equals("bounced")).findFirst().orElseThrow();
        assertThat(suspected.count()).isEqualTo(1);
        assertThat(dead.count()).isEqualTo(2);
        assertThat(suspected.action()).isEqualTo(suspectedGroup.action().label()).startsWith("keep");
        assertThat(dead.action()).isEqualTo(deadGroup.action().label()).isEqualTo("remove the address");
        assertThat(suspected.sentence()).contains("suspected filtering").doesNotContain("remove the address");

        CampaignDiagnosis.CodeCount suspectedCode = r.byCode().stream()
                .filter(c -> c.code() == 550 && "5.1.1".equals(c.enhanced()) && c.outcome().equals("suspected filtering")).findFirst().orElseThrow();
        assertThat(suspectedCode.count()).isEqualTo(1);
        assertThat(suspectedCode.action()).isEqualTo(suspected.action());
        assertThat(suspectedCode.sentence()).doesNotContain("remove the address");

        List<dev.homing.report.RecipientLine> lines = new java.util.ArrayList<>();
        reports.forEachRecipient("spring", lines::add);
        assertThat(lines).filteredOn(l -> l.recipient().equals("ceo@bank.example")).singleElement().satisfies(l -> {
            assertThat(l.outcome()).isEqualTo("suspected filtering");
            assertThat(l.action()).isEqualTo(suspected.action());
        });
        assertThat(lines).filteredOn(l -> l.recipient().startsWith("gone")).allSatisfy(l -> assertThat(l.action()).isEqualTo(dead.action()));
    }

    @Test
    void eachDomainIsLookedUpOnceAndOfflineEveryProviderIsOther() {
        fill();
        ProviderDetector detector = new ProviderDetector(dns.resolver(), Duration.ofSeconds(2));
        Reports reports = new Reports(db, detector);
        reports.campaign("spring");
        int first = dns.queries.get();
        assertThat(first).as("one MX query per distinct domain").isEqualTo(6);
        reports.campaign("spring");
        reports.forEachRecipient("spring", l -> { });
        assertThat(dns.queries.get()).as("cached").isEqualTo(first);

        CampaignDiagnosis offline = new Reports(db, ProviderDetector.offline()).campaign("spring");
        assertThat(offline.groups()).extracting(CampaignDiagnosis.Group::provider).containsOnly(ProviderGroup.OTHER);
        assertThat(offline.groups()).first().satisfies(g -> assertThat(g.count()).isEqualTo(4));
    }

    @Test
    void theCsvEscapesWhatRemoteServersAndAddressesCanSay() {
        String hostile = "=HYPERLINK(\"http://evil.example\",\"click\"), <script>alert(1)</script>\nsecond line";
        rows.delivery(message, "\"=cmd,x\"@other.example", "bounced", 1, "rcpt", "filtered", 550, "5.7.1", hostile, T0);
        rows.delivery(message, "ok@other.example", "delivered", 1, "dot", "delivered", 250, null, "ok", T0);
        Reports reports = new Reports(db, ProviderDetector.offline());
        StringBuilder out = new StringBuilder(ReportCsv.header());
        reports.forEachRecipient("spring", l -> out.append(ReportCsv.row(l)));
        List<List<String>> table = parse(out.toString());
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).containsExactly("recipient", "state", "outcome", "reason", "code", "enhanced", "responsible", "action",
                "provider", "last event");
        List<String> bad = table.get(1);
        assertThat(bad).hasSize(10);
        assertThat(bad.get(0)).isEqualTo("\"=cmd,x\"@other.example");
        assertThat(bad.get(1)).isEqualTo("bounced");
        assertThat(bad.get(3)).isEqualTo("filtered");
        assertThat(bad.get(4)).isEqualTo("550");
        assertThat(bad.get(6)).isEqualTo("the receiving side's policy or filter");
        assertThat(bad.get(7)).isEqualTo("keep; ask the recipient's mail administrator");
        assertThat(bad.get(8)).isEqualTo("other");
        assertThat(bad.get(9)).startsWith("2026-03-02 09:00:00 UTC attempt 1: 550 5.7.1 =HYPERLINK(").doesNotContain("\n");
        assertThat(table.get(2).get(2)).isEqualTo("delivered");
        // a field a spreadsheet would run as a formula is defused; quotes, commas and line breaks are quoted
        assertThat(ReportCsv.row(java.util.Arrays.asList("=1+2", "@SUM(A1)", "-2+3", "\tx", "a \"b\", c\nd", null, "-2", "+1 555 0100")))
                .isEqualTo("'=1+2,'@SUM(A1),'-2+3,'\tx,\"a \"\"b\"\", c\nd\",,-2,+1 555 0100\r\n");
    }

    @Test
    void aCampaignNotSentHasNoDeliveriesAndAnUnknownOneIsAnError() {
        rows.campaign("draft", "news@news.homing.test", null);
        Reports reports = new Reports(db, ProviderDetector.offline());
        assertThat(reports.campaign("draft").total()).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.campaign("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no campaign named \"nope\"");
    }

    /** RFC 4180, as a spreadsheet reads it. */
    static List<List<String>> parse(String csv) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(f.toString());
                f.setLength(0);
                out.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                f.append(c);
            }
        }
        return out;
    }

    /**
     * The temporary answers the final states hide: two deliveries greylisted (450) and then delivered, one that met
     * Yahoo's 421 twice and still waits, one full mailbox that expired; by code and reason, with how they ended, on the
     * campaign's diagnosis that the CLI, the web UI and the API show.
     */
    @Test
    void temporaryAnswersMetOnTheWayAreCountedWithHowTheyEnded() {
        String grey = "4.2.0 <a@gmail.com>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/";
        for (int i = 0; i < 2; i++) {
            long d = rows.delivery(message, "g" + i + "@gmail.com", "delivered", 2, "dot", "delivered", 250, "2.0.0", "2.0.0 OK", T0);
            rows.attempt(d, 1, T0, "rcpt", 450, "4.2.0", grey, "retry", "greylisting");
            rows.attempt(d, 2, T0.plusSeconds(300), "dot", 250, "2.0.0", "2.0.0 OK", "delivered", "delivered");
        }
        String tss = "4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints";
        long y = rows.delivery(message, "slow@yahoo.com", "deferred", 2, "rcpt", "badreputation", 421, "4.7.0", tss, T0);
        rows.attempt(y, 1, T0, "rcpt", 421, "4.7.0", tss, "retry", "badreputation");
        rows.attempt(y, 2, T0.plusSeconds(600), "rcpt", 421, "4.7.0", tss, "retry", "badreputation");
        long f = rows.delivery(message, "full@gmail.com", "expired", 1, "rcpt", "mailboxfull", 452, "4.2.2", "4.2.2 Mailbox full", T0);
        rows.attempt(f, 1, T0, "rcpt", 452, "4.2.2", "4.2.2 Mailbox full", "retry", "mailboxfull");

        CampaignDiagnosis d = new Reports(db, ProviderDetector.offline()).campaign("spring");
        assertThat(d.temporary()).hasSize(3);
        TemporaryAnswer g = d.temporary().get(0);
        assertThat(g.code()).isEqualTo(450);
        assertThat(g.reason()).isEqualTo(Reason.GREYLISTING);
        assertThat(g.deliveries()).isEqualTo(2);
        assertThat(g.attempts()).isEqualTo(2);
        assertThat(g.ended()).isEqualTo("delivered on retry 2");
        assertThat(g.example()).contains("Greylisted");
        TemporaryAnswer t = d.temporary().stream().filter(a -> a.code() == 421).findFirst().orElseThrow();
        assertThat(t.attempts()).isEqualTo(2);
        assertThat(t.deliveries()).isEqualTo(1);
        assertThat(t.ended()).isEqualTo("still waiting 1");
        assertThat(t.sentence()).as("still waiting: the temporary reading").isEqualTo(Reason.BADREPUTATION.deferredSentence());
        TemporaryAnswer m = d.temporary().stream().filter(a -> a.code() == 452).findFirst().orElseThrow();
        assertThat(m.ended()).isEqualTo("expired 1");
        assertThat(m.sentence()).as("none waits: no promise to retry").isEqualTo(Reason.MAILBOXFULL.sentence()).doesNotContain("we will");
    }
}
