package dev.homing.delivery;

import dev.homing.store.Peek;
import dev.homing.outcome.Judge;
import dev.homing.queue.DeliveryRow;
import dev.homing.queue.DeliveryState;
import dev.homing.queue.NewDelivery;
import dev.homing.queue.Queue;
import dev.homing.queue.RetrySchedule;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine against real Postfix 3.7 instances (Debian's package, each with its own configuration directory and
 * queue on a loopback port): what Postfix itself answers, and what ends up in its mailboxes.
 */
class PostfixInteropTest {
    @TempDir
    Path home;

    /** The engine and its queue, sending to Postfix for {@link Postfix#DOMAIN}. */
    private record Run(Database db, Queue queue, Engine engine, long messageId) implements AutoCloseable {
        static Run start(Path home, Postfix mx, int connections, List<String> recipients, List<Duration> retries) {
            return start(home, mx, connections, recipients, retries, "From: a@homing.test\nTo: {{email}}\nSubject: interop\n\nHello\n");
        }

        static Run start(Path home, Postfix mx, int connections, List<String> recipients, List<Duration> retries, String message) {
            return start(home, mx, connections, recipients, retries, message, "client.homing.test");
        }

        static Run start(Path home, Postfix mx, int connections, List<String> recipients, List<Duration> retries, String message,
                         String helo) {
            Database db = Database.embedded(home);
            Queue queue = Queue.open(db, home.resolve("data/journal"), new RetrySchedule(retries, 0, Duration.ofMinutes(5)));
            queue.recover();
            EngineSettings settings = EngineSettings.defaults(helo)
                    .withClient(new ClientSettings(helo, Timeouts.all(Duration.ofSeconds(10)), 100, Duration.ofMillis(500)))
                    .withLimits(new Limits(connections, 0));
            Engine engine = new Engine(queue, new MxResolver(null, Routes.none().add(Postfix.DOMAIN, mx.address), 25), new Judge(),
                    settings, dev.homing.campaign.PlainComposer.plain());
            engine.recordThrottles(new ThrottleRecord(db));
            long id = queue.addMessage("sender@homing.test", "interop", message);
            List<NewDelivery> list = new ArrayList<>();
            for (String r : recipients) {
                list.add(NewDelivery.valid(r, Postfix.DOMAIN, null));
            }
            queue.addDeliveries(id, list);
            engine.start();
            return new Run(db, queue, engine, id);
        }

        List<DeliveryRow> awaitFinal(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (queue.view().unfinished(messageId) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            queue.flush();
            return queue.view().deliveries(messageId);
        }

        long attempts(String where) {
            return Peek.jdbi(db).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attempt " + where).mapTo(Long.class).one());
        }

        @Override
        public void close() {
            engine.close();
            queue.close();
            db.close();
        }
    }

    private static List<String> boxes(int n) {
        return IntStream.range(0, n).mapToObj(i -> "m" + i).toList();
    }

    /**
     * Postfix holds two connections per client ({@code smtpd_client_connection_count_limit = 2}) and answers a third with
     * {@code 421 4.7.0 Error: too many connections}. A refused session costs that session only: every delivery goes through
     * the sessions that work, at once, with one attempt row each and no 421 row; every mailbox gets exactly one copy.
     */
    @Test
    void aConnectionLimitCostsOnlyTheRefusedSessions() throws Exception {
        List<String> boxes = boxes(100);
        try (Postfix mx = Postfix.start(boxes, Map.of("smtpd_client_connection_count_limit", "2"));
             Run run = Run.start(home, mx, 10, boxes.stream().map(b -> b + "@" + Postfix.DOMAIN).toList(),
                     List.of(Duration.ofMinutes(10)))) {
            List<DeliveryRow> rows = run.awaitFinal(Duration.ofSeconds(90));
            assertThat(rows).as("every delivery delivered at once; postfix said:\n%s", mx.log())
                    .allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED));
            assertThat(mx.logLines("Connection concurrency limit exceeded")).as("the limit was met").isPositive();
            assertThat(run.attempts("")).as("one attempt row per real attempt").isEqualTo(100);
            assertThat(run.attempts("WHERE code = 421")).isZero();
            for (String b : boxes) {
                assertThat(mx.copies(b)).as("copies in %s", b).isEqualTo(1);
            }
            run.engine.close(); // writes what the throttles learned, for status pages
            assertThat(new ThrottleRecord(run.db).read()).as("what the throttle learned, as status shows it").singleElement().satisfies(t -> {
                assertThat(t.connections()).isLessThanOrEqualTo(2);
                assertThat(t.configuredConnections()).isEqualTo(10);
                assertThat(t.refusedAt()).isEqualTo(3);
                assertThat(ThrottleRecord.describe(t)).contains("of 10 connections").contains("refused a session at 3 connections");
            });
        }
    }

    /** Postfix's own refusal of an unknown mailbox at RCPT: bounced, hard, its text kept; the known one delivered. */
    @Test
    void anUnknownMailboxBouncesWithPostfixsOwnWords() throws Exception {
        try (Postfix mx = Postfix.start(List.of("known"), Map.of());
             Run run = Run.start(home, mx, 2, List.of("known@" + Postfix.DOMAIN, "ghost@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)))) {
            Map<String, DeliveryRow> rows = new java.util.HashMap<>();
            run.awaitFinal(Duration.ofSeconds(30)).forEach(r -> rows.put(r.recipient(), r));
            assertThat(rows.get("known@" + Postfix.DOMAIN).state()).isEqualTo(DeliveryState.DELIVERED);
            DeliveryRow ghost = rows.get("ghost@" + Postfix.DOMAIN);
            assertThat(ghost.state()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(ghost.code()).isEqualTo(550);
            assertThat(ghost.enhanced()).isEqualTo("5.1.1");
            assertThat(ghost.reason()).isEqualTo("userunknown");
            assertThat(ghost.detail()).contains("User unknown in virtual mailbox table");
            assertThat(mx.copies("known")).isEqualTo(1);
        }
    }

    /**
     * Postfix limits messages per client ({@code smtpd_client_message_rate_limit}, here 10 per 5 seconds) with
     * {@code 450 4.7.1 Error: too much mail}: the engine slows down and retries, and every mailbox ends with one copy.
     */
    @Test
    void aMessageRateLimitSlowsUsDownAndEverythingArrivesOnce() throws Exception {
        List<String> boxes = boxes(30);
        try (Postfix mx = Postfix.start(boxes, Map.of("smtpd_client_message_rate_limit", "10", "anvil_rate_time_unit", "5s"));
             Run run = Run.start(home, mx, 4, boxes.stream().map(b -> b + "@" + Postfix.DOMAIN).toList(),
                     List.of(Duration.ofSeconds(2), Duration.ofSeconds(3)))) {
            List<DeliveryRow> rows = run.awaitFinal(Duration.ofSeconds(120));
            assertThat(rows).as("postfix said:\n%s", mx.log()).allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED));
            assertThat(mx.logLines("Message delivery request rate limit exceeded")).as("the limit was met").isPositive();
            assertThat(run.attempts("WHERE code = 450")).as("the 450s were recorded as deferrals").isPositive();
            for (String b : boxes) {
                assertThat(mx.copies(b)).as("copies in %s", b).isEqualTo(1);
            }
        }
    }

    /**
     * A raw UTF-8 Subject (RFC 6532) goes only with SMTPUTF8 (RFC 6531 3.4): to Postfix with {@code smtputf8_enable = yes} it is
     * sent with the SMTPUTF8 parameter and arrives as written; with {@code smtputf8_enable = no} (8BITMIME still offered) it is not
     * sent as 8BITMIME, but failed here (193) with a sentence naming the header.
     */
    @Test
    void eightBitHeadersGoOnlyWithSmtputf8() throws Exception {
        String message = "From: a@homing.test\nTo: {{email}}\nSubject: Grüße aus Köln\n\nHallo\n";
        try (Postfix mx = Postfix.start(List.of("u"), Map.of("smtputf8_enable", "yes"));
             Run run = Run.start(home.resolve("on"), mx, 1, List.of("u@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)), message)) {
            DeliveryRow row = run.awaitFinal(Duration.ofSeconds(30)).get(0);
            assertThat(row.state()).as("%s\n%s", row, mx.log()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(mx.mailboxText("u")).contains("Subject: Grüße aus Köln");
        }
        try (Postfix mx = Postfix.start(List.of("u"), Map.of("smtputf8_enable", "no"));
             Run run = Run.start(home.resolve("off"), mx, 1, List.of("u@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)), message)) {
            DeliveryRow row = run.awaitFinal(Duration.ofSeconds(30)).get(0);
            assertThat(row.state()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(row.code()).isEqualTo(193);
            assertThat(row.detail()).contains("Subject header has 8-bit (UTF-8) text").contains("does not offer it")
                    .contains("RFC 2047");
            assertThat(mx.copies("u")).isZero();
        }
    }

    /**
     * Postfix's {@code message_size_limit}: advertised in EHLO (SIZE 2000), the message is not sent at all; with SIZE
     * taken out of EHLO ({@code smtpd_discard_ehlo_keywords}), Postfix refuses it after the data with its own 552. Either
     * way the delivery bounces as too big, and a small one to the same server is delivered.
     */
    @Test
    void aMessageOverTheSizeLimitBouncesWithOrWithoutSizeAdvertised() throws Exception {
        String big = "From: a@homing.test\nTo: {{email}}\nSubject: big\n\n" + "x".repeat(70).concat("\n").repeat(60);
        for (Map<String, String> settings : List.of(Map.of("message_size_limit", "2000"),
                Map.of("message_size_limit", "2000", "smtpd_discard_ehlo_keywords", "size"))) {
            boolean advertised = !settings.containsKey("smtpd_discard_ehlo_keywords");
            Path where = home.resolve(advertised ? "size" : "nosize");
            try (Postfix mx = Postfix.start(List.of("u"), settings);
                 Run run = Run.start(where, mx, 1, List.of("u@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)), big)) {
                DeliveryRow row = run.awaitFinal(Duration.ofSeconds(30)).get(0);
                assertThat(row.state()).as("%s %s", settings, row).isEqualTo(DeliveryState.BOUNCED);
                assertThat(row.reason()).isEqualTo("mesgtoobig");
                if (advertised) {
                    assertThat(row.detail()).as("refused here, before MAIL").contains("accepts 2000");
                    assertThat(mx.logLines("client=")).as("no transaction was started").isZero();
                } else {
                    assertThat(row.code()).isEqualTo(552);
                    assertThat(row.detail()).contains("message file too big"); // Postfix cleanup(8)'s own words
                }
                assertThat(mx.copies("u")).isZero();
            }
        }
    }

    /**
     * Greylisting by Debian's postgrey (a 2-second delay) behind Postfix: the first attempt meets Postfix's 450 with
     * postgrey's words, judged greylisting; the retry is delivered, once.
     */
    @Test
    void greylistingByPostgreyIsJudgedAndClearsOnRetry() throws Exception {
        try (Postgrey grey = Postgrey.start(2);
             Postfix mx = Postfix.start(List.of("u", "v"), Map.of("smtpd_recipient_restrictions", grey.restriction()));
             Run run = Run.start(home, mx, 2, List.of("u@" + Postfix.DOMAIN, "v@" + Postfix.DOMAIN),
                     List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)))) {
            List<DeliveryRow> rows = run.awaitFinal(Duration.ofSeconds(60));
            assertThat(rows).as("postfix said:\n%s", mx.log()).allSatisfy(r -> {
                assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(r.attempts()).isEqualTo(2);
            });
            List<String> first = Peek.jdbi(run.db).withHandle(h -> h.createQuery("SELECT reason FROM attempt WHERE code = 450")
                    .mapTo(String.class).list());
            assertThat(first).hasSize(2).containsOnly("greylisting");
            assertThat(mx.copies("u")).isEqualTo(1);
            assertThat(mx.copies("v")).isEqualTo(1);
        }
    }

    /**
     * Postfix refusing a HELO of {@code localhost} ({@code reject_non_fqdn_helo_hostname}: 504 5.5.2 at RCPT, Postfix
     * delays the refusal): judged blocked, the address not at fault, and the same message goes once a proper name is set.
     */
    @Test
    void aLocalhostHeloIsRefusedByPostfixAndAProperNamePasses() throws Exception {
        Map<String, String> strict = Map.of("smtpd_helo_required", "yes", "smtpd_helo_restrictions",
                "reject_invalid_helo_hostname, reject_non_fqdn_helo_hostname");
        String message = "From: a@homing.test\nTo: {{email}}\nSubject: helo\n\nHello\n";
        try (Postfix mx = Postfix.start(List.of("u"), strict);
             Run run = Run.start(home.resolve("bad"), mx, 1, List.of("u@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)), message,
                     "localhost")) {
            DeliveryRow row = run.awaitFinal(Duration.ofSeconds(30)).get(0);
            assertThat(row.state()).as("%s\n%s", row, mx.log()).isEqualTo(DeliveryState.BOUNCED);
            assertThat(row.code()).isEqualTo(504);
            assertThat(row.detail()).contains("Helo command rejected");
            assertThat(row.reason()).isEqualTo("blocked");
        }
        try (Postfix mx = Postfix.start(List.of("u"), strict);
             Run run = Run.start(home.resolve("good"), mx, 1, List.of("u@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)), message,
                     "mta1.homing.test")) {
            assertThat(run.awaitFinal(Duration.ofSeconds(30)).get(0).state()).isEqualTo(DeliveryState.DELIVERED);
            assertThat(mx.copies("u")).isEqualTo(1);
        }
    }

    /**
     * The delivery log against Postfix offering STARTTLS: both sides of the dialogue (our commands, its replies), the TLS
     * version and cipher it negotiated, the message's Message-ID, size and Subject; the second message on the same
     * connection says it was reused and repeats Postfix's EHLO, so its capabilities are on every attempt.
     */
    @Test
    void theTranscriptHasBothSidesTlsAndTheReusedConnectionsEhlo() throws Exception {
        Path keys = java.nio.file.Files.createDirectories(home.resolve("tls"));
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                "/CN=mx." + Postfix.DOMAIN, "-keyout", keys.resolve("key.pem").toString(), "-out", keys.resolve("cert.pem").toString())
                .redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(said).isZero();
        Map<String, String> tls = Map.of("smtpd_tls_security_level", "may", "smtpd_tls_cert_file", keys.resolve("cert.pem").toString(),
                "smtpd_tls_key_file", keys.resolve("key.pem").toString());
        String message = "From: a@homing.test\nTo: {{email}}\nSubject: Grüße aus dem Test\n\nHello\n";
        try (Postfix mx = Postfix.start(List.of("t1", "t2"), tls);
             Run run = Run.start(home, mx, 1, List.of("t1@" + Postfix.DOMAIN, "t2@" + Postfix.DOMAIN), List.of(Duration.ofMinutes(10)),
                     message)) {
            assertThat(run.awaitFinal(Duration.ofSeconds(30))).allSatisfy(r -> assertThat(r.state()).isEqualTo(DeliveryState.DELIVERED));
            List<String> transcripts = Peek.jdbi(run.db).withHandle(h -> h.createQuery("SELECT transcript FROM attempt a"
                    + " JOIN delivery d ON d.id = a.delivery_id ORDER BY d.recipient").mapTo(String.class).list());
            assertThat(transcripts).hasSize(2);
            String first = transcripts.get(0);
            assertThat(first).as("%s\npostfix said:\n%s", first, mx.log())
                    .containsPattern("(?m)^=== connected to 127\\.0\\.0\\.1 \\[127\\.0\\.0\\.1\\]:\\d+ in \\d+ ms$")
                    .containsPattern("(?m)^<-  220 mx\\.rx\\.test ESMTP Postfix")
                    .contains("\n -> EHLO client.homing.test\n").contains("\n -> STARTTLS\n")
                    .containsPattern("(?m)^<-  250-STARTTLS$")
                    .containsPattern("(?m)^=== TLS TLSv1\\.[23] TLS_\\w+$")
                    .containsPattern("(?m)^=== message <[^>]+@[^>]+>, \\d+ bytes, Subject: Grüße aus dem Test$")
                    .containsPattern("(?m)^ -> MAIL FROM:<sender@homing\\.test> SIZE=\\d+")
                    .contains("\n -> RCPT TO:<t1@rx.test>\n")
                    .containsPattern("(?m)^ -> \\[\\d+ bytes of message\\]$")
                    .containsPattern("(?m)^<-  250 2\\.0\\.0 Ok: queued as \\w+ \\(\\d+ ms\\)$");
            // after STARTTLS the EHLO is asked again (RFC 3207) and no longer offers STARTTLS
            String afterTls = first.substring(first.indexOf("=== TLS"));
            assertThat(afterTls).contains(" -> EHLO client.homing.test").doesNotContain("250-STARTTLS");
            String second = transcripts.get(1);
            assertThat(second).as(second).containsPattern("(?m)^=== connected to .*; reused: message 2 on this connection$")
                    .containsPattern("(?m)^=== TLS TLSv1\\.[23] ").contains("=== the server's EHLO when the connection opened:")
                    .containsPattern("(?m)^<-  250-PIPELINING$").contains("\n -> RCPT TO:<t2@rx.test>\n")
                    .doesNotContain(" -> STARTTLS");
        }
    }
}
