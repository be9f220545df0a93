package dev.homing.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one writer of messages made without a campaign template (the API's transactional messages, the sandbox page's
 * test, the opt-in mails): RFC 5322 text with CRLF line ends (RFC 5322 2.1), MIME 1.0 (RFC 2045) with a text part,
 * an HTML part or both as multipart/alternative (RFC 2046 5.1.4), UTF-8, a subject that is not plain printable ASCII
 * as RFC 2047 encoded words, no line over 998 octets (RFC 5322 2.1.1). Campaign copies are written by the campaign's
 * own compiled templates, per recipient on the engine's hot path.
 */
public final class MessageWriter {
    private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(76, new byte[]{'\r', '\n'});
    /** RFC 5322 2.1.1: no line longer than 998 octets without its CRLF. */
    static final int MAX_LINE = 998;

    /** How the bodies travel. */
    public enum Bodies {
        /** Base64: every character arrives as written, and nothing in a body can be read as a {@code {{field}}} of the queue's templates. */
        EXACT,
        /** 8bit while every line fits, quoted-printable when one would not: readable as sent (the opt-in mails). */
        READABLE
    }

    private final String from;
    private final String to;
    private final String subject;
    private final List<String[]> headers = new ArrayList<>();
    private String text;
    private String html;
    private Instant identified;
    private Bodies bodies = Bodies.EXACT;
    private String fromName;

    private MessageWriter(String from, String to, String subject) {
        this.from = from;
        this.to = to;
        this.subject = subject;
    }

    public static MessageWriter of(String from, String to, String subject) {
        return new MessageWriter(from, to, subject);
    }

    /** A header of the caller's (List-Unsubscribe...); a line break in its value becomes a space, so it cannot add another. */
    public MessageWriter header(String name, String value) {
        headers.add(new String[]{name, value.replace('\r', ' ').replace('\n', ' ')});
        return this;
    }

    /** The sender's display name ("Homing News"), encoded as RFC 2047 asks when it is not plain ASCII; null: none. */
    public MessageWriter fromName(String name) {
        this.fromName = name == null || name.isBlank() ? null : name.replace('\r', ' ').replace('\n', ' ');
        return this;
    }

    public MessageWriter text(String body) {
        this.text = body;
        return this;
    }

    public MessageWriter html(String body) {
        this.html = body;
        return this;
    }

    /** With its own Date and Message-ID (a message signed now, whose headers must not change after). */
    public MessageWriter identified(Instant now) {
        this.identified = now;
        return this;
    }

    public MessageWriter bodies(Bodies how) {
        this.bodies = how;
        return this;
    }

    /** The message; at least one of text and HTML was given. */
    public String write() {
        if (text == null && html == null) {
            throw new IllegalArgumentException("a message needs a text body, an HTML body or both");
        }
        StringBuilder m = new StringBuilder(512 + (text == null ? 0 : text.length() * 2) + (html == null ? 0 : html.length() * 2));
        if (fromName == null) {
            m.append("From: <").append(from).append(">\r\n");
        } else {
            m.append(HeaderEncoding.field("From", HeaderEncoding.mailbox(fromName, from)));
        }
        m.append("To: <").append(to).append(">\r\n");
        m.append(HeaderEncoding.field("Subject", subject(subject)));
        if (identified != null) {
            m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(identified.atOffset(ZoneOffset.UTC))).append("\r\n");
            m.append("Message-ID: <").append(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())).append('.')
                    .append(identified.toEpochMilli()).append('@').append(from.substring(from.lastIndexOf('@') + 1)).append(">\r\n");
        }
        m.append("MIME-Version: 1.0\r\n");
        for (String[] h : headers) {
            m.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        if (text != null && html != null) {
            String boundary = "=_homing_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            m.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
            m.append("--").append(boundary).append("\r\n");
            part(m, "text/plain", text);
            m.append("--").append(boundary).append("\r\n");
            part(m, "text/html", html);
            m.append("--").append(boundary).append("--\r\n");
        } else {
            part(m, text != null ? "text/plain" : "text/html", text != null ? text : html);
        }
        return m.toString();
    }

    /** {@link #write()} as UTF-8 octets. */
    public byte[] bytes() {
        return write().getBytes(StandardCharsets.UTF_8);
    }

    private void part(StringBuilder m, String type, String body) {
        String crlf = body.replace("\r\n", "\n").replace("\n", "\r\n");
        m.append("Content-Type: ").append(type).append("; charset=utf-8\r\n");
        if (bodies == Bodies.EXACT) {
            m.append("Content-Transfer-Encoding: base64\r\n\r\n");
            m.append(BASE64.encodeToString(crlf.getBytes(StandardCharsets.UTF_8))).append("\r\n");
            return;
        }
        boolean fits = crlf.lines().allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length <= MAX_LINE);
        m.append("Content-Transfer-Encoding: ").append(fits ? "8bit" : "quoted-printable").append("\r\n\r\n");
        m.append(fits ? crlf : quotedPrintable(crlf));
        if (m.charAt(m.length() - 1) != '\n') {
            m.append("\r\n");
        }
    }

    private static String quotedPrintable(String body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length() + body.length() / 8);
        try (OutputStream qp = MimeUtility.encode(bytes, "quoted-printable")) {
            qp.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot encode quoted-printable", e);
        }
        return bytes.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** Plain printable ASCII that opens no {@code {{field}}} of the queue's templates stays as is; otherwise encoded words. */
    public static String subject(String s) {
        String one = s.replace('\r', ' ').replace('\n', ' ');
        return one.contains("{{") || !HeaderEncoding.isPlain(one) ? HeaderEncoding.words(one) : one;
    }
}
