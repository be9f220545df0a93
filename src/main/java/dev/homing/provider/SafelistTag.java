package dev.homing.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code {{safelist}}} merge tag for one sender: the steps for each recipient's provider,
 * followed by a link to the public page with every provider. The text for a provider is written
 * once and reused for all its recipients (only the MX lookup is per domain, and cached).
 */
public final class SafelistTag {
    private final ProviderDetector detector;
    private final Sender sender;
    private final String pageBaseUrl;
    private final Map<Provider, Instructions> written = new ConcurrentHashMap<>();

    /**
     * @param pageBaseUrl where the public pages are (e.g. https://lists.example.com); null: no link
     */
    public SafelistTag(ProviderDetector detector, Sender sender, String pageBaseUrl) {
        this.detector = detector;
        this.sender = sender;
        this.pageBaseUrl = pageBaseUrl;
    }

    public Instructions forRecipient(String address) {
        return forProvider(detector.detectAddress(address));
    }

    public Instructions forProvider(Provider provider) {
        return written.computeIfAbsent(provider, p -> Safelist.of(p, sender));
    }

    /** The steps as plain text (LF line ends), with the page link at the end. */
    public String text(String recipient) {
        Provider p = detector.detectAddress(recipient);
        String steps = forProvider(p).text();
        return pageBaseUrl == null ? steps : steps + "\nSteps for other mail services: " + Safelist.pageUrl(pageBaseUrl, p, sender.from()) + "\n";
    }

    /** The steps as HTML, every value escaped, with the page link at the end. */
    public String html(String recipient) {
        Provider p = detector.detectAddress(recipient);
        String steps = forProvider(p).html();
        if (pageBaseUrl == null) {
            return steps;
        }
        String url = dev.homing.http.Html.escape(Safelist.pageUrl(pageBaseUrl, p, sender.from()));
        return steps + "<p><a href=\"" + url + "\">Steps for other mail services</a></p>\n";
    }
}
