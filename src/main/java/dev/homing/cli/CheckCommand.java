package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.dns.Dns;
import dev.homing.auth.SenderDomainReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code homing check ...}: what receivers will think of our mail before it is sent. One subcommand per kind of
 * check; each prints its findings and exits 0 when nothing blocks sending, {@link #BLOCKED} when something does
 * (2 stays the exit code of bad input, as for every command).
 */
@Command(name = "check", description = "Check what receivers will check, before sending.", subcommands = {CheckCommand.Domain.class,
        CheckCommand.Content.class})
final class CheckCommand {
    /** Exit code when a finding blocks sending. */
    static final int BLOCKED = 3;

    @Command(name = "domain", description = "Check SPF, DKIM, DMARC, alignment, the bounce MX and reverse DNS of a From domain, "
            + "with a fix for each problem. Exit code 0: nothing blocks sending; " + BLOCKED + ": something does.")
    static final class Domain implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "DOMAIN", description = "The From domain.")
        String domain;
        @Option(names = "--ip", paramLabel = "IP", description = "A sending IP (repeatable); default: sending.ips of homing.properties.")
        List<String> ips = new ArrayList<>();
        @Option(names = "--bounce-domain", paramLabel = "DOMAIN", description = "The Return-Path domain; default: bounce.domain.")
        String bounceDomain;
        @Option(names = "--dns", paramLabel = "HOST:PORT", description = "Ask this DNS server instead of the system's.")
        String dnsServer;

        @Override
        public Integer call() {
            dev.homing.auth.SenderIdentity identity = Config.load(home.home()).identity(home.home());
            if (!ips.isEmpty()) {
                identity = identity.withIps(ips);
            }
            if (bounceDomain != null) {
                identity = identity.withBounceDomain(bounceDomain);
            }
            SenderDomainReport report = identity.check(dnsServer == null ? Dns.system() : Dns.server(dnsServer), domain);
            System.out.print(report.text());
            return report.hasBlocking() ? BLOCKED : 0;
        }
    }

    @Command(name = "content", description = "Score a campaign's content as filters would (and SpamAssassin's spamd when configured), "
            + "on the exact copy its first subscriber would receive. Exit code 0: nothing blocks sending; " + BLOCKED + ": something does.")
    static final class Content implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "CAMPAIGN")
        String campaign;
        @Option(names = "--spamd", paramLabel = "HOST:PORT", description = "Ask this spamd too (default: spamd.address of homing.properties).")
        String spamd;

        @Override
        public Integer call() {
            try (dev.homing.store.Database db = home.database()) {
                dev.homing.campaign.Campaign c = new dev.homing.campaign.Campaigns(db).get(campaign);
                dev.homing.campaign.Launch launch = home.checking(db, null).withSpamd(spamd);
                dev.homing.campaign.ContentReport r = launch.content(launch.sample(c));
                System.out.print(r.toText());
                return r.blocking().isEmpty() ? 0 : BLOCKED;
            }
        }
    }

    private CheckCommand() {
    }
}
