package dev.homing.campaign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The content check of the compose stage: scores one rendered message (RFC 5322 bytes, as a
 * subscriber would receive it) with Homing's rules and, when a spamd is given, SpamAssassin's.
 *
 * <p>Rules and points (the scale is SpamAssassin's: at risk from 2.5, likely filtered from 5):
 * <ul>
 * <li>{@code spam-phrase}: each listed phrase found, its weight from {@code campaign/spam-phrases.tsv} (0.2 to 2.5)</li>
 * <li>{@code subject-all-caps} 1.5, {@code subject-punctuation} 1.0, {@code subject-too-long} 0.5, {@code subject-missing} 1.0</li>
 * <li>{@code image-only} 2.5, {@code mostly-images} 1.2</li>
 * <li>{@code link-shortener} 1.5 per shortener, {@code link-text-mismatch} 2.5 per link</li>
 * <li>{@code missing-text-part} 1.0, {@code html-text-mismatch} 1.5</li>
 * <li>{@code missing-unsubscribe} 2.0 (blocking), {@code no-list-unsubscribe-header} 1.0, {@code no-one-click-unsubscribe} 0.5</li>
 * <li>{@code missing-postal-address} 1.0 (blocking)</li>
 * <li>{@code html-clipped-by-gmail} 1.0, {@code huge-message} 1.5</li>
 * </ul>
 * Immutable; one instance can check any number of messages from any thread.
 */
public final class ContentCheck {
    private final List<ContentRule> rules;
    private final SpamdClient spamd;
    private final Set<String> trackingDomains;

    private ContentCheck(Set<String> trackingDomains, SpamdClient spamd) {
        this.trackingDomains = trackingDomains;
        this.spamd = spamd;
        this.rules = List.of(new SpamPhraseRule(SpamPhrase.bundled()), new SubjectCapsRule(), new SubjectPunctuationRule(),
                new SubjectLengthRule(), new ImageOnlyRule(), ShortenerRule.bundled(), new LinkMismatchRule(trackingDomains),
                new TextPartRule(), new UnsubscribeRule(), new PostalAddressRule(), new SizeRule());
    }

    /** Homing's rules with the bundled phrase and shortener lists; no spamd. */
    public static ContentCheck standard() {
        return new ContentCheck(Set.of(), null);
    }

    /** The same check, also asking this spamd (REPORT) and merging its score and rule hits. */
    public ContentCheck withSpamd(SpamdClient client) {
        return new ContentCheck(trackingDomains, client);
    }

    /** The same check, trusting links to these click-tracking domains (their link text shows the real site). */
    public ContentCheck withTrackingDomains(Collection<String> domains) {
        return new ContentCheck(domains.stream().map(d -> DomainNames.registrable(d.toLowerCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet()), spamd);
    }

    /**
     * Checks one message. A spamd that cannot be asked does not fail the check: the report says so
     * in a {@code spamd-unavailable} finding (no points) and carries our rules' result alone.
     *
     * @throws IllegalArgumentException when the bytes are not a message Jakarta Mail can read
     */
    public ContentReport check(byte[] message) {
        ContentMessage m = ContentMessage.parse(message);
        List<ContentFinding> findings = new ArrayList<>();
        for (ContentRule rule : rules) {
            findings.addAll(rule.check(m));
        }
        Optional<SpamdResult> result = Optional.empty();
        if (spamd != null) {
            try {
                SpamdResult r = spamd.report(message);
                result = Optional.of(r);
                for (SpamdResult.Rule hit : r.rules()) {
                    findings.add(new ContentFinding(hit.name(), hit.points(), hit.description().isEmpty() ? "SpamAssassin rule "
                            + hit.name() : hit.description(), "", ContentFinding.Origin.SPAMASSASSIN, false));
                }
            } catch (SpamdException e) {
                findings.add(new ContentFinding("spamd-unavailable", 0, e.getMessage(), spamd.address(),
                        ContentFinding.Origin.SPAMASSASSIN, false));
            }
        }
        return ContentReport.of(findings, result);
    }
}
