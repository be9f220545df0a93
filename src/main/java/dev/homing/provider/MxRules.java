package dev.homing.provider;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The MX host suffixes of each provider, matched on label boundaries (evilgoogle.com is not google.com). */
final class MxRules {
    private MxRules() {
    }

    private record Rule(String suffix, Provider provider) {
    }

    /** Longest suffix first, so olc.protection.outlook.com wins over a shorter rule that also matches. */
    private static final List<Rule> RULES = Map.ofEntries(
                    // Google: aspmx.l.google.com and friends, smtp.google.com, aspmx2.googlemail.com
                    Map.entry("google.com", Provider.GOOGLE_WORKSPACE),
                    Map.entry("googlemail.com", Provider.GOOGLE_WORKSPACE),
                    // Microsoft: consumer domains on *.olc.protection.outlook.com, tenants on *.mail.protection.outlook.com
                    Map.entry("olc.protection.outlook.com", Provider.OUTLOOK_COM),
                    Map.entry("hotmail.com", Provider.OUTLOOK_COM),
                    Map.entry("mail.protection.outlook.com", Provider.MICROSOFT_365),
                    Map.entry("mail.protection.office365.us", Provider.MICROSOFT_365),
                    Map.entry("mail.protection.partner.outlook.cn", Provider.MICROSOFT_365),
                    Map.entry("mx.microsoft", Provider.MICROSOFT_365),
                    Map.entry("yahoodns.net", Provider.YAHOO),
                    Map.entry("mail.icloud.com", Provider.ICLOUD),
                    Map.entry("zoho.com", Provider.ZOHO),
                    Map.entry("zoho.eu", Provider.ZOHO),
                    Map.entry("zoho.in", Provider.ZOHO),
                    Map.entry("zoho.com.au", Provider.ZOHO),
                    Map.entry("zoho.com.cn", Provider.ZOHO),
                    Map.entry("zoho.jp", Provider.ZOHO),
                    Map.entry("zoho.sa", Provider.ZOHO),
                    Map.entry("zohocloud.ca", Provider.ZOHO),
                    Map.entry("zohomail.com", Provider.ZOHO),
                    Map.entry("gmx.net", Provider.GMX),
                    Map.entry("gmx.com", Provider.GMX),
                    Map.entry("gmx.de", Provider.GMX),
                    Map.entry("web.de", Provider.WEB_DE),
                    Map.entry("yandex.ru", Provider.YANDEX),
                    Map.entry("yandex.net", Provider.YANDEX),
                    Map.entry("yandex.com", Provider.YANDEX),
                    Map.entry("mail.ru", Provider.MAIL_RU),
                    Map.entry("messagingengine.com", Provider.FASTMAIL),
                    Map.entry("protonmail.ch", Provider.PROTON),
                    Map.entry("mimecast.com", Provider.MIMECAST),
                    Map.entry("mimecast.co.za", Provider.MIMECAST),
                    Map.entry("mimecast-offshore.com", Provider.MIMECAST),
                    Map.entry("pphosted.com", Provider.PROOFPOINT),
                    Map.entry("ppe-hosted.com", Provider.PROOFPOINT),
                    Map.entry("barracudanetworks.com", Provider.BARRACUDA),
                    Map.entry("iphmx.com", Provider.CISCO),
                    Map.entry("messagelabs.com", Provider.BROADCOM),
                    Map.entry("hydra.sophos.com", Provider.SOPHOS),
                    Map.entry("tmes.trendmicro.com", Provider.TREND_MICRO),
                    Map.entry("tmes.trendmicro.eu", Provider.TREND_MICRO),
                    Map.entry("hornetsecurity.com", Provider.HORNETSECURITY))
            .entrySet().stream()
            .map(e -> new Rule(e.getKey(), e.getValue()))
            .sorted(Comparator.comparingInt((Rule r) -> r.suffix().length()).reversed())
            .toList();

    private static final Set<String> GMAIL_DOMAINS = Set.of("gmail.com", "googlemail.com");
    private static final Set<String> OUTLOOK_DOMAINS = Set.of(
            "outlook.com", "hotmail.com", "live.com", "msn.com", "passport.com", "windowslive.com",
            "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "hotmail.nl", "hotmail.be",
            "outlook.fr", "outlook.de", "outlook.it", "outlook.es", "outlook.co.uk", "outlook.jp",
            "live.co.uk", "live.fr", "live.de", "live.it", "live.nl", "live.ca", "live.com.au");
    private static final Set<String> AOL_DOMAINS = Set.of(
            "aol.com", "aol.co.uk", "aol.de", "aol.fr", "aol.it", "aol.es", "aol.jp", "aim.com",
            "verizon.net", "love.com", "ygm.com", "games.com", "wow.com");

    /** Lower case, no trailing dot. */
    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String s = name.strip().toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    static Provider byHost(String host) {
        for (Rule r : RULES) {
            if (host.equals(r.suffix()) || host.endsWith("." + r.suffix())) {
                return r.provider();
            }
        }
        return Provider.OTHER;
    }

    /** Picks between providers that share servers, by the recipient's domain. */
    static Provider refine(Provider byMx, String domain, String host) {
        return switch (byMx) {
            case GOOGLE_WORKSPACE -> GMAIL_DOMAINS.contains(domain) ? Provider.GMAIL : Provider.GOOGLE_WORKSPACE;
            case MICROSOFT_365 -> OUTLOOK_DOMAINS.contains(domain) ? Provider.OUTLOOK_COM : Provider.MICROSOFT_365;
            // AOL's domains are served by mx-aol.mail.gm0.yahoodns.net
            case YAHOO -> AOL_DOMAINS.contains(domain) || host.startsWith("mx-aol.") ? Provider.AOL : Provider.YAHOO;
            default -> byMx;
        };
    }
}
