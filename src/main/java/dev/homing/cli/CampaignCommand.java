package dev.homing.cli;

import dev.homing.node.Config;
import dev.homing.node.Node;
import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignException;
import dev.homing.campaign.CampaignSender;
import dev.homing.campaign.Campaigns;
import dev.homing.campaign.Launch;
import dev.homing.list.Address;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.queue.DeliveryState;
import dev.homing.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code homing campaign create|ls|show|preview|send|pause|resume}. */
@Command(name = "campaign", description = "Campaigns: a message to a list, built and signed for every subscriber.",
        subcommands = {CampaignCommand.Create.class, CampaignCommand.Ls.class, CampaignCommand.Show.class, CampaignCommand.Preview.class,
                CampaignCommand.Preflight.class, CampaignCommand.Send.class, CampaignCommand.Pause.class, CampaignCommand.Resume.class})
final class CampaignCommand {

    @Command(name = "create", description = "Create a campaign. Templates use {{field}} or {{field|default}} (Mustache, no code).")
    static final class Create implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--list", required = true, paramLabel = "LIST")
        String list;
        @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "From address; its domain's DKIM keys sign.")
        String from;
        @Option(names = "--from-name", paramLabel = "NAME")
        String fromName;
        @Option(names = "--reply-to", paramLabel = "ADDRESS")
        String replyTo;
        @Option(names = "--subject", required = true)
        String subject;
        @Option(names = "--html", paramLabel = "FILE", description = "HTML body template.")
        Path html;
        @Option(names = "--text", paramLabel = "FILE", description = "Text body template (default: made from the HTML).")
        Path text;
        @Option(names = "--send-at", paramLabel = "TIME", description = "Earliest send time, ISO-8601 (2026-12-01T09:00:00Z).")
        String sendAt;

        @Override
        public Integer call() throws IOException {
            if (html == null && text == null) {
                throw new IllegalArgumentException("give --html FILE, --text FILE or both");
            }
            String htmlBody = html == null ? null : SendCommand.readText(html, "HTML file");
            String textBody = text == null ? null : SendCommand.readText(text, "text file");
            String fromAddress = checked(from, "--from");
            String reply = replyTo == null ? null : checked(replyTo, "--reply-to");
            Instant at = null;
            if (sendAt != null) {
                try {
                    at = Instant.parse(sendAt);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("--send-at " + sendAt + ": not an ISO-8601 time like 2026-12-01T09:00:00Z");
                }
            }
            try (Database db = home.database()) {
                Config config = Config.load(home.home());
                MailingList l = new Lists(db).get(list);
                Launch launch = home.checking(db, null);
                // compiled before anything is stored: a template error is reported with its line and column, nothing is kept
                Campaign c = launch.create(new Campaigns.Draft(name, l.id(), fromAddress, fromName, reply, subject, htmlBody, textBody, at));
                System.out.println("campaign \"" + c.name() + "\" created for list \"" + l.name() + "\" (draft); check it with"
                        + " 'homing campaign preview " + c.name() + " --to ADDRESS', send it with 'homing campaign send " + c.name() + "'");
                if (launch.keys(c).isEmpty()) {
                    System.err.println("note: no DKIM key for " + c.fromDomain() + " (selector " + config.sender().dkimSelector()
                            + "): make one with 'homing dkim keygen " + c.fromDomain() + " " + config.sender().dkimSelector() + "'");
                }
                return 0;
            }
        }

        private static String checked(String address, String option) {
            return switch (Address.check(address)) {
                case Address.Valid v -> v.address();
                case Address.Invalid i -> throw new IllegalArgumentException(option + " \"" + address + "\": " + i.reason());
            };
        }
    }

    @Command(name = "ls", description = "List campaigns.")
    static final class Ls implements Callable<Integer> {
        @Mixin
        HomeOptions home;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                for (Campaign c : new Campaigns(db).all()) {
                    System.out.printf("%-24s %-8s %s%n", c.name(), c.state().label(), c.subject());
                }
                return 0;
            }
        }
    }

    @Command(name = "show", description = "Show a campaign and, once sent, its deliveries by state.")
    static final class Show implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Node node = home.open()) {
                Campaign c = node.sender().settle(new Campaigns(node.db).get(name));
                String list = new Lists(node.db).find(c.listId()).map(MailingList::name).orElse("?");
                System.out.println("campaign:  " + c.name() + " (" + c.state().label() + ")");
                System.out.println("list:      " + list);
                System.out.println("from:      " + (c.fromName() == null ? "" : c.fromName() + " ") + "<" + c.fromAddress() + ">");
                if (c.replyTo() != null) {
                    System.out.println("reply-to:  " + c.replyTo());
                }
                System.out.println("subject:   " + c.subject());
                System.out.println("body:      " + (c.html() != null ? "html" : "") + (c.html() != null && c.text() != null ? " + " : "")
                        + (c.text() != null ? "text" : " (text made from the html)"));
                if (c.sendAt() != null) {
                    System.out.println("send at:   " + c.sendAt());
                }
                if (c.override() != null) {
                    System.out.println("override:  " + c.override());
                }
                if (c.messageId() != null) {
                    Map<DeliveryState, Long> by = node.queue.view().countByState(c.messageId());
                    StringBuilder sb = new StringBuilder();
                    by.forEach((s, n) -> {
                        if (n > 0) {
                            sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.label());
                        }
                    });
                    System.out.println("deliveries: " + (sb.isEmpty() ? "none" : sb));
                    complaints(node, c.messageId());
                }
                return 0;
            }
        }
    }

    @Command(name = "preview", description = "Print the exact signed message one subscriber would receive (RFC 5322 on standard output).")
    static final class Preview implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "A confirmed member of the campaign's list.")
        String to;

        @Override
        public Integer call() throws IOException {
            try (Database db = home.database()) {
                Config config = Config.load(home.home());
                Campaign c = new Campaigns(db).get(name);
                Lists lists = new Lists(db);
                MailingList list = lists.find(c.listId())
                        .orElseThrow(() -> new CampaignException("the campaign's list no longer exists"));
                Lists.Member[] found = {null};
                String wanted = to.strip().toLowerCase(java.util.Locale.ROOT);
                lists.forEachConfirmed(list, m -> {
                    if (m.email().toLowerCase(java.util.Locale.ROOT).equals(wanted)) {
                        found[0] = m;
                    }
                });
                if (found[0] == null) {
                    throw new CampaignException(to + " is not a confirmed member of list \"" + list.name() + "\"");
                }
                byte[] message = home.checking(db, null).render(c, found[0]);
                if (found[0].suppressed() != null) {
                    System.err.println("note: " + found[0].email() + " is suppressed (" + found[0].suppressed() + "): a send skips it");
                }
                System.err.println("envelope sender (Return-Path): a VERP address on " + config.sender().bounceDomain()
                        + " naming the delivery, e.g. " + Node.verp(home.home(), config).address(0));
                System.out.write(message);
                System.out.flush();
                return 0;
            }
        }
    }

    @Command(name = "preflight", description = "What will hurt this campaign's delivery: authentication, content, list, and the Gmail/Yahoo "
            + "bulk-sender checklist. Exit code 0: nothing blocks sending; " + CheckCommand.BLOCKED + ": something does.")
    static final class Preflight implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--dns", paramLabel = "HOST:PORT", description = "Ask this DNS server instead of the system's.")
        String dns;
        @Option(names = "--spamd", paramLabel = "HOST:PORT", description = "Also ask SpamAssassin's spamd (default: spamd.address).")
        String spamd;

        @Override
        public Integer call() throws IOException {
            try (Database db = home.database()) {
                Campaign c = new Campaigns(db).get(name);
                dev.homing.campaign.PreflightReport r = home.checking(db, dns).withSpamd(spamd).preflight(c);
                System.out.print(r.text());
                return r.hasBlocking() ? CheckCommand.BLOCKED : 0;
            }
        }
    }

    @Command(name = "send", description = "Send a campaign: pre-flight, then expand its confirmed, unsuppressed subscribers into deliveries and deliver them.")
    static final class Send implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = "--override", paramLabel = "REASON",
                description = "Send despite blocking pre-flight findings; the reason, who and when are recorded with the campaign.")
        String override;
        @Option(names = "--dns", paramLabel = "HOST:PORT", description = "Pre-flight: ask this DNS server instead of the system's.")
        String dns;
        @Option(names = "--spamd", paramLabel = "HOST:PORT", description = "Pre-flight: also ask this spamd (default: spamd.address).")
        String spamd;
        @Option(names = "--no-wait", description = "Queue only; 'homing run' or 'homing serve' delivers.")
        boolean noWait;
        @Option(names = "--max-wait", paramLabel = "DURATION", defaultValue = "0s",
                description = "Stop waiting after this long; unfinished deliveries stay queued. 0 = until every delivery is final.")
        String maxWait;

        @Override
        public Integer call() throws IOException {
            Duration limit = Config.parseDuration("--max-wait", maxWait);
            Node opened;
            try {
                opened = home.open();
            } catch (dev.homing.queue.JournalInUse e) {
                // another process delivers from this home (it holds the queue's journal): queue for it instead
                return beside(limit);
            }
            try (Node node = opened) {
                SendCommand.report(node);
                Campaign c = new Campaigns(node.db).get(name);
                CampaignSender.Expansion e = queued(node.launch(dns).withSpamd(spamd), c);
                if (e == null) {
                    return CheckCommand.BLOCKED;
                }
                if (noWait) {
                    return 0;
                }
                long messageId = e.campaign().messageId();
                node.engine.start();
                long total = node.queue.view().countByState(messageId).values().stream().mapToLong(Long::longValue).sum();
                Waiting.untilFinal(node, () -> node.queue.view().unfinished(messageId), total, total - node.queue.view().unfinished(messageId), limit);
                // the engine stops first (the message in hand finishes, the untried go back): the counts below are final
                node.engine.close();
                node.queue.flush();
                System.out.println();
                Summary.print(System.out, node.queue.view().summary(messageId), node.judge);
                Summary.temporary(System.out, node, messageId);
                Campaign after = node.sender().settle(c);
                if (after.state() == dev.homing.campaign.CampaignState.SENT) {
                    node.judgeFinished(System.out);
                } else {
                    System.out.println(node.queue.view().unfinished(messageId) + " deliveries are not final yet; 'homing run' goes on with them.");
                }
                return 0;
            }
        }

        /**
         * Beside the node that delivers from this home: the campaign is expanded into the database they share, where that
         * node's engine claims it; this process then follows its deliveries until they are final (or --max-wait).
         */
        private int beside(Duration limit) throws IOException {
            try (dev.homing.store.Database db = home.database(); Node.Beside beside = home.beside(db, dns)) {
                Campaign c = new Campaigns(db).get(name);
                CampaignSender.Expansion e = queued(beside.launch().withSpamd(spamd), c);
                if (e == null) {
                    return CheckCommand.BLOCKED;
                }
                System.out.println("the node delivering from " + home.home() + " sends them" + (noWait ? "" : "; following its progress"));
                if (noWait) {
                    return 0;
                }
                Waiting.besideThenSummary(beside.queue().view(), e.campaign().messageId(), limit);
                return 0;
            }
        }

        /** Pre-flight and expansion: the expansion, or null when blocking findings stopped it (said on standard error). */
        private CampaignSender.Expansion queued(Launch launch, Campaign c) {
            CampaignSender.Expansion e;
            switch (launch.send(c, override, System.getProperty("user.name", "?"))) {
                case Launch.Sent.Blocked b -> {
                    System.out.print(b.report().text());
                    System.err.println("homing: campaign \"" + name + "\" not sent: " + b.report().blocking().size()
                            + " blocking pre-flight finding(s); fix them, or send with --override REASON (recorded)");
                    return null;
                }
                case Launch.Sent.Refused r -> throw new CampaignException(r.why());
                case Launch.Sent.Queued q -> {
                    e = q.expansion();
                    if (q.overridden() != null) {
                        System.err.println("pre-flight: " + q.overridden().blocking().size() + " blocking finding(s) overridden (recorded): "
                                + override.strip());
                    }
                }
            }
            System.out.printf("campaign \"%s\": %d deliveries queued, %d suppressed members recorded as suppressed, %d already there%n",
                    name, e.queued(), e.suppressed(), e.alreadyThere());
            return e;
        }
    }

    @Command(name = "pause", description = "Pause a sending campaign: no new attempts until resumed.")
    static final class Pause implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            // the database alone: this works while another process (serve, run, campaign send) is delivering
            try (Database db = home.database()) {
                Campaigns campaigns = new Campaigns(db);
                Campaign c = CampaignSender.pause(campaigns, campaigns.get(name));
                System.out.println("campaign \"" + c.name() + "\" paused: no new attempts from now (a copy already being sent finishes)");
                return 0;
            }
        }
    }

    @Command(name = "resume", description = "Resume a paused campaign.")
    static final class Resume implements Callable<Integer> {
        @Mixin
        HomeOptions home;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            try (Database db = home.database()) {
                Campaigns campaigns = new Campaigns(db);
                Campaign c = CampaignSender.resume(campaigns, campaigns.get(name));
                System.out.println("campaign \"" + c.name() + "\" resumed: the delivering process ('campaign send', 'run' or 'serve')"
                        + " picks it up within a second");
                return 0;
            }
        }
    }

    /**
     * Complaints against accepted copies, for the campaign and per mailbox provider: Gmail and Yahoo
     * start filtering a sender whose complaint rate passes 0.3%.
     */
    static void complaints(Node node, long messageId) {
        dev.homing.provider.ProviderDetector providers = node.providers;
        java.util.Map<String, long[]> byProvider = new java.util.TreeMap<>();
        long accepted = 0;
        long complained = 0;
        for (dev.homing.queue.QueueView.DomainComplaints row : node.queue.view().complaintsByDomain(messageId)) {
            long a = row.delivered();
            long k = row.complained();
            accepted += a;
            complained += k;
            dev.homing.provider.Provider p = providers.detect(row.domain());
            long[] t = byProvider.computeIfAbsent(p == dev.homing.provider.Provider.OTHER ? "other" : p.displayName(), x -> new long[2]);
            t[0] += a;
            t[1] += k;
        }
        if (accepted == 0) {
            return;
        }
        System.out.printf(java.util.Locale.ROOT, "complaints: %d of %d delivered copies (%.2f%%)%s%n", complained, accepted, 100.0 * complained / accepted,
                dev.homing.provider.ComplaintLine.above(complained, accepted) ? ", above the " + dev.homing.provider.ComplaintLine.LABEL
                        + " line where Gmail and Yahoo start filtering" : "");
        byProvider.forEach((name, t) -> {
            if (t[1] > 0) {
                System.out.printf(java.util.Locale.ROOT, "  %-20s %d of %d (%.2f%%)%s%n", name, t[1], t[0], 100.0 * t[1] / t[0],
                        dev.homing.provider.ComplaintLine.above(t[1], t[0]) ? "  above " + dev.homing.provider.ComplaintLine.LABEL : "");
            }
        });
    }
}
