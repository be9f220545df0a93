package dev.homing.provider;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a recipient does, at their provider, so that mail from one sender reaches the inbox. Menu
 * names are the providers' own (English interface; German or Russian in parentheses where the
 * service is mostly used in that language). For corporate gateways only the mail administrator
 * can act, so the text says what to ask for and what to give them.
 */
public final class Safelist {
    private Safelist() {
    }

    /** The public page showing these steps, for links in mail: {@code BASE/safelist/SLUG?from=ADDRESS}. */
    public static String pageUrl(String baseUrl, Provider provider, String from) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/safelist/" + provider.slug() + "?from=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
    }

    public static Instructions of(Provider provider, Sender sender) {
        String f = sender.from();
        return switch (provider) {
            case GMAIL -> gmail(new Layout(), f).build(provider, inbox(f, provider));
            case GOOGLE_WORKSPACE -> gmail(new Layout(), f)
                    .para("Your organisation's mail runs on Google Workspace. If messages from " + f + " still go missing, ask your"
                            + " administrator to check the admin quarantine and to add " + sender.signingDomain() + " to an approved senders"
                            + " list (Admin console > Apps > Google Workspace > Gmail > Spam, phishing and malware).")
                    .build(provider, inbox(f, provider));
            case OUTLOOK_COM -> outlook(new Layout(), f).build(provider, inbox(f, provider));
            case MICROSOFT_365 -> outlook(new Layout(), f)
                    .para("Your organisation's mail runs on Microsoft 365, which can hold mail in a quarantine you do not see."
                            + " If a message from " + f + " never arrives, ask your IT administrator within days, while the quarantine"
                            + " still keeps it, to release it (Microsoft Defender portal > Email & collaboration > Review > Quarantine)"
                            + " and to allow " + f + " in the Tenant Allow/Block List.")
                    .build(provider, inbox(f, provider));
            case YAHOO, AOL -> new Layout()
                    .steps("Open the message from " + f + ", click the sender's name and choose \"Add to contacts\".",
                            "If it is in the Spam folder, select it and click \"Not spam\": it moves to your Inbox.",
                            "To be sure: " + (provider == Provider.YAHOO ? "Settings > More settings > Filters" : "Options > Mail settings > Filter settings")
                                    + " > Add new filter, with From containing " + f + " and the folder Inbox.")
                    .build(provider, inbox(f, provider));
            case ICLOUD -> new Layout()
                    .steps("Add " + f + " to your contacts: on iPhone or iPad, tap the sender's name at the top of a message from them"
                                    + " and choose \"Add to Contacts\"; on a Mac, move the pointer over the sender's name and choose"
                                    + " \"Add to Contacts\"; on iCloud.com, click the sender's name and choose \"Add to Contacts\".",
                            "If a message from " + f + " is in the Junk folder, open it and choose \"Not Junk\" or move it to your Inbox.")
                    .build(provider, inbox(f, provider));
            case ZOHO -> new Layout()
                    .steps("Settings (the gear) > Anti-spam > Allowlist (called \"Whitelist\" in older versions): add " + f
                                    + " under allowlisted email addresses.",
                            "If a message from " + f + " is in the Spam folder, select it and click \"Not spam\".")
                    .build(provider, inbox(f, provider));
            case GMX, WEB_DE -> new Layout()
                    .steps("Add " + f + " to your address book (Adressbuch).",
                            "If a message from " + f + " is in the " + (provider == Provider.GMX ? "Spam folder (Spamverdacht)" : "Spam folder (Unerwünscht)")
                                    + ", select it and click \"Not spam\" (Kein Spam).",
                            "To be sure: Settings (Einstellungen) > Spam protection (Spamschutz): add " + f
                                    + " to the list of wanted senders (Erwünschte Absender, called Weiße Liste in older versions).")
                    .build(provider, inbox(f, provider));
            case YANDEX -> new Layout()
                    .steps("If a message from " + f + " is in the Spam folder (Спам), select it and click \"Not spam\" (Не спам).",
                            "Add " + f + " to your contacts: click the sender's name and choose \"Add to contacts\" (Добавить в контакты).",
                            "To be sure: Settings > Message filtering rules (Правила обработки писем) > Whitelist (Белый список): add " + f + ".")
                    .build(provider, inbox(f, provider));
            case MAIL_RU -> new Layout()
                    .steps("If a message from " + f + " is in the Spam folder (Спам), select it and click \"Not spam\" (Не спам).",
                            "Add " + f + " to your contacts (Добавить в контакты).",
                            "To be sure: Settings (Настройки) > Filter rules (Правила фильтрации) > Add filter: if From contains " + f
                                    + ", move the message to the Inbox (Входящие).")
                    .build(provider, inbox(f, provider));
            case FASTMAIL -> new Layout()
                    .steps("Add " + f + " to your contacts: mail from your contacts is not sent to Spam.",
                            "If a message from " + f + " is in the Spam folder, select it and choose \"Not spam\".")
                    .build(provider, inbox(f, provider));
            case PROTON -> new Layout()
                    .steps("If a message from " + f + " is in the Spam folder, open it and click \"Not spam\".",
                            "To be sure: Settings > Filters > Spam, block, and allow lists > Add address: add " + f + " to the Allow list.")
                    .build(provider, inbox(f, provider));
            case MIMECAST -> gateway(provider, sender, "a Permitted Senders policy");
            case PROOFPOINT -> gateway(provider, sender, "the organisation's Safe Senders list");
            case BARRACUDA -> gateway(provider, sender, "an exemption under Inbound Settings > Sender Policies");
            case CISCO -> gateway(provider, sender, "the safelist, or a sender group such as ALLOWED_LIST for the sending IP addresses");
            case BROADCOM -> gateway(provider, sender, "the Approved Senders list of the anti-spam service");
            case SOPHOS -> gateway(provider, sender, "the Allow/Block list in Sophos Central");
            case TREND_MICRO -> gateway(provider, sender, "the Approved Senders list");
            case HORNETSECURITY -> gateway(provider, sender, "the allow list (whitelist) in the Control Panel");
            case OTHER -> new Layout()
                    .steps("Add " + f + " to your address book or contacts.",
                            "If a message from " + f + " is in your spam or junk folder, mark it \"Not spam\" and move it to your inbox.",
                            "If your mail service has a list of safe or allowed senders (usually in the settings, under spam or junk),"
                                    + " add " + f + " to it.",
                            "At work, if a message from " + f + " never arrives at all, ask your mail administrator: a company filter"
                                    + " may be holding it in quarantine.")
                    .build(provider, "How to make sure mail from " + f + " reaches your inbox");
        };
    }

    private static String inbox(String from, Provider p) {
        return "How to make sure mail from " + from + " reaches your " + p.displayName() + " inbox";
    }

    private static Layout gmail(Layout l, String f) {
        return l.steps("Open a message from " + f + ", click or tap the sender's name and choose \"Add to contacts\".",
                "If it is in Spam, open it and click \"Report not spam\".",
                "If it is under the Promotions or Updates tab, drag it to the Primary tab and answer \"Yes\" when Gmail asks"
                        + " whether to do this for future messages from " + f + ".",
                "To be sure: Settings (the gear) > See all settings > Filters and blocked addresses > Create a new filter, enter "
                        + f + " as From, click \"Create filter\" and tick \"Never send it to Spam\".");
    }

    private static Layout outlook(Layout l, String f) {
        return l.steps("On the web: Settings (the gear) > Mail > Junk email > Safe senders and domains > Add, enter " + f + " and click \"Save\".",
                "In the Outlook desktop app: Home > Junk > Junk E-mail Options > Safe Senders > Add, enter " + f + ".",
                "If a message from " + f + " is in the Junk Email folder, select it and choose \"Not junk\" (under Report).",
                "If it is under the \"Other\" tab, right-click it and choose \"Always move to Focused Inbox\".");
    }

    /** A filter in front of company mailboxes: the user cannot safelist, the administrator can, and quarantines expire. */
    private static Instructions gateway(Provider p, Sender s, String allowRule) {
        String f = s.from();
        String g = p.displayName();
        List<String> give = new ArrayList<>(List.of("From address: " + f, "Sending domain (DKIM d=): " + s.signingDomain()));
        if (!s.ips().isEmpty()) {
            give.add("Sending IP addresses: " + String.join(", ", s.ips()));
        }
        return new Layout()
                .para("Mail to your address passes through " + g + ", the filter your company runs in front of its mailboxes. It can"
                        + " hold a message from " + f + " in quarantine where you do not see it, and quarantined mail is deleted after"
                        + " some days or weeks. Only your mail administrator can change how " + g + " treats this sender.")
                .para("Ask your mail administrator or IT helpdesk within days, while the quarantine still keeps the message:")
                .steps("to release any message from " + f + " held for you in " + g + "'s quarantine;",
                        "to allow the sender in " + g + " (" + allowRule + "), so that future messages are delivered.")
                .para("Give them these details:")
                .bullets(give)
                .para("If " + g + " sends you quarantine digest emails, you can also release the message there yourself and choose to"
                        + " always allow this sender. Once it arrives, add " + f + " to your contacts.")
                .build(p, "Your company's mail filter (" + g + ") may hold mail from " + f);
    }
}
