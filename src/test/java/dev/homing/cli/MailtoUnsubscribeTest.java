package dev.homing.cli;

import dev.homing.inbound.InboundServer;
import dev.homing.list.Consent;
import dev.homing.list.InstallSecret;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.MemberStatus;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppression;
import dev.homing.list.Suppressions;
import dev.homing.list.Tokens;
import dev.homing.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The mailto: unsubscribe (RFC 2369) over real SMTP, sent by swaks to Homing's inbound server. */
class MailtoUnsubscribeTest {
    @TempDir
    Path home;

    static String swaks(int port, String to) throws Exception {
        Process p = new ProcessBuilder("swaks", "--server", "127.0.0.1", "--port", String.valueOf(port), "--from", "ann@example.com",
                "--to", to, "--header", "Subject: unsubscribe", "--timeout", "10").redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mailToTheUnsubscribeAddressUnsubscribesAndNothingElseIsAccepted() throws Exception {
        try (Database db = Database.embedded(home)) {
            Lists lists = new Lists(db);
            MailingList news = lists.create("news", null);
            Subscriptions subs = new Subscriptions(db, new Tokens(db, InstallSecret.load(home)));
            Consent form = new Consent("127.0.0.1", "test", "form", "yes please");
            var requested = (Subscriptions.NeedsConfirmation) subs.subscribe(news, "ann@example.com", Map.of(), form);
            assertThat(subs.confirm(requested.token(), form).ok()).isTrue();
            String mailbox = subs.unsubscribeMailbox("ann@example.com", news.id());
            assertThat(mailbox).matches("unsubscribe-[a-z2-7]{26}").hasSizeLessThanOrEqualTo(64);
            assertThat(subs.unsubscribeMailbox("ann@example.com", news.id())).as("stable per member").isEqualTo(mailbox);

            dev.homing.inbound.Inbox inbox = new dev.homing.inbound.Inbox(db);
            dev.homing.campaign.Verp verp = new dev.homing.campaign.Verp(InstallSecret.load(home), "bounces.test");
            try (InboundServer inbound = InboundServer.start(InetAddress.getLoopbackAddress(), 0, InboundServer.Settings.of("bounces.test"),
                    inbox, null, verp, subs)) {
                String out = swaks(inbound.port(), mailbox + "@bounces.test");
                assertThat(out).contains("<-  250");
                assertThat(lists.counts(news)).containsExactly(Map.entry(MemberStatus.UNSUBSCRIBED, 1L));
                assertThat(new Suppressions(db).list(Suppression.ACTIVE)).singleElement().satisfies(s -> {
                    assertThat(s.emailKey()).isEqualTo("ann@example.com");
                    assertThat(s.listId()).isEqualTo(news.id());
                    assertThat(s.reason()).isEqualTo("unsubscribe");
                });
                assertThat(swaks(inbound.port(), mailbox.toUpperCase() + "@BOUNCES.test")).as("again, any case: harmless").contains("<-  250");
                List<Subscriptions.Event> record = subs.record("ann@example.com", news.id());
                assertThat(record).extracting(Subscriptions.Event::event).containsExactly("requested", "confirmed", "unsubscribed");
                assertThat(record.get(2).source()).isEqualTo("mailto (from ann@example.com)");

                assertThat(swaks(inbound.port(), "someone@elsewhere.test")).contains("<** 550 5.7.1 <someone@elsewhere.test>: relay not permitted");
                assertThat(swaks(inbound.port(), "unsubscribe-aaaaaaaaaaaaaaaaaaaaaaaaaa@bounces.test")).contains("<** 550 5.1.1");
                assertThat(swaks(inbound.port(), "nobody@bounces.test")).contains("<** 550 5.1.1");
                // stored before the 250, marked processed: nothing received is lost
                assertThat(inbox.counts()).containsEntry("processed unsubscribe", 2L);
            }
        }
    }
}
