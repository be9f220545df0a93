package dev.homing.report;

import dev.homing.outcome.Reason;
import dev.homing.outcome.Responsibility;
import dev.homing.provider.ProviderDetector;
import dev.homing.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static dev.homing.report.Rows.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** One diagnosis per kind of outcome, from rows as the queue, the mailroom and the suppression rules leave them. */
class DiagnosisTest {
    @TempDir
    Path home;
    Database db;
    Rows rows;
    Reports reports;
    long message;

    /** The database under test: the embedded default here; {@link PostgresDiagnosisTest} runs the same tests on PostgreSQL. */
    protected Database openDatabase() {
        return Database.embedded(home);
    }

    protected void dropDatabase() {
    }

    @BeforeEach
    void open() {
        db = openDatabase();
        rows = new Rows(db);
        reports = new Reports(db, ProviderDetector.offline());
        message = rows.message("b-1@bounces.homing.test");
        rows.campaign("spring", "news@news.homing.test", message);
    }

    @AfterEach
    void close() {
        db.close();
        dropDatabase();
    }

    private Diagnosis diagnose(long id) {
        return reports.diagnose(id).orElseThrow();
    }

    @Test
    void deliveredSaysA250IsNotTheInbox() {
        long id = rows.delivery(message, "ann@accept.example", "delivered", 1, "dot", "delivered", 250, "2.0.0", "2.0.0 Ok: queued as 1A2B", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isInstanceOf(Outcome.Delivered.class);
        assertThat(d.responsible()).isEqualTo(Responsibility.NONE);
        assertThat(d.verdict()).contains("accepted the message (250)")
                .contains("A 250 means the receiving server accepted the message, not that it reached the inbox");
        assertThat(d.action()).isInstanceOf(Action.NothingToDo.class);
        assertThat(d.action().advice()).contains("spam").contains("news@news.homing.test");
    }

    /** Postfix refusing our HELO name: the operator's setting to fix, said once, never the block-list steps. */
    @Test
    void aRefusedHeloNameIsOursToFixNotABlockList() {
        long id = rows.delivery(message, "ann@corp.example", "bounced", 1, "rcpt", "blocked", 504, "5.5.2",
                "5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.reason()).isEqualTo(Reason.BLOCKED);
        assertThat(d.action()).isInstanceOf(Action.FixHelo.class);
        assertThat(d.action().advice()).contains("set helo in homing.properties").doesNotContain("block list");
        assertThat(d.verdict()).contains("HELO");
        // a block of our IP is still the block-list steps
        long ip = rows.delivery(message, "bob@corp.example", "bounced", 1, "rcpt", "blocked", 554, "5.7.1",
                "5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org", T0);
        assertThat(diagnose(ip).action()).isInstanceOf(Action.RepairReputation.class);
    }

    @Test
    void userUnknownIsTheAddressAndIsRemoved() {
        long id = rows.delivery(message, "dan@corp.example", "bounced", 1, "rcpt", "userunknown", 550, "5.1.1",
                "5.1.1 <dan@corp.example>: Recipient address rejected: User unknown", T0);
        rows.suppression("dan@corp.example", "userunknown", "active", "message 1: 550 user unknown");
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.Bounced(Reason.USERUNKNOWN, true));
        assertThat(d.responsible()).isEqualTo(Responsibility.RECIPIENT);
        assertThat(d.responsibleText()).isEqualTo("the address");
        assertThat(d.verdict()).contains("does not exist").contains("550 5.1.1");
        assertThat(d.action()).isEqualTo(new Action.RemoveAddress(true, false));
        assertThat(d.action().advice()).contains("Remove the address").contains("suppressed it already");
    }

    @Test
    void suspectedFilteringKeepsTheAddressAndAsksForTheAdministratorWithinDays() {
        long id = rows.delivery(message, "eve@corp.example", "bounced", 1, "rcpt", "userunknown", 550, "5.1.1",
                "5.1.1 <eve@corp.example>: Recipient address rejected: User unknown", T0);
        rows.suppression("eve@corp.example", "userunknown", "suspected",
                "suspected filtering (many 'user unknown' at corp.example in this campaign); message 1: 550 ...");
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.SuspectedFiltering(Reason.USERUNKNOWN, false));
        assertThat(d.outcome().label()).isEqualTo("suspected filtering");
        assertThat(d.responsible()).isEqualTo(Responsibility.REMOTE_POLICY);
        assertThat(d.verdict()).contains("many addresses at corp.example").contains("a filter is the likely cause, not a dead address");
        assertThat(d.action()).isInstanceOf(Action.AskAdministrator.class);
        assertThat(d.action().advice()).contains("Keep the address").contains("mail administrator within days, while quarantines last")
                .contains("news@news.homing.test");
    }

    @Test
    void aFilterAtAConsumerMailboxAsksTheRecipientToSafelistTheSender() throws Exception {
        try (dev.homing.testing.FakeDns dns = new dev.homing.testing.FakeDns()) {
            dns.add("gmail.com. 300 IN MX 5 gmail-smtp-in.l.google.com.");
            Reports withMx = new Reports(db, new ProviderDetector(dns.resolver(), java.time.Duration.ofSeconds(2)));
            long id = rows.delivery(message, "amy@gmail.com", "bounced", 1, "rcpt", "userunknown", 550, "5.1.1",
                    "5.1.1 <amy@gmail.com>: Recipient address rejected: User unknown", T0);
            rows.suppression("amy@gmail.com", "userunknown", "suspected",
                    "suspected filtering (the address accepted mail 3 days ago); message 1: 550 ...");
            Diagnosis d = withMx.diagnose(id).orElseThrow();
            assertThat(d.outcome()).isInstanceOf(Outcome.SuspectedFiltering.class);
            assertThat(d.action()).isInstanceOf(Action.Safelist.class);
            assertThat(d.action().advice()).contains("Keep the address").contains("add news@news.homing.test to their contacts")
                    .contains("Gmail").contains("/safelist/");
        }
    }

    @Test
    void aProviderPolicyBlockIsOurReputationNotTheAddress() {
        long id = rows.delivery(message, "bob@contoso.example", "bounced", 1, "rcpt", "blocked", 550, "5.7.1",
                "5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part"
                        + " of their network is on our block list (S3150).", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.Bounced(Reason.BLOCKED, false));
        assertThat(d.responsible()).isEqualTo(Responsibility.SENDER);
        assertThat(d.responsibleText()).isEqualTo("our sending reputation or authentication");
        assertThat(d.action()).isInstanceOf(Action.RepairReputation.class);
        assertThat(d.action().advice()).contains("Keep the address: it is not at fault").contains("block lists");
    }

    @Test
    void anAuthenticationRefusalNamesTheRecords() {
        long id = rows.delivery(message, "zoe@gmail.example", "bounced", 1, "dot", "authfailure", 550, "5.7.26",
                "5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate"
                        + " with either SPF or DKIM.", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.action()).isEqualTo(new Action.FixAuthentication(java.util.List.of("the SPF record (TXT) of bounces.homing.test",
                "the DKIM key record (TXT at SELECTOR._domainkey.news.homing.test)"), "news.homing.test"));
        assertThat(d.action().advice()).contains("'homing check domain news.homing.test'");
    }

    @Test
    void spamRefusalAsksToReviewTheContent() {
        long id = rows.delivery(message, "sam@example.org", "bounced", 1, "dot", "spamdetected", 554, "5.7.1", "5.7.1 Message rejected as spam", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.responsible()).isEqualTo(Responsibility.CONTENT);
        assertThat(d.action()).isEqualTo(new Action.ReviewContent(java.util.List.of(), "spring"));
        assertThat(d.action().advice()).contains("'homing check content spring'");
        assertThat(new Action.ReviewContent(java.util.List.of("spam-phrase", "image-only"), "spring").advice())
                .contains("spam-phrase, image-only");
    }

    @Test
    void mailboxFullKeepsTheAddressUntilItRepeats() {
        long id = rows.delivery(message, "max@example.org", "bounced", 1, "rcpt", "mailboxfull", 552, "5.2.2",
                "5.2.2 <max@example.org>: Mailbox full, quota exceeded", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.Bounced(Reason.MAILBOXFULL, false));
        assertThat(d.responsible()).isEqualTo(Responsibility.RECIPIENT);
        assertThat(d.action()).isEqualTo(new Action.RemoveIfRepeated(3));
    }

    @Test
    void aDeferralIsRetriedAndAThrottleSlowsDown() {
        long grey = rows.delivery(message, "gil@example.org", "deferred", 1, "rcpt", "greylisting", 450, "4.2.0",
                "4.2.0 <gil@example.org>: Recipient address rejected: Greylisted", T0);
        Diagnosis g = diagnose(grey);
        assertThat(g.outcome()).isEqualTo(new Outcome.Retrying(Reason.GREYLISTING, 1, T0.plusSeconds(300)));
        assertThat(g.action()).isEqualTo(new Action.Wait(T0.plusSeconds(300)));
        assertThat(g.action().advice()).contains("Homing is retrying").contains("2026-03-02 09:05:00 UTC");
        long slow = rows.delivery(message, "tom@example.org", "deferred", 2, "rcpt", "speeding", 421, "4.7.0", "4.7.0 Try again later", T0);
        Diagnosis s = diagnose(slow);
        assertThat(s.outcome()).isInstanceOf(Outcome.Retrying.class);
        assertThat(s.action()).isInstanceOf(Action.SlowDown.class);
        assertThat(s.action().label()).isEqualTo("keep; slow down for this provider");
    }

    @Test
    void expiredSaysHomingGaveUpAndKeepsAnAddressThatIsNotAtFault() {
        long id = rows.delivery(message, "una@example.org", "expired", 7, "connect", "networkerror", 160, "4.4.1",
                "connection timed out: no TCP connection or no banner from the MX", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.Expired(Reason.NETWORKERROR));
        assertThat(d.verdict()).contains("gave up").contains("after 7 attempts").contains("160").contains("not at fault");
        assertThat(d.responsible()).isEqualTo(Responsibility.NETWORK);
        assertThat(d.action()).isEqualTo(new Action.KeepAddress());
    }

    @Test
    void aTimeoutAfterTheDotIsUncertain() {
        long id = rows.delivery(message, "ivy@example.org", "uncertain", 1, "dot", "uncertain", 147, "4.4.2",
                "timeout after the end-of-data dot: the remote server may have the message", T0);
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.Uncertain(T0));
        assertThat(d.verdict()).contains("may have arrived").contains("147");
        assertThat(d.action()).isEqualTo(new Action.CheckBeforeResending());
        assertThat(d.action().advice()).contains("duplicate").contains("homing requeue --uncertain");
    }

    @Test
    void aLateBounceAfterA250SaysBoth() {
        Instant accepted = T0.plusSeconds(60);
        Instant bounced = T0.plusSeconds(3600);
        long id = rows.delivery(message, "lou@late.example", "bounced", 1, "after", "userunknown", 550, "5.1.1",
                "smtp; 550 5.1.1 <lou@late.example>: user unknown (remote MTA mx.late.example)", bounced);
        rows.attempt(id, 1, accepted, "dot", 250, "2.0.0", "2.0.0 Ok", "delivered", "delivered");
        rows.event(id, bounced, "bounce", "5.1.1", 550, "userunknown", "smtp; 550 5.1.1 user unknown", "delivered", "bounced");
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.LateBounce(Reason.USERUNKNOWN, accepted, bounced));
        assertThat(d.verdict()).contains("accepted the message (250) on 2026-03-02 09:01:00 UTC, then sent a bounce on 2026-03-02 10:00:00 UTC")
                .contains("does not exist").contains("a 250 alone does not prove");
        assertThat(d.action()).isInstanceOf(Action.RemoveAddress.class);
    }

    @Test
    void aComplaintStopsMailing() {
        long id = rows.delivery(message, "kim@example.org", "complained", 1, "after", "feedback", null, null,
                "complaint (abuse) reported by ProviderFBL/1.0, received message 4", T0.plusSeconds(7200));
        rows.event(id, T0.plusSeconds(7200), "complaint", null, null, "feedback", "complaint (abuse)", "delivered", "complained");
        Diagnosis d = diagnose(id);
        assertThat(d.outcome()).isEqualTo(new Outcome.Complained(T0.plusSeconds(7200)));
        assertThat(d.responsibleText()).contains("the recipient");
        assertThat(d.action()).isEqualTo(new Action.StopMailing());
        assertThat(d.action().advice()).contains("Never mail this address again").contains("0.3%");
    }

    @Test
    void theTimelineIsInTimeOrderWithAttemptsThenLateEvents() {
        long id = rows.delivery(message, "lou@late.example", "bounced", 2, "after", "userunknown", 550, "5.1.1", "user unknown",
                T0.plusSeconds(3600));
        // written out of order: the event first, then the second attempt, then the first
        rows.event(id, T0.plusSeconds(3600), "bounce", "5.1.1", 550, "userunknown", "smtp; 550 5.1.1 user unknown", "delivered", "bounced");
        rows.event(id, T0.plusSeconds(1800), "delay", "4.4.7", null, "expired", "delayed", "delivered", "delivered");
        rows.attempt(id, 2, T0.plusSeconds(600), "dot", 250, "2.0.0", "2.0.0 Ok", "delivered", "delivered");
        rows.attempt(id, 1, T0, "rcpt", 450, "4.2.0", "4.2.0 Greylisted,\nsee the help page", "retry", "greylisting");
        Timeline t = reports.timeline(id).orElseThrow();
        assertThat(t.steps()).extracting(Timeline.Step::at)
                .containsExactly(T0, T0.plusSeconds(600), T0.plusSeconds(1800), T0.plusSeconds(3600));
        assertThat(t.steps().get(0)).isInstanceOfSatisfying(Timeline.AttemptStep.class, a -> {
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.mxHost()).isEqualTo("mx1.example.net");
            assertThat(a.mxIp()).isEqualTo("192.0.2.25");
            assertThat(a.stage()).isEqualTo("rcpt");
            assertThat(a.code()).isEqualTo(450);
            assertThat(a.enhanced()).isEqualTo("4.2.0");
            assertThat(a.excerpt()).isEqualTo("4.2.0 Greylisted, see the help page");
            assertThat(a.durationMs()).isEqualTo(40);
        });
        assertThat(t.steps().get(2)).isInstanceOfSatisfying(Timeline.EventStep.class, e -> assertThat(e.kind()).isEqualTo("delay"));
        assertThat(t.steps().get(3)).isInstanceOfSatisfying(Timeline.EventStep.class, e -> {
            assertThat(e.kind()).isEqualTo("bounce");
            assertThat(e.before()).isEqualTo("delivered");
            assertThat(e.after()).isEqualTo("bounced");
        });
        assertThat(t.diagnosis().outcome()).isInstanceOf(Outcome.LateBounce.class);
        assertThat(t.delivery().campaign()).isEqualTo("spring");
    }

    @Test
    void deliveriesToAnAddressNewestFirstAndByCampaign() {
        long other = rows.message("b-2@bounces.homing.test");
        rows.campaign("autumn", "news@news.homing.test", other);
        long first = rows.delivery(message, "Ann@Example.org", "delivered", 1, "dot", "delivered", 250, null, "ok", T0);
        long second = rows.delivery(other, "Ann@Example.org", "delivered", 1, "dot", "delivered", 250, null, "ok", T0.plusSeconds(86400));
        assertThat(reports.deliveriesTo("Ann@Example.org", null)).containsExactly(second, first);
        assertThat(reports.deliveriesTo("ann@example.org", null)).as("any case").containsExactly(second, first);
        assertThat(reports.deliveriesTo("ann@example.org", "spring")).containsExactly(first);
        assertThat(reports.timeline(999_999)).isEmpty();
    }

}
