package dev.homing.list;

/**
 * What address hygiene can find wrong with an address, each with the action a marketer should take.
 * Declared from the most to the least serious, the order a report lists them in.
 */
public enum Problem {
    /** Not an address at all by RFC 5321/5322: nothing can be delivered to it. */
    SYNTAX("invalid syntax", "remove; if it came from a form, ask the subscriber to type it again"),
    /** The domain does not exist in DNS. */
    NXDOMAIN("domain does not exist", "remove: the domain does not exist"),
    /** The domain publishes a null MX (RFC 7505): it says it accepts no mail. */
    NULL_MX("domain accepts no mail", "remove: the domain declares that it accepts no mail"),
    /** The domain exists but has no MX and no A/AAAA record: no server to deliver to. */
    NO_MAIL_DOMAIN("domain has no mail server", "remove: the domain has no mail server"),
    /** Probably a misspelt big-provider domain (gmial.com for gmail.com). */
    TYPO("likely typo", "ask the subscriber to correct it (suggest %s); do not change it without asking"),
    /** A role account (postmaster@, info@, ...), read by a team rather than one person who opted in. */
    ROLE_ACCOUNT("role account", "keep but send with care: role accounts reach several people and complain more"),
    /** DNS failed (SERVFAIL, timeout): the address could not be checked, which says nothing against it. */
    DNS_TEMPORARY("domain not checked (DNS failed)", "keep; check again later: DNS did not answer this time");

    private final String label;
    private final String action;

    Problem(String label, String action) {
        this.label = label;
        this.action = action;
    }

    /** A short name for tables. */
    public String label() {
        return label;
    }

    /** What to do, in plain words; a {@link Finding#action()} names the corrected address for a typo. */
    public String action() {
        return action.replace("%s", "the corrected address");
    }

    /** True for findings that argue for taking the address off the list. */
    public boolean removes() {
        return this == SYNTAX || this == NXDOMAIN || this == NULL_MX || this == NO_MAIL_DOMAIN;
    }

    String action(String suggestion) {
        return suggestion == null ? action() : action.replace("%s", suggestion);
    }
}
