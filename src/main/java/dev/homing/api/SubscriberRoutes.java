package dev.homing.api;

import dev.homing.access.ApiKey;

import dev.homing.list.Address;
import dev.homing.list.Consent;
import dev.homing.list.Importer;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.list.Suppressions;
import dev.homing.report.Reports;
import dev.homing.list.ConfirmationMailer;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A list's members: the paginated collection, one member with its consent timeline, subscribe with
 * double opt-in (the confirmation mail goes out as from the public form) and unsubscribe.
 */
final class SubscriberRoutes {
    /** A member's deliveries shown with it: the newest; older ones are in the campaign reports. */
    static final int RECENT_DELIVERIES = 20;

    private final Lists lists;
    private final Subscriptions subscriptions;
    private final Suppressions suppressions;
    private final Reports reports;
    private final ConfirmationMailer mailer;
    private final String baseUrl;
    private final DeliveryRoutes deliveries;
    private final dev.homing.list.Erasure erasure;

    SubscriberRoutes(Wiring w, Lists lists, Reports reports, DeliveryRoutes deliveries) {
        this.lists = lists;
        this.subscriptions = w.subscriptions();
        this.suppressions = new Suppressions(w.db());
        this.reports = reports;
        this.mailer = w.mailer();
        this.baseUrl = w.baseUrl();
        this.deliveries = deliveries;
        this.erasure = new dev.homing.list.Erasure(w.db(), new dev.homing.inbound.ErasedReports(w.db()));
    }

    /** What an erasure removed: memberships, consent events and suppressions, and the deliveries that no longer name the address. */
    record ErasedView(String email, int memberships, int consentEvents, int suppressions, int deliveries, int reports) {
    }

    /** What a removal did. */
    record Removed(String email, String list, boolean removed) {
    }

    /** {@code DELETE /lists/{list}/subscribers/{email}}: off this list only (record, other lists and history stay); 404 when not on it. */
    Removed remove(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        Member m = member(list, ctx.pathParam("email"));
        lists.remove(list, m.key());
        return new Removed(m.view().email(), list.name(), true);
    }

    /** {@code PUT /lists/{list}/subscribers/{email}/attributes}, body {@code {"attributes": {...}}}: the merge fields replaced. */
    SubscriberDetail attributes(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        Member m = member(list, ctx.pathParam("email"));
        Map<String, String> attributes = Body.of(ctx.body(), Set.of("attributes")).plainValues("attributes");
        lists.attributes(m.key(), attributes);
        return detail(list, member(list, m.key()));
    }

    /** {@code POST /subscribers/{email}/erase}: the person is erased at their request, as 'homing suppress erase' does. */
    ErasedView erase(Context ctx, ApiKey key) {
        try {
            dev.homing.list.Erasure.Erased e = erasure.erase(ctx.pathParam("email"));
            return new ErasedView(e.address(), e.memberships(), e.consentEvents(), e.suppressions(), e.deliveries(), e.reports());
        } catch (IllegalArgumentException e) {
            throw new Refused(Problem.invalid("email", e.getMessage()));
        }
    }

    /** @param attributes the subscriber's merge fields as given: data, shown by clients however they escape it */
    record SubscriberView(String email, String status, String consentSource, String joined, Map<String, Object> attributes) {
    }

    /** One step of the consent record: requested, confirmed, unsubscribed, with where it came from. */
    record Step(String event, String at, String ip, String userAgent, String source, String text) {
    }

    /**
     * @param timeline         every consent step, oldest first
     * @param suppressions     the address's suppressions for this list or every list (list_id 0)
     * @param recentDeliveries the newest deliveries to the address (at most {@value #RECENT_DELIVERIES}), for GET /deliveries/{id}
     * @param deliveries       where every delivery to the address is, a page at a time
     */
    record SubscriberDetail(String email, String list, String status, String consentSource, String joined,
                            Map<String, Object> attributes, List<Step> timeline, List<SuppressionRoutes.SuppressionView> suppressions,
                            List<Long> recentDeliveries, String deliveries) {
    }

    /** @param confirmationSent whether a confirmation mail was just queued (false: already confirmed, nothing sent) */
    record Subscribed(String email, String list, String status, boolean confirmationSent) {
    }

    /** A row with the key its cursor continues after. */
    private record Member(String key, SubscriberView view) {
    }

    Page<SubscriberView> all(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        Page.Request r = Page.of(ctx);
        List<Member> rows = lists.members(list, r.after() == null ? "" : r.after(), r.limit() + 1).stream().map(SubscriberRoutes::member).toList();
        Page<Member> page = Page.cut(rows, r.limit(), Member::key);
        return new Page<>(page.items().stream().map(Member::view).toList(), page.next());
    }

    SubscriberDetail one(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        return detail(list, member(list, ctx.pathParam("email")));
    }

    /** {@code GET /lists/{list}/subscribers/{email}/deliveries}: every delivery to the member's address, newest first. */
    Page<DeliveryRoutes.DeliveryLine> deliveries(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        Member m = member(list, ctx.pathParam("email"));
        return deliveries.to(m.view().email(), Page.of(ctx));
    }

    /**
     * Body {@code {"email": "...", "attributes": {...}, "consent_text": "what the person agreed to"}}: the address
     * becomes an unconfirmed member and is mailed a confirmation link (202); a confirmed member is left as is (200).
     * With {@code "consent_source": "where consent was given"} the member is added confirmed at once, as an import with a
     * stated consent adds it (201; 200 when it was there), the source recorded on its timeline; an unsubscribed member
     * stays unsubscribed.
     */
    Subscribed subscribe(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        Body body = Body.of(ctx.body(), Set.of("email", "attributes", "consent_text", "consent_source"));
        String email = body.text("email");
        Map<String, String> attributes = body.plainValues("attributes");
        String stated = body.optionalText("consent_source", 200);
        if (stated != null && !stated.isBlank()) {
            // consent gathered elsewhere (a shop's checkout, a fair's form), stated by the caller as an import states it:
            // a confirmed member at once, no confirmation mail, the source and the key on its timeline
            Address.Valid valid = switch (Address.check(email)) {
                case Address.Valid v -> v;
                case Address.Invalid i -> throw new Refused(Problem.unprocessable("email", i.reason()));
            };
            Importer.Added added;
            try {
                added = new Importer(lists, list, stated.strip() + " (" + key.who() + ")").one(valid, attributes);
            } catch (dev.homing.list.ListException e) {
                throw new Refused(Problem.conflict(e.getMessage()).on("email")); // erased at the person's request
            }
            String status = lists.member(list, valid.address()).map(Lists.Membership::status).orElse("confirmed");
            ctx.status(added == Importer.Added.ADDED ? 201 : 200);
            return new Subscribed(valid.address(), list.name(), status, false);
        }
        Consent consent = new Consent(ctx.ip(), ctx.userAgent(), key.who(), body.optionalText("consent_text", 2000));
        return switch (subscriptions.subscribe(list, email, attributes, consent)) {
            case Subscriptions.NeedsConfirmation n -> {
                String base = baseUrl;
                mailer.send(list, n.emailKey(), base + "/confirm?t=" + URLEncoder.encode(n.token(), StandardCharsets.UTF_8), base);
                ctx.status(202);
                yield new Subscribed(n.emailKey(), list.name(), "unconfirmed", true);
            }
            case Subscriptions.AlreadyConfirmed a -> new Subscribed(a.emailKey(), list.name(), "confirmed", false);
            case Subscriptions.Held h -> throw new Refused(Problem.conflict("no confirmation mailed: " + h.why()));
            case Subscriptions.Refused r -> throw new Refused(Problem.unprocessable("email", r.reason()));
        };
    }

    /** Unsubscribes at once and suppresses the address for the list, as the one-click link does; repeating it is harmless. */
    SubscriberDetail unsubscribe(Context ctx, ApiKey key) {
        MailingList list = ListRoutes.find(lists, ctx.pathParam("list"));
        Member m = member(list, ctx.pathParam("email"));
        subscriptions.unsubscribeMember(m.key(), list.id(), new Consent(ctx.ip(), ctx.userAgent(), key.who(), null));
        return detail(list, member(list, m.key()));
    }

    private Member member(MailingList list, String address) {
        String key = switch (Address.check(address)) {
            case Address.Valid v -> v.address();
            case Address.Invalid i -> throw new Refused(Problem.invalid("email", i.reason()));
        };
        return lists.member(list, key).map(SubscriberRoutes::member)
                .orElseThrow(() -> new Refused(Problem.notFound(key + " is not a member of \"" + list.name() + "\"")));
    }

    private SubscriberDetail detail(MailingList list, Member m) {
        SubscriberView v = m.view();
        List<Step> timeline = subscriptions.record(m.key(), list.id()).stream()
                .map(e -> new Step(e.event(), CampaignRoutes.time(e.at()), e.ip(), e.userAgent(), e.source(), e.text())).toList();
        List<SuppressionRoutes.SuppressionView> suppressed = suppressions.find(List.of(m.key()), list.id())
                .getOrDefault(m.key(), List.of()).stream().map(SuppressionRoutes.SuppressionView::of).toList();
        List<Long> recent = reports.deliveriesTo(v.email(), null);
        return new SubscriberDetail(v.email(), list.name(), v.status(), v.consentSource(), v.joined(), v.attributes(), timeline, suppressed,
                List.copyOf(recent.subList(0, Math.min(RECENT_DELIVERIES, recent.size()))),
                Api.BASE + "/lists/" + Api.segment(list.name()) + "/subscribers/" + Api.segment(v.email()) + "/deliveries");
    }

    private static Member member(Lists.Membership m) {
        return new Member(m.emailKey(), new SubscriberView(m.email(), m.status(), m.consentSource(), CampaignRoutes.time(m.joined()),
                m.fields()));
    }
}
