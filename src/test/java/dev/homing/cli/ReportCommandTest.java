package dev.homing.cli;

import dev.homing.sandbox.Sandbox;
import dev.homing.sandbox.SandboxConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.homing.cli.CommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code homing report} and {@code homing delivery}, end to end: a campaign sent to the sandbox's
 * behaviours (accept, user unknown, policy block, over quota, mailbox full until expiry, silence after
 * the dot), then read back from the database alone, as a sender would.
 */
class ReportCommandTest {
    @TempDir
    Path home;

    private String[] args(String... a) {
        return Stream.concat(Stream.of(a), Stream.of("--home", home.toString())).toArray(String[]::new);
    }

    @Test
    void reportAndTimelineOfACampaignSentToTheSandbox() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxConfig.defaults())) {
            Files.writeString(home.resolve("homing.properties"), """
                    bounce.domain = bounces.homing.test
                    public.url = https://mail.homing.test/
                    retry.delays = 1s
                    retry.max-age = 3s
                    timeout.dot = 2s
                    """);
            assertThat(run(args("list", "create", "news")).code()).isZero();
            Path csv = Files.writeString(home.resolve("people.csv"), """
                    email,name
                    ann@accept.sandbox.test,Ann
                    dan@user-unknown.sandbox.test,Dan
                    bob@blocked.sandbox.test,Bob
                    cy@over-quota.sandbox.test,Cy
                    mailbox-full@accept.sandbox.test,Full
                    dot@dot-timeout.sandbox.test,Dot
                    """);
            assertThat(run(args("import", "news", csv.toString(), "--consent", "fixture")).code()).isZero();
            Path text = Files.writeString(home.resolve("t.txt"), """
                    Hello {{name}}
                    Unsubscribe: {{unsubscribe_url}}
                    News Homing Ltd, 12 Rue de la Paix, 75002 Paris, France
                    """);
            assertThat(run(args("campaign", "create", "spring", "--list", "news", "--from", "news@homing.test", "--subject", "Hi",
                    "--text", text.toString())).code()).isZero();
            CommandsTest.Run sent = run(args("campaign", "send", "spring", "--override", "test", "--route",
                    "sandbox.test=127.0.0.1:" + sandbox.smtpAddress().getPort(), "--no-dns"));
            assertThat(sent.code()).as(sent.err()).isZero();
        }

        CommandsTest.Run report = run(args("report", "spring", "--no-dns"));
        assertThat(report.code()).as(report.err()).isZero();
        System.out.println(report.out());
        assertThat(report.out()).contains("campaign \"spring\" from news@homing.test: 6 deliveries")
                .contains("1 delivered").contains("1 expired").contains("1 uncertain")
                .contains("Delivered means the receiving server accepted the message (250), not that it reached the inbox.")
                .contains("Other mail servers said the mailbox does not exist for 1 recipient: the addresses themselves; remove them.")
                .contains("Other mail servers blocked our sending IP for 1 recipient: not the addresses; keep them; see the block-list steps.")
                .contains("Other mail servers went silent after receiving the message (147) for 1 recipient: not the addresses; keep them; they may have the message")
                .contains("Homing gave up retrying: Other mail servers said, for now, that the mailbox is full for 1 recipient")
                .contains("The block-list steps (Other mail servers):");

        CommandsTest.Run table = run(args("report", "spring", "--csv", "--no-dns"));
        assertThat(table.code()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("recipient,state,outcome,reason,code,enhanced,responsible,action,provider,last event");
        assertThat(lines).hasSize(7);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("dan@user-unknown.sandbox.test,bounced,bounced,userunknown,550,5.1.1,"
                + "the address,remove the address,other,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("dot@dot-timeout.sandbox.test,uncertain,uncertain,uncertain,147,"));

        CommandsTest.Run one = run(args("delivery", "--to", "dan@user-unknown.sandbox.test", "--campaign", "spring", "--no-dns"));
        assertThat(one.code()).as(one.err()).isZero();
        System.out.println(one.out());
        assertThat(one.out()).contains("to dan@user-unknown.sandbox.test (campaign \"spring\")")
                .contains("state:       bounced, after 1 attempt")
                .contains("verdict:     Refused (550 5.1.1): The receiving server says this mailbox does not exist")
                .contains("responsible: the address")
                .contains("next:        Remove the address from your list.")
                .containsPattern("attempt 1  \\S+ \\[127\\.0\\.0\\.1\\]  rcpt  550 5\\.1\\.1  \\d+ ms")
                .contains("User unknown in virtual mailbox table");
        String id = one.out().lines().findFirst().orElseThrow().replaceAll("^delivery (\\d+) .*", "$1");
        CommandsTest.Run byId = run(args("delivery", id, "--no-dns"));
        assertThat(byId.out()).isEqualTo(one.out());

        CommandsTest.Run ok = run(args("delivery", "--to", "ann@accept.sandbox.test", "--no-dns"));
        assertThat(ok.out()).contains("outcome:     delivered").contains("not that it reached the inbox");
        CommandsTest.Run missing = run(args("delivery", "--to", "nobody@accept.sandbox.test", "--no-dns"));
        assertThat(missing.code()).isEqualTo(DeliveryCommand.NOT_FOUND);
        assertThat(missing.err()).contains("no delivery to nobody@accept.sandbox.test");
        assertThat(run(args("delivery", "--no-dns")).code()).isEqualTo(2);
        CommandsTest.Run unknown = run(args("report", "autumn", "--no-dns"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no campaign named \"autumn\"");
    }
}
