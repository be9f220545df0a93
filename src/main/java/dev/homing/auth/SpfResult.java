package dev.homing.auth;

import java.util.Locale;

/** The seven results of check_host() (RFC 7208 2.6). */
public enum SpfResult {
    /** No SPF record, or no valid domain to look one up for. */
    NONE,
    /** The domain makes no assertion about this IP ("?" or no match). */
    NEUTRAL,
    /** The IP is authorized. */
    PASS,
    /** The IP is explicitly not authorized ("-"). */
    FAIL,
    /** Probably not authorized ("~"); receivers accept but mark. */
    SOFTFAIL,
    /** A DNS failure; the same check may succeed later. */
    TEMPERROR,
    /** The published records cannot be interpreted; needs the domain owner's fix. */
    PERMERROR;

    /** The name RFC 7208 uses: "pass", "softfail", ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
