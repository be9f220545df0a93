package dev.homing.provider;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailbox provider or filtering gateway, as recognised from the MX hosts of a recipient's domain.
 * Providers that share servers are told apart by the domain: Gmail and Google Workspace both use
 * Google's MX, Yahoo and AOL both use yahoodns.net.
 */
public enum Provider {
    GMAIL("Gmail", Kind.CONSUMER_MAILBOX),
    GOOGLE_WORKSPACE("Google Workspace", Kind.BUSINESS_SUITE),
    OUTLOOK_COM("Outlook.com", Kind.CONSUMER_MAILBOX),
    MICROSOFT_365("Microsoft 365", Kind.BUSINESS_SUITE),
    YAHOO("Yahoo Mail", Kind.CONSUMER_MAILBOX),
    AOL("AOL Mail", Kind.CONSUMER_MAILBOX),
    ICLOUD("Apple iCloud Mail", Kind.CONSUMER_MAILBOX),
    ZOHO("Zoho Mail", Kind.BUSINESS_SUITE),
    GMX("GMX", Kind.CONSUMER_MAILBOX),
    WEB_DE("WEB.DE", Kind.CONSUMER_MAILBOX),
    YANDEX("Yandex Mail", Kind.CONSUMER_MAILBOX),
    MAIL_RU("Mail.ru", Kind.CONSUMER_MAILBOX),
    FASTMAIL("Fastmail", Kind.CONSUMER_MAILBOX),
    PROTON("Proton Mail", Kind.CONSUMER_MAILBOX),
    MIMECAST("Mimecast", Kind.CORPORATE_GATEWAY),
    PROOFPOINT("Proofpoint", Kind.CORPORATE_GATEWAY),
    BARRACUDA("Barracuda Email Protection", Kind.CORPORATE_GATEWAY),
    CISCO("Cisco Secure Email", Kind.CORPORATE_GATEWAY),
    BROADCOM("Broadcom Email Security.cloud", Kind.CORPORATE_GATEWAY),
    SOPHOS("Sophos Email", Kind.CORPORATE_GATEWAY),
    TREND_MICRO("Trend Micro Email Security", Kind.CORPORATE_GATEWAY),
    HORNETSECURITY("Hornetsecurity", Kind.CORPORATE_GATEWAY),
    OTHER("your mail service", Kind.OTHER);

    private final String displayName;
    private final Kind kind;

    Provider(String displayName, Kind kind) {
        this.displayName = displayName;
        this.kind = kind;
    }

    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The receiving service whose limits apply to every domain it hosts ({@code google} for Gmail and for
     * every Google Workspace domain), or empty: a filtering gateway's limits are its customer's, and an
     * unknown service is known only by its domain. The names match the consumer domains' rollup by name
     * in the queue ({@code dev.homing.queue.Shards}), so both ways of finding Google give one key.
     */
    public Optional<String> service() {
        return Optional.ofNullable(switch (this) {
            case GMAIL, GOOGLE_WORKSPACE -> "google";
            case OUTLOOK_COM, MICROSOFT_365 -> "microsoft";
            case YAHOO, AOL -> "yahoo";
            case ICLOUD -> "apple";
            case ZOHO -> "zoho";
            case GMX, WEB_DE -> "united-internet";
            case YANDEX -> "yandex";
            case MAIL_RU -> "mail.ru";
            case FASTMAIL -> "fastmail";
            case PROTON -> "proton";
            case MIMECAST, PROOFPOINT, BARRACUDA, CISCO, BROADCOM, SOPHOS, TREND_MICRO, HORNETSECURITY, OTHER -> null;
        });
    }

    /** The name in URLs: {@code google-workspace}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<Provider> bySlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        String s = slug.strip().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.slug().equals(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The provider behind a domain, from its MX host names in preference order (most preferred first):
     * the first host that belongs to a known provider decides. A pure function: no DNS.
     *
     * @param domain  the recipient's domain (decides between providers sharing servers)
     * @param mxHosts MX target host names, with or without the trailing dot
     */
    public static Provider fromMx(String domain, List<String> mxHosts) {
        String d = MxRules.normalise(domain);
        for (String host : mxHosts) {
            String h = MxRules.normalise(host);
            Provider p = MxRules.byHost(h);
            if (p != OTHER) {
                return MxRules.refine(p, d, h);
            }
        }
        return OTHER;
    }
}
