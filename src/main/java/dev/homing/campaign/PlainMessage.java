package dev.homing.campaign;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One message written without a template (the API's transactional messages, the sandbox page's test), as RFC 5322 text with CRLF line ends, ready to sign. It carries its own
 * Date and Message-ID, so the queue adds only its delivery header and a DKIM signature made now stays
 * valid. The queue keeps messages as {@code {{field}}} templates: bodies are base64 and a subject that
 * could open a field is an encoded word, so nothing the caller wrote is ever read as a field.
 */
public final class PlainMessage {
    private static final Base64.Encoder BODY = Base64.getMimeEncoder(76, new byte[]{'\r', '\n'});
    /** UTF-8 octets per encoded word: 56 base64 characters, a 68-character word, a first line within 78. */
    private static final int WORD_OCTETS = 42;

    private PlainMessage() {
    }

    /**
     * @param text the plain-text body, or null
     * @param html the HTML body, or null (at least one of the two is given)
     */
    public static byte[] compose(String from, String to, String subject, String text, String html, Instant now) {
        StringBuilder m = new StringBuilder(512 + (text == null ? 0 : text.length() * 2) + (html == null ? 0 : html.length() * 2));
        m.append("From: <").append(from).append(">\r\n");
        m.append("To: <").append(to).append(">\r\n");
        m.append("Subject: ").append(subject(subject)).append("\r\n");
        m.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC))).append("\r\n");
        m.append("Message-ID: <").append(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())).append('.')
                .append(now.toEpochMilli()).append('@').append(from.substring(from.lastIndexOf('@') + 1)).append(">\r\n");
        m.append("MIME-Version: 1.0\r\n");
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
        return m.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void part(StringBuilder m, String type, String body) {
        m.append("Content-Type: ").append(type).append("; charset=utf-8\r\n");
        m.append("Content-Transfer-Encoding: base64\r\n\r\n");
        String crlf = body.replace("\r\n", "\n").replace("\n", "\r\n");
        m.append(BODY.encodeToString(crlf.getBytes(StandardCharsets.UTF_8))).append("\r\n");
    }

    /** Plain when short printable ASCII that opens no field; otherwise RFC 2047 encoded words, folded. */
    public static String subject(String s) {
        String one = s.replace('\r', ' ').replace('\n', ' ');
        boolean plain = one.length() <= 68 && !one.contains("{{") && one.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        if (plain) {
            return one;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < one.length()) {
            int end = i;
            int octets = 0;
            while (end < one.length()) {
                int cp = one.codePointAt(end);
                int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + n > WORD_OCTETS) {
                    break;
                }
                octets += n;
                end += Character.charCount(cp);
            }
            if (!out.isEmpty()) {
                out.append("\r\n ");
            }
            out.append("=?utf-8?B?").append(Base64.getEncoder().encodeToString(one.substring(i, end).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
            i = end;
        }
        return out.toString();
    }
}
