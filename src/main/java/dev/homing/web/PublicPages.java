package dev.homing.web;

import dev.homing.http.Html;
import dev.homing.list.ConfirmationMailer;

import dev.homing.list.Consent;
import dev.homing.list.ListException;
import dev.homing.list.Lists;
import dev.homing.list.MailingList;
import dev.homing.list.Subscriptions;
import dev.homing.provider.ProviderDetector;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The pages a subscriber sees: {@code GET/POST /subscribe/{list}},
 * {@code GET /confirm?t=} (a page with a button) and {@code POST /confirm?t=} (confirms, then a welcome mail), {@code GET /unsubscribe?t=} (a page with a button),
 * {@code POST /unsubscribe?t=} (one click, RFC 8058: no login, no confirmation page), and
 * {@code GET /safelist?from=&email=} / {@code GET /safelist/{provider}?from=} (how to safelist the sender).
 */
public final class PublicPages implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PublicPages.class);
    /** Bots fill every field; people never see this one. */
    static final String HONEYPOT = "website";

    private final Lists lists;
    private final Subscriptions subscriptions;
    private final ConfirmationMailer mailer;
    private final SafelistPage safelist;
    private final dev.homing.limit.Window flood = new dev.homing.limit.Window(5, java.time.Duration.ofMinutes(1));
    /**
     * Where links in mail point: the configured address, else this server's own bound address; never a request's Host
     * header, which whoever sends the request chooses.
     */
    private final java.util.concurrent.atomic.AtomicReference<String> own;
    /** The server these pages run on when they started it themselves ({@link #start}), else null (a node mounts them). */
    private dev.homing.http.Server server;

    /**
     * The public pages as a face a server mounts ({@link #register}).
     *
     * @param baseUrl   the address people reach these pages at, for links in mail; null: the bound address, once known ({@link #bound})
     * @param providers finds the subscriber's mailbox provider for the safelist page
     */
    public PublicPages(String baseUrl, Lists lists, Subscriptions subscriptions, ConfirmationMailer mailer, ProviderDetector providers) {
        this.lists = lists;
        this.subscriptions = subscriptions;
        this.mailer = mailer;
        this.safelist = new SafelistPage(providers);
        this.own = new java.util.concurrent.atomic.AtomicReference<>(
                baseUrl == null ? null : baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    /** The address the server bound, for links in mail when no public address was given. */
    public void bound(String host, int port) {
        own.compareAndSet(null, "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /**
     * @param baseUrl the address people reach these pages at, for links in mail (e.g. https://lists.example.com); null for
     *                this server's own bound address (never a request's Host header);
     *                null: the address the request came to
     */
    public static PublicPages start(String host, int port, String baseUrl, Lists lists, Subscriptions subscriptions,
                                    ConfirmationMailer mailer) {
        return start(host, port, baseUrl, lists, subscriptions, mailer, ProviderDetector.offline());
    }

    /**
     * @param providers finds the subscriber's mailbox provider for the safelist page
     */
    public static PublicPages start(String host, int port, String baseUrl, Lists lists, Subscriptions subscriptions,
                                    ConfirmationMailer mailer, ProviderDetector providers) {
        return start(host, port, baseUrl, lists, subscriptions, mailer, providers, null, null, null, null);
    }

    /** @param metrics the node's Prometheus text for {@code GET /metrics}, or null for no such route */
    public static PublicPages start(String host, int port, String baseUrl, Lists lists, Subscriptions subscriptions,
                                    ConfirmationMailer mailer, ProviderDetector providers, java.util.function.Supplier<String> metrics,
                                    String metricsToken) {
        return start(host, port, baseUrl, lists, subscriptions, mailer, providers, metrics, metricsToken, null, null);
    }

    /** @param api the REST API whose routes join these, or null for none */
    public static PublicPages start(String host, int port, String baseUrl, Lists lists, Subscriptions subscriptions,
                                    ConfirmationMailer mailer, ProviderDetector providers, java.util.function.Supplier<String> metrics,
                                    java.util.function.Consumer<io.javalin.config.JavalinConfig> api) {
        return start(host, port, baseUrl, lists, subscriptions, mailer, providers, metrics, null, api, null);
    }

    /** @param console the web UI for operators and marketers, or null for none */
    public static PublicPages start(String host, int port, String baseUrl, Lists lists, Subscriptions subscriptions,
                                    ConfirmationMailer mailer, ProviderDetector providers, java.util.function.Supplier<String> metrics,
                                    String metricsToken, java.util.function.Consumer<io.javalin.config.JavalinConfig> api, Console console) {
        // the pages with what else is given, on a server of their own (a node mounts the same faces on its server instead)
        PublicPages pages = new PublicPages(baseUrl, lists, subscriptions, mailer, providers);
        java.util.List<java.util.function.Consumer<io.javalin.config.JavalinConfig>> faces = new java.util.ArrayList<>();
        faces.add(pages::register);
        faces.add(Metrics.route(metrics, metricsToken));
        if (api != null) {
            faces.add(api);
        }
        if (console != null) {
            faces.add(console::register);
        }
        pages.server = dev.homing.http.Server.start(host, port, faces);
        pages.bound(host, pages.server.port());
        return pages;
    }

    /** Mounts the subscriber's pages, the safelist steps and the catch-all error page on a server being built. */
    public void register(io.javalin.config.JavalinConfig config) {
        {
            config.routes.get("/subscribe/{list}", ctx -> withList(ctx, list -> ctx.html(form(list, null))));
            config.routes.post("/subscribe/{list}", ctx -> withList(ctx, list -> {
                if (!flood.allow(ctx.ip())) {
                    ctx.status(429).html(SmallPage.page("Too many requests", "<p>Please try again in a minute.</p>"));
                    return;
                }
                if (!Optional.ofNullable(ctx.formParam(HONEYPOT)).orElse("").isEmpty()) {
                    log.info("honeypot filled from {}: ignored", ctx.ip());
                    ctx.html(checkInbox());
                    return;
                }
                Map<String, String> attrs = new LinkedHashMap<>();
                String name = ctx.formParam("name");
                if (name != null && name.length() > NAME_MAX) {
                    ctx.status(422).html(form(list, "Please keep the name under " + NAME_MAX + " characters."));
                    return;
                }
                name = printable(name);
                if (name != null && !name.isBlank()) {
                    attrs.put("name", name.strip());
                }
                String email = ctx.formParam("email");
                if (email != null && email.length() > 320) {
                    ctx.status(422).html(form(list, "That address is too long to be an email address."));
                    return;
                }
                Consent consent = new Consent(ctx.ip(), ctx.userAgent(), "form /subscribe/" + list.name(), consentText(list));
                switch (subscriptions.subscribe(list, email, attrs, consent)) {
                    case Subscriptions.NeedsConfirmation n -> {
                        mailer.send(list, n.emailKey(), own.get() + "/confirm?t=" + URLEncoder.encode(n.token(), StandardCharsets.UTF_8),
                                own.get());
                        ctx.html(checkInbox());
                    }
                    case Subscriptions.AlreadyConfirmed a -> ctx.html(checkInbox());
                    case Subscriptions.Held h -> {
                        log.info("no confirmation mailed to {} ({}), request from {}", h.emailKey(), h.why(), ctx.ip());
                        ctx.html(checkInbox()); // the same answer: the form does not tell who is on a list
                    }
                    case Subscriptions.Refused r -> ctx.status(422).html(form(list, "That address cannot receive mail: " + r.reason() + "."));
                }
            }));
            config.routes.get("/confirm", ctx -> {
                // opening the link only shows a button: link scanners of mail gateways open every link in a message,
                // and a subscription must be confirmed by the person, not by their provider's scanner
                String t = ctx.queryParam("t");
                String bad = subscriptions.checkConfirmation(t);
                if (bad != null) {
                    ctx.status(400).html(SmallPage.page("This link does not work", "<p>" + Html.escape(Sentence.of(bad)) + ".</p>"));
                    return;
                }
                ctx.html(SmallPage.page("Confirm your subscription", "<form method=\"post\" action=\"/confirm?t="
                        + Html.escape(URLEncoder.encode(t, StandardCharsets.UTF_8))
                        + "\"><p>One more step: press the button to start receiving this list.</p>"
                        + "<button type=\"submit\">Confirm my subscription</button></form>"));
            });
            config.routes.post("/confirm", ctx -> {
                Subscriptions.Followed f = subscriptions.confirm(ctx.queryParam("t"),
                        new Consent(ctx.ip(), ctx.userAgent(), "confirmation link", null));
                if (f.ok()) {
                    welcome(f, own.get());
                }
                ctx.status(f.ok() ? 200 : 400).html(SmallPage.page(f.ok() ? "Subscription confirmed" : "This link does not work",
                        "<p>" + Html.escape(Sentence.of(f.message())) + ".</p>"));
            });
            config.routes.get("/unsubscribe", ctx -> {
                String t = ctx.queryParam("t");
                ctx.html(SmallPage.page("Unsubscribe", "<form method=\"post\" action=\"/unsubscribe?t="
                        + Html.escape(URLEncoder.encode(t == null ? "" : t, StandardCharsets.UTF_8))
                        + "\"><p>Stop receiving this list's messages?</p><button type=\"submit\">Unsubscribe</button></form>"));
            });
            config.routes.post("/unsubscribe", ctx -> {
                Subscriptions.Followed f = subscriptions.unsubscribe(ctx.queryParam("t"),
                        new Consent(ctx.ip(), ctx.userAgent(), oneClick(ctx) ? "one-click (RFC 8058)" : "unsubscribe page", null));
                ctx.status(f.ok() ? 200 : 400).html(SmallPage.page(f.ok() ? "Unsubscribed" : "This link does not work",
                        "<p>" + Html.escape(Sentence.of(f.message())) + ".</p>"));
            });
            config.routes.get("/safelist", ctx -> safelist.show(ctx, null));
            config.routes.get("/safelist/{provider}", ctx -> safelist.show(ctx, ctx.pathParam("provider")));
            config.routes.exception(Exception.class, (e, ctx) -> {
                int fault = dev.homing.http.Faults.clientFault(e);
                if (fault == 413) {
                    ctx.status(413).html(SmallPage.page("Too large", "<p>The file or form is larger than this server takes"
                            + " (a list upload: import.max-upload-mb). Split the file, or import it with <code>./homing import</code>"
                            + " on the server.</p>"));
                    return;
                }
                if (fault == 400) {
                    ctx.status(400).html(SmallPage.page("Bad request", "<p>The request could not be read.</p>"));
                    return;
                }
                log.error("{} {}: {}", ctx.method(), ctx.path(), e.getMessage(), e);
                ctx.status(500).html(SmallPage.page("Something went wrong", "<p>Please try again later.</p>"));
            });
        }
    }

    /** The longest name the form takes: a name, not a payload. */
    static final int NAME_MAX = 200;

    /**
     * The text without control and format characters (line breaks, NUL, the bidirectional overrides of U+202A-202E and
     * U+2066-2069, zero-width characters): what a person types into a name field has none, and they would reverse or
     * hide text where the name is shown or merged into mail.
     */
    static String printable(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED && type != Character.PRIVATE_USE) {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** Confirmation links are single use, so this runs once per confirmed subscription. */
    private void welcome(Subscriptions.Followed f, String base) {
        Optional<MailingList> list = lists.find(f.listId());
        if (list.isEmpty()) {
            return;
        }
        try {
            String unsubscribe = base + "/unsubscribe?t=" + URLEncoder.encode(subscriptions.unsubscribeToken(f.emailKey(), f.listId()), StandardCharsets.UTF_8);
            mailer.welcome(list.get(), f.emailKey(), unsubscribe, base);
        } catch (RuntimeException e) {
            // the subscription stands; a lost welcome is not worth an error page
            log.error("welcome mail to {} not queued: {}", f.emailKey(), e.getMessage(), e);
        }
    }

    /** RFC 8058: the mail client POSTs the body "List-Unsubscribe=One-Click" to the List-Unsubscribe URL. */
    private static boolean oneClick(Context ctx) {
        String body = ctx.body();
        return body != null && body.strip().equals("List-Unsubscribe=One-Click");
    }

    /** The port of the server these pages started ({@link #start}). */
    public int port() {
        return server.port();
    }

    /** Every HTTP route served, as "METHOD path" (the OpenAPI test holds the document to them). */
    public java.util.List<String> routes() {
        return server.routes();
    }

    private interface ListHandler {
        void handle(MailingList list) throws Exception;
    }

    private void withList(Context ctx, ListHandler h) throws Exception {
        Optional<MailingList> list;
        try {
            list = lists.find(ctx.pathParam("list"));
        } catch (ListException e) {
            list = Optional.empty();
        }
        if (list.isEmpty()) {
            ctx.status(404).html(SmallPage.page("No such list", "<p>There is no list of that name.</p>"));
            return;
        }
        h.handle(list.get());
    }

    static String consentText(MailingList list) {
        return "Yes, send me \"" + list.name() + "\" by email. I can unsubscribe at any time with the link in every message.";
    }

    private static String form(MailingList list, String error) {
        return SmallPage.page("Subscribe to " + Html.escape(list.name()),
                (error == null ? "" : "<p role=\"alert\"><strong>" + Html.escape(error) + "</strong></p>")
                        + "<form method=\"post\"><label for=\"email\">Email address</label>"
                        + "<input id=\"email\" name=\"email\" type=\"email\" required autocomplete=\"email\">"
                        + "<label for=\"name\">Name (optional)</label><input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"name\">"
                        + "<div class=\"hp\" aria-hidden=\"true\"><label for=\"" + HONEYPOT + "\">Leave this empty</label>"
                        + "<input id=\"" + HONEYPOT + "\" name=\"" + HONEYPOT + "\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>"
                        + "<p>" + Html.escape(consentText(list)) + "</p><button type=\"submit\">Subscribe</button></form>");
    }

    private static String checkInbox() {
        return SmallPage.page("Check your inbox", "<p>We sent you a message with a link. Follow it to confirm your subscription;"
                + " until then you will receive nothing.</p>");
    }


    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
