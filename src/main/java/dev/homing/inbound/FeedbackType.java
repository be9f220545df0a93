package dev.homing.inbound;

import java.util.Locale;

/** The ARF Feedback-Type (RFC 5965 section 7.3, RFC 6591, and the draft's opt-out). */
public enum FeedbackType {
    /** Unsolicited or otherwise abusive mail: the usual spam complaint. */
    ABUSE,
    /** A phishing or fraud report. */
    FRAUD,
    /** The recipient asks to be removed (pre-RFC draft, still sent). */
    OPT_OUT,
    /** The recipient says the message is not spam. */
    NOT_SPAM,
    /** An authentication failure report (SPF, DKIM, DMARC; RFC 6591). */
    AUTH_FAILURE,
    /** A virus report. */
    VIRUS,
    /** Anything else. */
    OTHER;

    /** The wire form: "abuse", "opt-out", "auth-failure". */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static FeedbackType of(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (v) {
            case "abuse" -> ABUSE;
            case "fraud" -> FRAUD;
            case "opt-out", "optout", "unsubscribe" -> OPT_OUT;
            case "not-spam" -> NOT_SPAM;
            case "auth-failure" -> AUTH_FAILURE;
            case "virus" -> VIRUS;
            default -> OTHER;
        };
    }
}
