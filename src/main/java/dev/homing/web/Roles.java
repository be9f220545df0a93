package dev.homing.web;

import dev.homing.access.Role;

/** What each role may ask of the web UI, decided in one place before any page or form runs. */
final class Roles {
    /** Where the admins' pages live: API keys, webhooks, users, the effective settings. */
    static final String SETTINGS = "/settings";
    /** What anyone logged in may change: their own password and session. */
    private static final java.util.Set<String> OWN = java.util.Set.of("/account/password", "/logout");

    private Roles() {
    }

    /** Why {@code role} may not make this request (a sentence without its full stop, as the page adds one), or null when it may. */
    static String refusal(Role role, String method, String path) {
        if ((path.equals(SETTINGS) || path.startsWith(SETTINGS + "/")) && !role.administers()) {
            return "The settings (API keys, webhooks, users) are for admins; you are " + role.withArticle() + "; ask an admin";
        }
        boolean reads = method.equals("GET") || method.equals("HEAD");
        if (!reads && !role.changes() && !OWN.contains(path)) {
            return "You are a viewer: you can read every page but not change anything; ask an admin for the editor role";
        }
        return null;
    }
}
