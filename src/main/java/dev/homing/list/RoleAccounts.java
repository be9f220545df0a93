package dev.homing.list;

import java.util.Locale;
import java.util.Set;

/**
 * Role accounts: mailboxes for a function, not a person (RFC 2142 names and their common
 * cousins). Mail to them reaches a team, none of whom may have opted in, so they complain more.
 */
final class RoleAccounts {
    static final Set<String> NAMES = Set.of(
            // RFC 2142
            "postmaster", "abuse", "hostmaster", "webmaster", "info", "marketing", "sales", "support",
            "noc", "security", "usenet", "news", "www", "uucp", "ftp",
            // common functions
            "admin", "administrator", "root", "mailer-daemon", "contact", "office", "help", "helpdesk",
            "billing", "accounts", "accounting", "finance", "invoices", "orders", "hr", "jobs", "careers",
            "recruiting", "team", "staff", "all", "everyone", "press", "media", "legal", "privacy",
            "compliance", "enquiries", "inquiries", "feedback", "service", "customerservice",
            "newsletter", "list", "reception",
            "noreply", "no-reply", "donotreply", "do-not-reply");

    private RoleAccounts() {
    }

    /** True if the local part, ignoring case and any {@code +tag}, names a role. */
    static boolean isRole(String localPart) {
        String l = localPart;
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1);
        }
        int plus = l.indexOf('+');
        if (plus >= 0) {
            l = l.substring(0, plus);
        }
        return NAMES.contains(l.toLowerCase(Locale.ROOT));
    }
}
