package dev.homing.auth;

/**
 * What one check_host() found.
 *
 * @param explanation for {@link SpfResult#FAIL}: the domain's exp= text, or the default explanation; otherwise ""
 * @param detail      in plain words why: the term that matched and where, or what is wrong with which record
 * @param dnsTerms    DNS-querying terms evaluated (include, a, mx, ptr, exists, redirect; RFC 7208 allows 10)
 * @param voidLookups lookups of those terms that found nothing (RFC 7208 allows 2)
 */
public record SpfOutcome(SpfResult result, String explanation, String detail, int dnsTerms, int voidLookups) {
}
