package dev.homing.campaign;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A way out for the reader. No List-Unsubscribe header and nothing in the body either is blocking:
 * the law (CAN-SPAM, GDPR/ePrivacy) requires an opt-out, and readers who cannot leave press "spam"
 * instead. A body link without the header, or the header without RFC 8058 one-click, is a smaller
 * finding: Gmail and Yahoo require one-click unsubscribe from bulk senders.
 */
record UnsubscribeRule() implements ContentRule {
    static final String MISSING = "missing-unsubscribe";
    static final String NO_HEADER = "no-list-unsubscribe-header";
    static final String NO_ONE_CLICK = "no-one-click-unsubscribe";
    static final double MISSING_POINTS = 2.0;
    static final double NO_HEADER_POINTS = 1.0;
    static final double NO_ONE_CLICK_POINTS = 0.5;
    /** "Unsubscribe" in the languages Homing's users most often write in. */
    static final Pattern WORDS = Pattern.compile("(?iu)unsubscri|opt[- ]?out|abmelden|abbestellen|d[ée]sabonn|d[ée]sinscri"
            + "|darse de baja|darte de baja|cancelar (?:la |tu )?suscripci|annulla(?:re)? l'iscrizione|disiscriv|afmelden"
            + "|uitschrijven|descadastr|wypisz|отписат");

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        String header = message.header("List-Unsubscribe");
        boolean hasHeader = header != null && header.toLowerCase(Locale.ROOT).matches("(?s).*<\\s*(https?|mailto):.*");
        if (hasHeader) {
            String post = message.header("List-Unsubscribe-Post");
            boolean oneClick = post != null && post.replace(" ", "").equalsIgnoreCase("List-Unsubscribe=One-Click")
                    && header.toLowerCase(Locale.ROOT).contains("<https:");
            return oneClick ? List.of() : List.of(ContentFinding.of(NO_ONE_CLICK, NO_ONE_CLICK_POINTS, "List-Unsubscribe has no "
                    + "one-click form (an https URL plus List-Unsubscribe-Post: List-Unsubscribe=One-Click, RFC 8058); Gmail "
                    + "and Yahoo require it from bulk senders.", "List-Unsubscribe: " + header));
        }
        boolean inBody = message.links().stream().anyMatch(l -> WORDS.matcher(l.text()).find() || WORDS.matcher(l.href()).find())
                || WORDS.matcher(message.bodyText()).find();
        if (inBody) {
            return List.of(ContentFinding.of(NO_HEADER, NO_HEADER_POINTS, "There is an unsubscribe link in the body but no "
                    + "List-Unsubscribe header; mail apps show their own unsubscribe button only with the header, and Gmail "
                    + "and Yahoo require it (one-click, RFC 8058) from bulk senders.", "List-Unsubscribe header"));
        }
        return List.of(ContentFinding.blocking(MISSING, MISSING_POINTS, "There is no way to unsubscribe: no List-Unsubscribe "
                + "header and no unsubscribe link or text in the body. The law requires one, and readers who cannot leave "
                + "report spam instead.", "List-Unsubscribe header and body"));
    }
}
