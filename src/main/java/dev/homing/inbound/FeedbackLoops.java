package dev.homing.inbound;

import dev.homing.auth.DkimVerifier;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The mailbox providers whose feedback-loop reports may act without a signed identifier of ours: a complaint that
 * quotes neither our VERP address, nor our {@code X-Homing-Delivery} token, nor our Message-ID acts only when the
 * report itself is DKIM-signed (RFC 6376) by one of these domains (or a subdomain) and the signature verifies.
 * Anything else is stored and shown, and acts on nothing: whoever can send mail could otherwise complain about
 * any address.
 */
public final class FeedbackLoops {
    private final Set<String> domains;
    private final DkimVerifier verifier;

    /**
     * @param domains    the providers' domains (the {@code d=} of their reports' DKIM signatures); empty trusts none
     * @param keyRecords the DKIM key record (TXT) of a name, or null when there is none
     */
    public FeedbackLoops(Set<String> domains, Function<String, String> keyRecords) {
        this.domains = domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.verifier = new DkimVerifier(keyRecords);
    }

    /** Trusts no feedback loop: only signed identifiers of ours tie a report to a delivery. */
    public static FeedbackLoops none() {
        return new FeedbackLoops(Set.of(), name -> null);
    }

    /** The configured domain whose verified DKIM signature the message carries, if any. */
    Optional<String> authenticated(byte[] raw) {
        if (domains.isEmpty()) {
            return Optional.empty();
        }
        List<DkimVerifier.Result> results;
        try {
            results = verifier.verify(raw, Instant.now());
        } catch (RuntimeException e) {
            return Optional.empty(); // a signature we cannot check proves nothing
        }
        for (DkimVerifier.Result r : results) {
            if (!r.pass() || r.domain() == null) {
                continue;
            }
            String d = r.domain().toLowerCase(Locale.ROOT);
            for (String allowed : domains) {
                if (d.equals(allowed) || d.endsWith("." + allowed)) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return domains.isEmpty() ? "no feedback loop trusted" : "feedback loops " + domains;
    }
}
