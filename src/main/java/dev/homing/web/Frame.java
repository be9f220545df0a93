package dev.homing.web;

/**
 * What every page of the web UI shows around its content: the title, who is logged in, the token its
 * forms send back, which section of the navigation is current, and a one-line notice (or null).
 *
 * @param query the page's path and query, to which export links add {@code export=ID}
 * @param role  what the logged-in user may do (null before login): the settings link shows for admins only
 */
public record Frame(String title, String user, String csrf, String section, String query, String notice, dev.homing.access.Role role) {
    /** Whether the settings pages (keys, webhooks, users) are the user's to see. */
    public boolean admin() {
        return role != null && role.administers();
    }

    /** Whether the user may change data: the pages show a viewer no form or button that would only be refused. */
    public boolean changes() {
        return role != null && role.changes();
    }

    /** The link that downloads one of the page's tables as CSV. */
    public String export(String tableId) {
        String base = query.replaceAll("([?&])export=[^&]*&?", "$1");
        if (base.endsWith("?") || base.endsWith("&")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + (base.contains("?") ? "&" : "?") + "export=" + java.net.URLEncoder.encode(tableId, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The htmx header that carries the CSRF token on every request htmx makes. */
    public String htmxHeaders() {
        return "{\"X-CSRF-Token\": \"" + csrf + "\"}";
    }

    public boolean current(String s) {
        return s.equals(section);
    }
}
