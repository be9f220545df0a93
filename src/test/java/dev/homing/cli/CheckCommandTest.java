package dev.homing.cli;

import dev.homing.auth.DkimAlgorithm;
import dev.homing.auth.DkimKey;
import dev.homing.testing.FakeDns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.homing.cli.CommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code homing check domain} in-process against a DNS server on loopback. */
class CheckCommandTest {
    @TempDir
    Path home;

    @Test
    void checksTheDomainWithSettingsAndKeysFromHomeAndExitsByWhatBlocks() throws Exception {
        Files.writeString(home.resolve("homing.properties"), """
                sending.ips = 192.0.2.10
                bounce.domain = bounces.example.com
                inbound.host = mx.example.com
                dkim.selector = homing
                """);
        DkimKey key = DkimKey.generate("example.com", "homing", DkimAlgorithm.ED25519_SHA256, 0);
        key.save(home);
        try (FakeDns dns = new FakeDns()) {
            dns.txt("example.com", "v=spf1 include:bounces.example.com -all");
            dns.txt("bounces.example.com", "v=spf1 ip4:192.0.2.10 -all");
            dns.txt("homing._domainkey.example.com", key.txtValue());
            dns.txt("_dmarc.example.com", "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com");
            dns.add("bounces.example.com. 300 IN MX 10 mx.example.com.");
            dns.add("10.2.0.192.in-addr.arpa. 300 IN PTR mail.example.com.");
            dns.add("mail.example.com. 300 IN A 192.0.2.10");
            String server = "127.0.0.1:" + dns.resolver().getAddress().getPort();

            CommandsTest.Run ok = run("check", "domain", "example.com", "--home", home.toString(), "--dns", server);
            assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("[pass] DKIM: the DKIM key at homing._domainkey.example.com is published and matches our"
                    + " ed25519 key").contains("Nothing blocks sending.");

            // another IP, given on the command line, is not in the SPF record: blocked, with the term to add
            CommandsTest.Run blocked = run("check", "domain", "example.com", "--home", home.toString(), "--dns", server, "--ip", "192.0.2.99");
            assertThat(blocked.code()).isEqualTo(CheckCommand.BLOCKED);
            assertThat(blocked.out()).contains("[fail] BLOCKING SPF: SPF of bounces.example.com (the Return-Path domain) gives fail"
                    + " for 192.0.2.99").contains("fix: add `ip4:192.0.2.99` to the SPF record of bounces.example.com");

            CommandsTest.Run other = run("check", "domain", "example.com", "--home", home.toString(), "--dns", server,
                    "--bounce-domain", "b.example.net");
            assertThat(other.out()).contains("b.example.net (the Return-Path domain receivers check) has no SPF record");
        }
    }

    @Test
    void badInputIsAClearError() {
        CommandsTest.Run r = run("check", "domain", "example.com", "--home", home.toString(), "--ip", "mail.example.com", "--dns", "127.0.0.1:1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("\"mail.example.com\" is not an IP address");
    }
}
