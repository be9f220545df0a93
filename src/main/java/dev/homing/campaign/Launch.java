package dev.homing.campaign;

import dev.homing.dns.Dns;
import dev.homing.auth.SenderDomainReport;
import dev.homing.auth.SenderIdentity;
import dev.homing.list.Hygiene;
import dev.homing.list.HygieneReport;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.store.Database;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A campaign's way from draft to queue, the one workflow the command line, the web UI and the API
 * call: create and update (templates compiled before anything is stored), render one subscriber's
 * copy, the content check, the pre-flight report, send (refused while a finding blocks unless a
 * reason is given, which is recorded with who gave it), pause and resume. The faces parse their
 * input, call this, and present the result; none of them holds a step of its own.
 */
public final class Launch {
    private final Campaigns campaigns;
    private final Lists lists;
    private final CampaignComposer composer;
    private final CampaignSender sender;
    private final UnsubscribeFields unsubscribe;
    private final SenderIdentity identity;
    private final Checks checks;

    /**
     * What the pre-flight asks beyond the campaign itself.
     *
     * @param dns          what domain checks ask
     * @param authenticate false: the pre-flight leaves authentication unchecked (a node run without DNS)
     * @param spamd        HOST:PORT of SpamAssassin's spamd for the content check, or null
     * @param hygiene      the address checks of the list section
     * @param tlsOffered   whether the engine uses STARTTLS when a receiver offers it
     */
    public record Checks(Dns dns, boolean authenticate, String spamd, Hygiene hygiene, boolean tlsOffered) {
        public Checks {
            Objects.requireNonNull(dns, "dns");
            Objects.requireNonNull(hygiene, "hygiene");
        }
    }

    /** What a send did. */
    public sealed interface Sent {
        /**
         * Expanded into deliveries (or an expansion cut short finished); the engine delivers from here.
         *
         * @param overridden the pre-flight report whose blocking findings were sent past (recorded), or null
         */
        record Queued(CampaignSender.Expansion expansion, PreflightReport overridden) implements Sent {
        }

        /** Not sent: the pre-flight report has blocking findings and no reason to override them was given. */
        record Blocked(PreflightReport report) implements Sent {
        }

        /** Not sent: the campaign's state forbids it (paused, sent already). */
        record Refused(String why) implements Sent {
        }
    }

    /**
     * @param sender expands into the queue of the process that delivers; null in a process that only checks (a preview,
     *               a pre-flight run beside a delivering node, whose queue it must not open): send then refuses
     */
    public Launch(Database db, CampaignComposer composer, CampaignSender sender, Subscriptions subscriptions, SenderIdentity identity,
                  String publicUrl, Checks checks) {
        this.campaigns = new Campaigns(db);
        this.lists = new Lists(db);
        this.composer = composer;
        this.sender = sender;
        this.unsubscribe = new UnsubscribeFields(subscriptions, publicUrl, identity.bounceDomain());
        this.identity = identity;
        this.checks = checks;
    }

    private Launch(Launch base, Checks checks) {
        this.campaigns = base.campaigns;
        this.lists = base.lists;
        this.composer = base.composer;
        this.sender = base.sender;
        this.unsubscribe = base.unsubscribe;
        this.identity = base.identity;
        this.checks = checks;
    }

    /** The same workflow asking this spamd too (HOST:PORT, '--spamd' of one command); null: as configured. */
    public Launch withSpamd(String spamd) {
        return spamd == null ? this : new Launch(this, new Checks(checks.dns(), checks.authenticate(), spamd, checks.hygiene(),
                checks.tlsOffered()));
    }

    public SenderIdentity identity() {
        return identity;
    }

    /**
     * Compiles the templates, then stores the draft.
     *
     * @throws TemplateError     naming the part, line and column; nothing is stored
     * @throws CampaignException when the name is not one a campaign can have or is taken
     */
    public Campaign create(Campaigns.Draft d) {
        if (d.name() == null || d.name().isBlank()) {
            throw new CampaignException("name: give the campaign a name");
        }
        if (campaigns.find(d.name()).isPresent()) {
            throw new CampaignException("a campaign named \"" + d.name() + "\" already exists");
        }
        compile(d);
        return campaigns.create(d);
    }

    /** Compiles the templates, then rewrites the draft (its name stays). */
    public Campaign update(Campaign campaign, Campaigns.Draft d) {
        compile(d);
        return campaigns.update(campaign, d);
    }

    private void compile(Campaigns.Draft d) {
        compile(new Campaign(0, d.name(), d.listId(), d.fromAddress(), d.fromName(), d.replyTo(), d.subject(), d.html(), d.text(),
                d.sendAt(), CampaignState.DRAFT, null, Instant.now(), null));
    }

    private void compile(Campaign c) {
        composer.message(c, composer.knownFields(c));
    }

    /** The From domain's saved DKIM keys (empty: the campaign goes unsigned). */
    public List<dev.homing.auth.DkimKey> keys(Campaign c) {
        return identity.keys(c.fromDomain());
    }

    public MailingList list(Campaign c) {
        return lists.find(c.listId())
                .orElseThrow(() -> new CampaignException("the list of campaign \"" + c.name() + "\" no longer exists"));
    }

    /** The signed copy this member would receive (delivery id 0: none exists yet), templates checked first. */
    public byte[] render(Campaign c, Lists.Member m) {
        CampaignMessage message = composer.message(c, composer.knownFields(c));
        Map<String, Object> vars = unsubscribe.of(m, c.listId());
        return message.message(0, m.email(), vars, Instant.now());
    }

    /**
     * The copy one member of the campaign's list would receive, decoded for reading, with an unsubscribe link that leads
     * nowhere; {@code as} blank: the first member a send would mail.
     *
     * @throws CampaignException when that address is not on the list, or the list has no member to render
     * @throws TemplateError     when the templates no longer compile
     */
    public Preview preview(Campaign c, String as) {
        Lists.Member m = member(c, as);
        CampaignMessage message = composer.message(c, composer.knownFields(c));
        return Preview.of(m.email(), message.message(0, m.email(), unsubscribe.inert(m), Instant.now()));
    }

    /**
     * A test: the copy {@code as} would receive, subject marked "[Test]", sent to {@code to} as a one-off message through
     * {@code via} (queued, delivered, judged like any other; an address suppressed everywhere is not mailed).
     */
    public Transactional.Queued test(Campaign c, String as, dev.homing.list.Address.Valid to, Transactional via, String who) {
        Preview p = preview(c, as);
        dev.homing.list.Address.Checked from = dev.homing.list.Address.check(c.fromAddress());
        if (!(from instanceof dev.homing.list.Address.Valid sender)) {
            throw new CampaignException("the campaign's From address \"" + c.fromAddress() + "\" is not valid");
        }
        return via.send(sender, c.fromName(), to, "[Test] " + p.subject(), p.text().isEmpty() ? null : p.text(), p.html(),
                "test of campaign " + c.name() + " as " + p.as() + " by " + who);
    }

    private Lists.Member member(Campaign c, String as) {
        MailingList list = list(c);
        if (as == null || as.isBlank()) {
            return lists.firstSendable(list)
                    .orElseThrow(() -> new CampaignException("list \"" + list.name() + "\" has no confirmed, unsuppressed member to render"));
        }
        String key = switch (dev.homing.list.Address.check(as.strip())) {
            case dev.homing.list.Address.Valid ok -> ok.address();
            case dev.homing.list.Address.Invalid bad -> throw new CampaignException("\"" + as.strip() + "\" is not an address: " + bad.reason());
        };
        Lists.Membership m = lists.member(list, key)
                .orElseThrow(() -> new CampaignException(key + " is not on list \"" + list.name() + "\""));
        return new Lists.Member(m.email(), m.emailKey(), m.fields(), null);
    }

    /**
     * Every template error of a draft, part by part (subject, html, text), instead of the first one only: what the editor
     * shows beside each field. Empty when all compile.
     */
    public Map<String, String> templateErrors(Campaigns.Draft d) {
        Campaign c = new Campaign(0, d.name(), d.listId(), d.fromAddress(), d.fromName(), d.replyTo(), d.subject(), d.html(), d.text(),
                d.sendAt(), CampaignState.DRAFT, null, Instant.now(), null);
        java.util.Set<String> known = composer.knownFields(c);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        partError(out, "subject", () -> CampaignTemplate.compile(d.subject() == null ? "" : d.subject(), null, "", known));
        if (d.html() != null) {
            partError(out, "html", () -> CampaignTemplate.compile("", d.html(), d.text() == null ? null : "", known));
        }
        if (d.text() != null) {
            partError(out, "text", () -> CampaignTemplate.compile("", null, d.text(), known));
        }
        return out;
    }

    private static void partError(Map<String, String> out, String part, Runnable compile) {
        try {
            compile.run();
        } catch (TemplateError e) {
            out.put(part, e.getMessage());
        }
    }

    /** The copy of the first member a send would mail. */
    public byte[] sample(Campaign c) {
        MailingList list = list(c);
        Lists.Member m = lists.firstSendable(list)
                .orElseThrow(() -> new CampaignException("list \"" + list.name() + "\" has no confirmed, unsuppressed member to render"));
        return render(c, m);
    }

    /** The content check of a copy, spamd included when one is configured or asked. */
    public ContentReport content(byte[] copy) {
        ContentCheck check = ContentCheck.standard();
        if (checks.spamd() != null) {
            check = check.withSpamd(SpamdClient.of(checks.spamd(), Duration.ofSeconds(30)));
        }
        return check.check(copy);
    }

    /** The From domain's authentication findings, or empty when this node checks none (run without DNS). */
    public Optional<SenderDomainReport> authentication(Campaign c) {
        return checks.authenticate() ? Optional.of(identity.check(checks.dns(), c.fromDomain())) : Optional.empty();
    }

    /** False on a node run without DNS (--no-dns, and no DNS server given): the pre-flight then checks no authentication. */
    public boolean authenticates() {
        return checks.authenticate();
    }

    /** Any From domain's authentication findings (the domain check of the web UI and the API). */
    public SenderDomainReport checkDomain(String domain) {
        return identity.check(checks.dns(), domain);
    }

    /** The domains the campaigns send from. */
    public List<String> sendingDomains() {
        TreeSet<String> out = new TreeSet<>();
        campaigns.all().forEach(c -> out.add(c.fromDomain()));
        return List.copyOf(out);
    }

    /** The address checks this node makes (MX lookups unless it runs without DNS). */
    public Hygiene hygiene() {
        return checks.hygiene();
    }

    /**
     * What will hurt this campaign's delivery: authentication, content (on the first member's copy), the list, and
     * the bulk-sender checklist.
     *
     * @throws CampaignException when there is no member to render a copy for
     * @throws TemplateError     when the templates do not compile
     */
    public PreflightReport preflight(Campaign c) {
        byte[] copy = sample(c);
        MailingList list = list(c);
        HygieneReport report = new HygieneReport();
        lists.forEachConfirmed(list, m -> {
            if (m.suppressed() == null) {
                report.add(m.email(), checks.hygiene().check(m.email()));
            }
        });
        return Preflight.of(c, authentication(c), copy, content(copy), lists.audience(list), report, checks.tlsOffered());
    }

    /**
     * Sends a campaign. The first send runs the pre-flight: while a finding blocks, it is sent only with a
     * reason (blank does not count), recorded with {@code who} and the findings. A later send finishes an
     * expansion cut short, after compiling the templates again (a list's fields may have changed).
     *
     * @param override why to send despite blocking findings, or null
     * @param who      who is sending, for the record ("alice (web UI)", an API key's name, the system user)
     * @throws TemplateError when the templates do not compile
     */
    public Sent send(Campaign campaign, String override, String who) {
        Campaign c = campaigns.get(campaign.name());
        if (c.state() == CampaignState.PAUSED) {
            return new Sent.Refused("campaign \"" + c.name() + "\" is paused: resume it instead ('homing campaign resume " + c.name() + "')");
        }
        if (c.state() == CampaignState.SENT) {
            return new Sent.Refused("campaign \"" + c.name() + "\" was sent already; nothing is sent twice");
        }
        PreflightReport overridden = null;
        if (c.messageId() == null) {
            PreflightReport r = preflight(c);
            if (r.hasBlocking()) {
                if (override == null || override.isBlank()) {
                    return new Sent.Blocked(r);
                }
                campaigns.recordOverride(c, who, override, r);
                overridden = r;
            }
        } else {
            compile(c);
        }
        if (sender == null) {
            throw new IllegalStateException("this process only checks campaigns; send from one that delivers");
        }
        try {
            return new Sent.Queued(sender.send(c), overridden);
        } catch (CampaignException e) {
            // another process paused or finished it meanwhile
            return new Sent.Refused(e.getMessage());
        }
    }

    /** Stops new attempts within about a second (from any process); a copy already in a session finishes. */
    public Campaign pause(Campaign c) {
        return CampaignSender.pause(campaigns, c);
    }

    public Campaign resume(Campaign c) {
        return CampaignSender.resume(campaigns, c);
    }

    /** Marks a sending campaign sent when none of its deliveries waits any more; returns it as it is now. */
    public Campaign settle(Campaign c) {
        return sender == null ? campaigns.get(c.name()) : sender.settle(c);
    }
}
