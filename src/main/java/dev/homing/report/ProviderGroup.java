package dev.homing.report;

import dev.homing.provider.Kind;
import dev.homing.provider.Provider;

/**
 * The mailbox providers a campaign report groups failures by: the big ones each have their own rules,
 * block lists and sender pages, so "Microsoft blocked us" and "Gmail blocked us" need different steps.
 */
public enum ProviderGroup {
    GMAIL("Gmail"),
    MICROSOFT("Microsoft"),
    YAHOO_AOL("Yahoo/AOL"),
    APPLE("Apple iCloud"),
    /** Filters in front of company mailboxes (Mimecast, Proofpoint, ...): only an administrator can release mail. */
    CORPORATE_GATEWAY("Corporate mail filters"),
    OTHER("Other mail servers");

    private final String displayName;

    ProviderGroup(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static ProviderGroup of(Provider p) {
        return switch (p) {
            case GMAIL, GOOGLE_WORKSPACE -> GMAIL;
            case OUTLOOK_COM, MICROSOFT_365 -> MICROSOFT;
            case YAHOO, AOL -> YAHOO_AOL;
            case ICLOUD -> APPLE;
            default -> p.kind() == Kind.CORPORATE_GATEWAY ? CORPORATE_GATEWAY : OTHER;
        };
    }
}
