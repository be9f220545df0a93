package dev.homing.web;

import dev.homing.http.Html;
import dev.homing.list.Address;
import dev.homing.provider.Kind;
import dev.homing.provider.Provider;
import dev.homing.provider.ProviderDetector;
import dev.homing.provider.Safelist;
import dev.homing.provider.Sender;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * {@code GET /safelist?from=ADDRESS[&email=SUBSCRIBER]} and {@code GET /safelist/{provider}?from=ADDRESS}:
 * the steps to safelist a sender at one provider, chosen in the path, detected from the subscriber's
 * address, or generic; with every provider to pick from. The From address must be an address, and
 * like everything shown here it is escaped.
 */
final class SafelistPage {
    private final ProviderDetector detector;
    /** Looking up a typed address costs a DNS query: bounded per client like the forms. */
    private final dev.homing.limit.Window lookups = new dev.homing.limit.Window(30, java.time.Duration.ofMinutes(1));

    SafelistPage(ProviderDetector detector) {
        this.detector = detector;
    }

    void show(Context ctx, String slug) {
        String fromParam = ctx.queryParam("from");
        if (fromParam == null || fromParam.isBlank()) {
            ctx.status(400).html(SmallPage.page("Which sender?", "<p>This link should name the sender&#39;s address"
                    + " (<code>?from=</code>). Please use the link from the message you received.</p>"));
            return;
        }
        if (!(Address.check(fromParam) instanceof Address.Valid valid)) {
            ctx.status(400).html(SmallPage.page("Not an email address",
                    "<p>&quot;" + Html.escape(fromParam) + "&quot; is not an email address.</p>"));
            return;
        }
        String from = valid.address();
        Provider provider;
        String email = Optional.ofNullable(ctx.queryParam("email")).orElse("").strip();
        if (slug != null) {
            Optional<Provider> chosen = Provider.bySlug(slug);
            if (chosen.isEmpty()) {
                ctx.status(404).html(SmallPage.page("Unknown mail service", "<p>We have no steps for that one.</p>" + choices(from)));
                return;
            }
            provider = chosen.get();
        } else if (!email.isEmpty() && Address.check(email) instanceof Address.Valid subscriber) {
            if (!lookups.allow(ctx.ip())) {
                ctx.status(429).html(SmallPage.page("Too many requests", "<p>Please try again in a minute.</p>"));
                return;
            }
            provider = detector.detect(subscriber.domain());
        } else {
            provider = Provider.OTHER;
        }
        String found = provider == Provider.OTHER ? ""
                : "<p>Your mail service: <strong>" + Html.escape(provider.displayName()) + "</strong>.</p>\n";
        ctx.html(SmallPage.page("Keep mail from " + Html.escape(from) + " out of spam",
                found + Safelist.of(provider, Sender.of(from)).html() + lookupForm(from, email) + choices(from)));
    }

    private static String lookupForm(String from, String email) {
        return "<form method=\"get\" action=\"/safelist\"><input type=\"hidden\" name=\"from\" value=\"" + Html.escape(from) + "\">"
                + "<label for=\"email\">Your email address, to find the steps for your mail service</label>"
                + "<input id=\"email\" name=\"email\" type=\"email\" value=\"" + Html.escape(email) + "\" autocomplete=\"email\">"
                + "<button type=\"submit\">Show the steps</button></form>\n";
    }

    /** Every provider, consumer and business services first, company filters after. */
    private static String choices(String from) {
        StringBuilder sb = new StringBuilder("<h2>Other mail services</h2>\n<ul>\n");
        for (Kind kind : new Kind[]{Kind.CONSUMER_MAILBOX, Kind.BUSINESS_SUITE, Kind.CORPORATE_GATEWAY}) {
            for (Provider p : Provider.values()) {
                if (p.kind() == kind) {
                    String label = kind == Kind.CORPORATE_GATEWAY ? p.displayName() + " (company mail filter)" : p.displayName();
                    sb.append("<li><a href=\"").append(Html.escape(Safelist.pageUrl("", p, from))).append("\">")
                            .append(Html.escape(label)).append("</a></li>\n");
                }
            }
        }
        sb.append("<li><a href=\"").append(Html.escape(Safelist.pageUrl("", Provider.OTHER, from)))
                .append("\">Another service</a></li>\n</ul>\n");
        return sb.toString();
    }
}
