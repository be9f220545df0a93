package dev.homing.list;

import dev.homing.http.Html;
import dev.homing.provider.Instructions;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The two mails of the double opt-in, as RFC 5322 text (CRLF, UTF-8, multipart/alternative): the
 * confirmation request and the welcome once confirmed. Both carry the safelist steps for the
 * subscriber's mailbox provider and a link to the page with every provider's steps.
 */
public final class OptInMail {
    /** RFC 5322 2.1.1: no line longer than 998 octets without its CRLF. */
    static final int MAX_LINE = 998;

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
        subject = inert(subject);
        text = inert(text);
        html = inert(html);
        String boundary = "=_homing_" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        StringBuilder m = new StringBuilder(4096);
        m.append("From: <").append(inert(p.from())).append(">\n");
        m.append("To: <").append(inert(p.to())).append(">\n");
        m.append("Subject: ").append(subject(subject)).append('\n');
        m.append("MIME-Version: 1.0\n");
        if (unsubscribeUrl != null) {
            // RFC 8058 one-click: the page answers a POST of List-Unsubscribe=One-Click
            m.append("List-Unsubscribe: <").append(inert(unsubscribeUrl)).append(">\n");
            m.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\n");
        }
        m.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\n\n");
        part(m, boundary, "text/plain", text);
        part(m, boundary, "text/html", "<!doctype html>\n<html><head><meta charset=\"utf-8\"></head><body>\n" + html + "</body></html>\n");
        m.append("--").append(boundary).append("--\n");
        return m.toString().replace("\r\n", "\n").replace("\n", "\r\n");
    }

    static String inert(String s) {
        return s.replaceAll("\\{(?=\\{)", "{ ");
    }

    /** 8bit while every line fits; quoted-printable when one would not (a huge list name or URL). */
    private static void part(StringBuilder m, String boundary, String type, String body) {
        String crlf = body.replace("\r\n", "\n").replace("\n", "\r\n");
        boolean fits = crlf.lines().allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length <= MAX_LINE);
        m.append("--").append(boundary).append('\n');
        m.append("Content-Type: ").append(type).append("; charset=utf-8\n");
        m.append("Content-Transfer-Encoding: ").append(fits ? "8bit" : "quoted-printable").append("\n\n");
        m.append(fits ? crlf : quotedPrintable(crlf));
        if (!m.isEmpty() && m.charAt(m.length() - 1) != '\n') {
            m.append('\n');
        }
    }

    private static String quotedPrintable(String body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length() + body.length() / 8);
        try (OutputStream qp = MimeUtility.encode(bytes, "quoted-printable")) {
            qp.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot encode quoted-printable", e);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    /** RFC 2047 encoded words when the subject is not ASCII, folded so no line is long. */
    private static String subject(String s) {
        String one = s.replace('\r', ' ').replace('\n', ' ');
        try {
            return MimeUtility.fold(9, MimeUtility.encodeText(one, "utf-8", null));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
