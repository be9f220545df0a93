package dev.homing.list;

import dev.homing.http.Html;
import dev.homing.provider.Instructions;
import dev.homing.smtp.MessageWriter;

/**
 * The two mails of the double opt-in, as RFC 5322 text (CRLF, UTF-8, multipart/alternative): the
 * confirmation request and the welcome once confirmed. Both carry the safelist steps for the
 * subscriber's mailbox provider and a link to the page with every provider's steps.
 */
public final class OptInMail {

    private OptInMail() {
    }

    /** The links and steps a mail carries. */
    public record Parts(String from, String to, MailingList list, Instructions safelist, String safelistUrl) {
    }

    public static String confirmation(Parts p, String confirmUrl) {
        String name = p.list().name();
        String text = "Someone, hopefully you, asked to receive \"" + name + "\" at this address.\n\n"
                + "To confirm, open this link:\n\n" + confirmUrl + "\n\n"
                + "If it was not you, ignore this message: you will not be subscribed and will hear nothing more.\n\n"
                + "-- \n" + safelistText(p);
        String html = "<p>Someone, hopefully you, asked to receive &quot;" + Html.escape(name) + "&quot; at this address.</p>\n"
                + "<p><a href=\"" + Html.escape(confirmUrl) + "\">Confirm your subscription</a></p>\n"
                + "<p>If it was not you, ignore this message: you will not be subscribed and will hear nothing more.</p>\n"
                + "<hr>\n" + safelistHtml(p);
        return message(p, "Please confirm your subscription to " + shortName(name), null, text, html);
    }

    public static String welcome(Parts p, String unsubscribeUrl) {
        String name = p.list().name();
        String text = "Welcome to \"" + name + "\": your subscription is confirmed.\n\n"
                + "Our messages come from " + p.from() + ". So that they reach your inbox, not the spam folder"
                + " or a quarantine, please take a minute for this:\n\n" + safelistText(p)
                + "\nTo stop receiving \"" + name + "\", open this link:\n" + unsubscribeUrl + "\n";
        String html = "<p>Welcome to &quot;" + Html.escape(name) + "&quot;: your subscription is confirmed.</p>\n"
                + "<p>Our messages come from " + Html.escape(p.from()) + ". So that they reach your inbox, not the spam folder"
                + " or a quarantine, please take a minute for this:</p>\n" + safelistHtml(p)
                + "<p><a href=\"" + Html.escape(unsubscribeUrl) + "\">Unsubscribe from &quot;" + Html.escape(name) + "&quot;</a></p>\n";
        return message(p, "Welcome to " + shortName(name), unsubscribeUrl, text, html);
    }

    /** A subject stays short enough to fold: one unbreakable 1,000-character name would not. */
    static String shortName(String name) {
        if (name.codePointCount(0, name.length()) <= 120) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, 120)) + "…";
    }

    private static String safelistText(Parts p) {
        return p.safelist().text() + "\nSteps for other mail services: " + p.safelistUrl() + "\n";
    }

    private static String safelistHtml(Parts p) {
        return p.safelist().html() + "<p><a href=\"" + Html.escape(p.safelistUrl()) + "\">Steps for other mail services</a></p>\n";
    }

    private static String message(Parts p, String subject, String unsubscribeUrl, String text, String html) {
        // the queue stores a merge template: nothing here may open a {{field}}
        MessageWriter m = MessageWriter.of(inert(p.from()), inert(p.to()), inert(subject)).bodies(MessageWriter.Bodies.READABLE);
        if (unsubscribeUrl != null) {
            // RFC 8058 one-click: the page answers a POST of List-Unsubscribe=One-Click
            m.header("List-Unsubscribe", "<" + inert(unsubscribeUrl) + ">").header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return m.text(inert(text))
                .html("<!doctype html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + inert(html) + "</body></html>\n").write();
    }

    static String inert(String s) {
        return s.replaceAll("\\{(?=\\{)", "{ ");
    }
}
