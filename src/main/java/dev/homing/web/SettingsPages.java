package dev.homing.web;

import dev.homing.access.Accounts;
import dev.homing.access.ApiKey;
import dev.homing.access.ApiKeys;
import dev.homing.access.Role;
import dev.homing.access.Scope;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admins' pages ({@link Roles#SETTINGS}): API keys (made with scopes, the token shown once; revoked), webhooks (added,
 * the signing secret shown once; removed; their delivery log), users (added with a role, a one-time password shown once;
 * reset, role changed, removed) and the effective settings, read-only with secrets masked. The same {@code access} and
 * {@code webhook} operations as the command line's {@code apikey}, {@code webhook} and {@code user}.
 */
final class SettingsPages {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SettingsPages.class);
    private static final int LOG = 50;

    private final ApiKeys keys;
    private final Accounts accounts;
    private final Hooks webhooks;
    private final java.util.function.Supplier<List<Setting>> settings;

    SettingsPages(ApiKeys keys, Accounts accounts, Console.Operation node) {
        this.keys = keys;
        this.accounts = accounts;
        this.webhooks = node.webhooks();
        this.settings = node.settings();
    }

    void register(Console console, JavalinConfig config) {
        console.page(config, Roles.SETTINGS, (ctx, who) -> settingsPage());
        console.page(config, Roles.SETTINGS + "/keys", (ctx, who) -> keysPage(Map.of(), Map.of(), null));
        console.action(config, Roles.SETTINGS + "/keys", this::createKey);
        console.action(config, Roles.SETTINGS + "/keys/revoke", this::revokeKey);
        console.page(config, Roles.SETTINGS + "/webhooks", (ctx, who) -> webhooksPage(Map.of(), Map.of(), null));
        console.action(config, Roles.SETTINGS + "/webhooks", this::addWebhook);
        console.action(config, Roles.SETTINGS + "/webhooks/remove", this::removeWebhook);
        console.page(config, Roles.SETTINGS + "/users", (ctx, who) -> usersPage(who, Map.of(), Map.of(), null));
        console.action(config, Roles.SETTINGS + "/users", this::addUser);
        console.action(config, Roles.SETTINGS + "/users/role", this::changeRole);
        console.action(config, Roles.SETTINGS + "/users/reset", this::resetUser);
        console.action(config, Roles.SETTINGS + "/users/remove", this::removeUser);
    }

    private View settingsPage() {
        Table.Builder t = Table.of("settings", "The settings this node runs with (homing.properties and defaults; secrets hidden)",
                "Setting", "Value", "From");
        for (Setting s : settings.get()) {
            t.row(s.key(), s.value(), s.origin());
        }
        return View.of("Settings", "settings", "settings.jte").tables(t.build());
    }

    // --- API keys

    private View keysPage(Map<String, String> errors, Map<String, Object> typed, ShownOnce once) {
        Table.Builder t = Table.of("keys", "API keys (the token itself is shown once, when the key is made)", "Name", "Key starts with",
                "Scopes", "Made", "State", "Revoke").empty("No API key yet.");
        for (ApiKey k : keys.all()) {
            t.row(k.name(), k.prefix(), Scope.join(k.scopes()).replace(",", ", "), Dates.minute(k.createdAt()),
                    k.revoked() ? "revoked " + Dates.minute(k.revokedAt()) : "active",
                    k.revoked() ? "" : Table.Cell.button("Revoke", Roles.SETTINGS + "/keys/revoke?id=" + k.id(), "Revoke the key " + k.name()));
        }
        return View.of("API keys", "settings", "settings_keys.jte").with("errors", errors).with("typed", typed).with("once", once)
                .with("scopes", List.of(Scope.values())).tables(t.build());
    }

    private Object createKey(Context ctx, Console.Login who) {
        String name = strip(ctx.formParam("name"));
        List<String> chosen = ctx.formParams("scope");
        Map<String, String> errors = new LinkedHashMap<>();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("name", "Give the key a name of 1 to 200 characters (what uses it: \"shop signup form\").");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        try {
            scopes = Scope.parse(String.join(",", chosen));
        } catch (IllegalArgumentException e) {
            errors.put("scope", chosen.isEmpty() ? "Tick at least one scope: a key without one can do nothing." : e.getMessage() + ".");
        }
        Map<String, Object> typed = Map.of("name", name, "scopes", Set.copyOf(chosen));
        if (!errors.isEmpty()) {
            ctx.status(422);
            return keysPage(errors, typed, null);
        }
        ApiKeys.Issued issued = keys.create(name, scopes);
        audit(who, "made the API key " + name + " (" + issued.key().prefix() + ", " + Scope.join(scopes) + ")");
        return keysPage(Map.of(), Map.of(), new ShownOnce("API key \"" + name + "\"", issued.token(),
                "Send it as \"Authorization: Bearer <key>\". It is not stored: copy it now; a lost key is revoked and replaced."));
    }

    private Object revokeKey(Context ctx, Console.Login who) {
        long id = id(ctx);
        boolean revoked = keys.revoke(id);
        if (revoked) {
            audit(who, "revoked API key " + id);
        }
        String notice = revoked ? "Key revoked: it no longer works." : "That key was already revoked.";
        return Roles.SETTINGS + "/keys?notice=" + ListPages.enc(notice);
    }

    // --- webhooks

    private View webhooksPage(Map<String, String> errors, Map<String, Object> typed, ShownOnce once) {
        Table.Builder t = Table.of("webhooks", "Webhooks", "Id", "URL", "Events", "Added", "State", "Remove").empty("No webhook yet.");
        for (Hooks.Hook w : webhooks.all()) {
            t.row(w.id(), w.url(), String.join(", ", w.events()), Dates.minute(w.createdAt()), w.active() ? "active" : "removed",
                    w.active() ? Table.Cell.button("Remove", Roles.SETTINGS + "/webhooks/remove?id=" + w.id(), "Remove webhook " + w.id()) : "");
        }
        Table.Builder log = Table.of("webhook-log", "The latest " + LOG + " posts, newest first", "When", "Webhook", "Event", "Answer",
                "Took", "Event state").empty("Nothing posted yet.");
        for (Hooks.Post p : webhooks.log(LOG)) {
            log.row(Dates.second(p.at()), p.webhookId(), p.event(), p.answer(), p.durationMs() + " ms", p.state());
        }
        return View.of("Webhooks", "settings", "settings_webhooks.jte").with("errors", errors).with("typed", typed).with("once", once)
                .with("kinds", webhooks.kinds()).tables(t.build(), log.build());
    }

    private Object addWebhook(Context ctx, Console.Login who) {
        String url = strip(ctx.formParam("url"));
        List<String> chosen = ctx.formParams("event");
        Map<String, String> errors = new LinkedHashMap<>();
        if (chosen.isEmpty()) {
            errors.put("event", "Tick at least one event.");
        }
        Map<String, Object> typed = Map.of("url", url, "events", Set.copyOf(chosen));
        Hooks.Hook added = null;
        if (url.isEmpty()) {
            errors.put("url", "Give the URL that receives the events (https://...).");
        } else if (errors.isEmpty()) {
            try {
                added = webhooks.add(url, chosen);
                audit(who, "added webhook " + added.id() + " to " + added.url());
            } catch (IllegalArgumentException e) {
                errors.put(e.getMessage().startsWith("unknown event") ? "event" : "url", "Not added: " + e.getMessage() + ".");
            }
        }
        if (added == null) {
            ctx.status(422);
            return webhooksPage(errors, typed, null);
        }
        return webhooksPage(Map.of(), Map.of(), new ShownOnce("Webhook " + added.id() + "'s signing secret", added.secret(),
                "Each post carries Homing-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\"> made with it. "
                        + "It is shown once: copy it now into the receiver."));
    }

    private Object removeWebhook(Context ctx, Console.Login who) {
        long id = id(ctx);
        boolean removed = webhooks.remove(id);
        if (removed) {
            audit(who, "removed webhook " + id);
        }
        String notice = removed ? "Webhook " + id + " removed: it gets no more events (its log stays)." : "No active webhook " + id + ".";
        return Roles.SETTINGS + "/webhooks?notice=" + ListPages.enc(notice);
    }

    // --- users

    private View usersPage(Console.Login who, Map<String, String> errors, Map<String, Object> typed, ShownOnce once) {
        Table.Builder t = Table.of("users", "People who log in", "User", "Role", "May", "Since", "Password", "Reset", "Remove");
        List<Accounts.User> all = accounts.all();
        for (Accounts.User u : all) {
            boolean self = u.id() == who.userId();
            t.row(u.username() + (self ? " (you)" : ""), u.role().label(), u.role().may(), Dates.minute(u.createdAt()),
                    u.mustChange() ? "one-time, not yet changed" : "their own",
                    self ? "" : Table.Cell.button("Reset", Roles.SETTINGS + "/users/reset?name=" + ListPages.enc(u.username()),
                            "Give " + u.username() + " a new one-time password"),
                    self ? "" : Table.Cell.button("Remove", Roles.SETTINGS + "/users/remove?name=" + ListPages.enc(u.username()),
                            "Remove " + u.username()));
        }
        return View.of("Users", "settings", "settings_users.jte").with("errors", errors).with("typed", typed).with("once", once)
                .with("roles", List.of(Role.values())).with("users", all.stream().map(Accounts.User::username).toList()).tables(t.build());
    }

    private Object addUser(Context ctx, Console.Login who) {
        String name = strip(ctx.formParam("username"));
        Map<String, String> errors = new LinkedHashMap<>();
        Role role = role(ctx.formParam("role"), errors);
        Map<String, Object> typed = Map.of("username", name, "role", strip(ctx.formParam("role")));
        String once = null;
        if (errors.isEmpty()) {
            try {
                once = accounts.add(name, role);
                audit(who, "added the user " + name + " as " + role.label());
            } catch (IllegalArgumentException e) {
                errors.put("username", Sentence.of(e.getMessage()) + ".");
            }
        }
        if (once == null) {
            ctx.status(422);
            return usersPage(who, errors, typed, null);
        }
        return usersPage(who, Map.of(), Map.of(), new ShownOnce("One-time password for " + name + " (" + role.label() + ")", once,
                "Hand it over privately: it opens only the page where " + name + " chooses their own password. It is shown once."));
    }

    private Object changeRole(Context ctx, Console.Login who) {
        String name = strip(ctx.formParam("username"));
        Map<String, String> errors = new LinkedHashMap<>();
        Role role = role(ctx.formParam("role"), errors);
        if (errors.isEmpty()) {
            try {
                accounts.role(name, role);
                audit(who, "made " + name + " " + role.label());
                return Roles.SETTINGS + "/users?notice=" + ListPages.enc(name + " is now " + role.withArticle()
                        + " (their sessions ended: the new role holds from their next login).");
            } catch (IllegalArgumentException e) {
                errors.put("change", Sentence.of(e.getMessage()) + ".");
            }
        }
        ctx.status(422);
        return usersPage(who, errors, Map.of("change", name), null);
    }

    private Object resetUser(Context ctx, Console.Login who) {
        String name = strip(ctx.queryParam("name"));
        String once;
        try {
            once = accounts.resetExisting(name);
        } catch (IllegalArgumentException e) {
            throw new io.javalin.http.NotFoundResponse("No user \"" + name + "\"");
        }
        audit(who, "reset the password of " + name);
        return usersPage(who, Map.of(), Map.of(), new ShownOnce("New one-time password for " + name, once,
                "Their sessions ended and their old password no longer works. Hand this over privately; it is shown once."));
    }

    private Object removeUser(Context ctx, Console.Login who) {
        String name = strip(ctx.queryParam("name"));
        if (name.equals(who.user())) {
            ctx.status(422);
            return usersPage(who, Map.of("change", "You cannot remove yourself: another admin can."), Map.of(), null);
        }
        try {
            accounts.remove(name);
            audit(who, "removed the user " + name);
        } catch (IllegalArgumentException e) {
            ctx.status(422);
            return usersPage(who, Map.of("change", Sentence.of(e.getMessage()) + "."), Map.of(), null);
        }
        return Roles.SETTINGS + "/users?notice=" + ListPages.enc(name + " removed: they can no longer log in.");
    }

    /** Who changed which setting, in the log (what a key or a password is never goes there). */
    private static void audit(Console.Login who, String what) {
        // names typed in a form are the typist's: no line breaks of theirs in our log
        log.atInfo().addKeyValue("user", who.user()).log("settings: {} {}", who.user(), what.replaceAll("\\p{Cntrl}", "?"));
    }

    private static Role role(String label, Map<String, String> errors) {
        try {
            return Role.of(label);
        } catch (IllegalArgumentException e) {
            errors.put("role", Sentence.of(e.getMessage()) + ".");
            return null;
        }
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(strip(ctx.queryParam("id")));
        } catch (NumberFormatException e) {
            throw new io.javalin.http.BadRequestResponse("id: not a number");
        }
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

}
