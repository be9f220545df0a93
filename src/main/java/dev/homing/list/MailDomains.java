package dev.homing.list;

/**
 * Whether a domain can receive mail, as the hygiene check asks it: the node answers with the engine's own MX resolver
 * (so hygiene and delivery never disagree), wired in from outside, so that the audience stage does not depend on the
 * delivery stage.
 */
@FunctionalInterface
public interface MailDomains {
    /** What DNS says of a domain's mail. */
    enum Answer {
        /** It has a mail host. */
        RECEIVES,
        /** The domain does not exist (NXDOMAIN). */
        NO_DOMAIN,
        /** It says it takes no mail (null MX, RFC 7505). */
        NULL_MX,
        /** It exists but has neither MX nor address records. */
        NO_MAIL_HOST,
        /** The lookup failed for now. */
        TEMPORARY
    }

    /** The answer for one domain, with the resolver's detail. */
    record Lookup(Answer answer, String detail) {
    }

    Lookup lookup(String domain);
}
