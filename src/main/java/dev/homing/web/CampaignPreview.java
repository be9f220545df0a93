package dev.homing.web;

import dev.homing.campaign.Campaign;
import dev.homing.campaign.CampaignException;
import dev.homing.campaign.Launch;
import dev.homing.campaign.Preview;
import dev.homing.campaign.Transactional;
import dev.homing.list.Address;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The editor's preview and test send: a campaign's copy as one chosen subscriber would receive it (the fields a mail
 * program shows, the HTML drawn in a sandboxed frame that runs nothing, the text part, every header), and that copy sent
 * as a test to any address, marked "[Test]", with an unsubscribe link that unsubscribes nobody.
 */
final class CampaignPreview {
    /** The HTML part's own page: nothing it contains may run, load from elsewhere, or frame anything but this site's preview. */
    private static final String FRAME_POLICY = "default-src 'none'; img-src data: https: http:; style-src 'unsafe-inline'; "
            + "font-src data: https:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'; sandbox";

    private final Launch launch;
    private final Transactional transactional;
    private final Function<Context, Campaign> campaign;

    CampaignPreview(Launch launch, Transactional transactional, Function<Context, Campaign> campaign) {
        this.launch = launch;
        this.transactional = transactional;
        this.campaign = campaign;
    }

    void register(Console console, JavalinConfig config) {
        console.page(config, "/campaigns/{name}/preview", (ctx, who) -> page(ctx, campaign.apply(ctx), ctx.queryParam("as"), Map.of(), ""));
        console.page(config, "/campaigns/{name}/preview.html", (ctx, who) -> {
            html(ctx, campaign.apply(ctx));
            return null;
        });
        console.action(config, "/campaigns/{name}/test", this::test);
    }

    private View page(Context ctx, Campaign c, String as, Map<String, String> errors, String to) {
        Map<String, String> e = new LinkedHashMap<>(errors);
        Preview p = null;
        try {
            p = launch.preview(c, as);
        } catch (CampaignException | IllegalArgumentException x) {
            e.putIfAbsent("as", Sentence.of(x.getMessage()) + ".");
            ctx.status(422);
        }
        String test = ctx.queryParam("test");
        return View.of("Preview of " + c.name(), "campaigns", "campaign_preview.jte").with("campaign", c).with("preview", p)
                .with("as", as == null ? (p == null ? "" : p.as()) : as).with("to", to).with("errors", e)
                .with("test", test != null && test.matches("[0-9]{1,18}") ? test : null);
    }

    private void html(Context ctx, Campaign c) {
        Preview p;
        try {
            p = launch.preview(c, ctx.queryParam("as"));
        } catch (CampaignException | IllegalArgumentException x) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result(x.getMessage());
            return;
        }
        ctx.header("Content-Security-Policy", FRAME_POLICY);
        ctx.header("X-Frame-Options", "SAMEORIGIN");
        ctx.contentType("text/html; charset=utf-8").result(p.html() != null ? p.html()
                : "<!doctype html><meta charset=utf-8><pre style=\"white-space:pre-wrap\">" + dev.homing.http.Html.escape(p.text()) + "</pre>");
    }

    private Object test(Context ctx, Console.Login who) {
        Campaign c = campaign.apply(ctx);
        String as = strip(ctx.formParam("as"));
        String to = strip(ctx.formParam("to"));
        Address.Checked checked = Address.check(to);
        if (!(checked instanceof Address.Valid valid)) {
            String why = to.isEmpty() ? "Give the address the test goes to." : "\"" + to + "\": " + ((Address.Invalid) checked).reason() + ".";
            ctx.status(422);
            return page(ctx, c, as, Map.of("to", why), to);
        }
        Transactional.Queued q;
        try {
            q = launch.test(c, as, valid, transactional, who.user() + " (web UI)");
        } catch (CampaignException | IllegalArgumentException x) {
            ctx.status(422);
            return page(ctx, c, as, Map.of("to", "Not sent: " + x.getMessage() + "."), to);
        }
        String said = q.state().equals("suppressed")
                ? "Not sent: " + q.to() + " is suppressed for every list (see Suppressions)."
                : "Test of the copy for " + (as.isEmpty() ? "the first member" : as) + " queued to " + q.to() + ".";
        return "/campaigns/" + ListPages.enc(c.name()) + "/preview?as=" + ListPages.enc(as) + "&test=" + q.id() + "&notice=" + ListPages.enc(said);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
