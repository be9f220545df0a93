package dev.homing.campaign;

import dev.homing.auth.DkimKey;
import dev.homing.auth.DkimSigner;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * A campaign compiled once and rendered per recipient: merge fields filled, MIME built
 * (multipart/alternative text + HTML, UTF-8, transfer encoding chosen per part, RFC 2047 headers),
 * the headers a bulk sender owes (List-Unsubscribe with one-click POST, Feedback-ID, a unique
 * Message-ID), DKIM-signed, and dot-stuffed for the wire. The envelope sender is the delivery's
 * VERP address.
 */
public final class CampaignMessage implements Composer.Composed {
    /** Field names every campaign can use besides the subscriber's own attributes. */
    public static final Set<String> BUILT_IN = Set.of("email", "unsubscribe_url", "unsubscribe_mailto", "list_name", "campaign",
            "from_address", "safelist", "safelist_html");
    static final String UNSUBSCRIBE_URL = "unsubscribe_url";
    static final String UNSUBSCRIBE_MAILTO = "unsubscribe_mailto";

    private final Campaign campaign;
    private final String listName;
    private final CampaignTemplate template;
    private final List<DkimKey> keys;
    private final DkimSigner signer;
    private final Verp verp;
    private final String feedbackId;
    private final Function<String, String[]> safelist;

    /**
     * @param known    the field names a template may use (null: do not check, the campaign was checked before it was sent)
     * @param safelist for a recipient, the safelist steps as {text, html}; or null when not available
     */
    public CampaignMessage(Campaign campaign, String listName, Set<String> known, List<DkimKey> keys, DkimSigner signer, Verp verp,
                           Function<String, String[]> safelist) {
        this.campaign = campaign;
        this.listName = listName;
        this.template = CampaignTemplate.compile(campaign.subject(), campaign.html(), campaign.text(), known == null ? ANY : known);
        this.keys = List.copyOf(keys);
        this.signer = signer;
        this.verp = verp;
        // Gmail's Feedback Loop groups complaints by these fields: campaign, list, sender
        this.feedbackId = "c" + campaign.id() + ":l" + campaign.listId() + ":" + campaign.fromDomain() + ":homing";
        this.safelist = safelist;
    }

    /** Any name passes: used for campaigns already checked. */
    private static final Set<String> ANY = new java.util.AbstractSet<>() {
        @Override
        public boolean contains(Object o) {
            return true;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    };

    @Override
    public Copy render(long deliveryId, String recipient, Map<String, ?> vars, String hostname) {
        byte[] message = message(deliveryId, recipient, vars, Instant.now());
        return new Copy(verp.address(deliveryId), dotStuff(message), false);
    }

    /** The signed RFC 5322 message with CRLF line ends, as the subscriber receives it (before dot-stuffing). */
    public byte[] message(long deliveryId, String recipient, Map<String, ?> vars, Instant now) {
        // the safelist steps need the recipient's MX: looked up only when the template shows them
        String[] steps = safelist == null || !template.uses("safelist", "safelist_html") ? null : safelist.apply(recipient);
        CampaignTemplate.Filled f = template.fill(name -> switch (name) {
            case "email" -> recipient;
            case "list_name" -> listName;
            case "campaign" -> campaign.name();
            case "from_address" -> campaign.fromAddress();
            case "safelist" -> steps == null ? null : steps[0];
            case "safelist_html" -> steps == null ? null : steps[1];
            default -> vars == null ? null : vars.get(name);
        });
        StringBuilder h = new StringBuilder(1024);
        h.append(HeaderEncoding.field("From", HeaderEncoding.mailbox(campaign.fromName(), campaign.fromAddress())));
        h.append(HeaderEncoding.field("To", recipient));
        if (campaign.replyTo() != null && !campaign.replyTo().isBlank()) {
            h.append(HeaderEncoding.field("Reply-To", campaign.replyTo()));
        }
        h.append(HeaderEncoding.field("Subject", HeaderEncoding.text(f.subject())));
        h.append(HeaderEncoding.field("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now, java.time.ZoneOffset.UTC))));
        h.append(HeaderEncoding.field("Message-ID", "<" + Long.toString(deliveryId, 36) + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + "@" + campaign.fromDomain() + ">"));
        h.append("MIME-Version: 1.0\r\n");
        Object url = vars == null ? null : vars.get(UNSUBSCRIBE_URL);
        Object mailto = vars == null ? null : vars.get(UNSUBSCRIBE_MAILTO);
        StringBuilder lu = new StringBuilder();
        if (url != null) {
            lu.append('<').append(url).append('>');
        }
        if (mailto != null) {
            lu.append(lu.isEmpty() ? "" : ", ").append("<mailto:").append(mailto).append("?subject=unsubscribe>");
        }
        if (!lu.isEmpty()) {
            h.append(HeaderEncoding.field("List-Unsubscribe", lu.toString()));
            if (url != null) {
                h.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"); // RFC 8058
            }
        }
        h.append(HeaderEncoding.field("List-Id", HeaderEncoding.mailbox(listName, "l" + campaign.listId() + "." + campaign.fromDomain())));
        h.append(HeaderEncoding.field("Feedback-ID", feedbackId));
        h.append(MessageTemplate.DELIVERY_HEADER).append(": ").append(deliveryId).append("\r\n");
        Body body = new Body(4096 + f.text().length() * 2 + (f.html() == null ? 0 : f.html().length() * 2));
        if (f.html() == null) {
            part(h, body, "text/plain", f.text(), true);
        } else {
            String boundary = "=_h" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            h.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
            body.ascii("This is a multi-part message in MIME format.\r\n");
            body.ascii("--" + boundary + "\r\n");
            part(null, body, "text/plain", f.text(), false);
            body.ascii("--" + boundary + "\r\n");
            part(null, body, "text/html", f.html(), false);
            body.ascii("--" + boundary + "--\r\n");
        }
        byte[] head = h.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.len];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body.buf, 0, all, head.length, body.len);
        return keys.isEmpty() ? all : signer.sign(all, keys, now);
    }

    /** One text part: its headers (into the message head when it is the only part) and its encoded body. */
    private static void part(StringBuilder head, Body body, String type, String text, boolean single) {
        byte[] utf8 = crlf(text).getBytes(StandardCharsets.UTF_8);
        BodyEncoding enc = BodyEncoding.choose(utf8);
        String headers = "Content-Type: " + type + "; charset=utf-8\r\nContent-Transfer-Encoding: " + enc.label() + "\r\n";
        if (single) {
            head.append(headers).append("\r\n");
        } else {
            body.ascii(headers + "\r\n");
        }
        body.put(enc.encode(utf8));
    }

    /** Every line end (CRLF, LF or a lone CR) as CRLF, in one pass (three String.replace calls copied the body three times). */
    static String crlf(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n';
            if ((c == '\r' && !ok) || (c == '\n' && (i == 0 || s.charAt(i - 1) != '\r'))) {
                if (out == null) {
                    out = new StringBuilder(s.length() + s.length() / 32 + 2).append(s, 0, i);
                }
                out.append("\r\n");
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** RFC 5321 4.5.2: a line starting with a dot gets one more. */
    static byte[] dotStuff(byte[] m) {
        int extra = m.length > 0 && m[0] == '.' ? 1 : 0;
        for (int i = 2; i < m.length; i++) {
            if (m[i] == '.' && m[i - 1] == '\n' && m[i - 2] == '\r') {
                extra++;
            }
        }
        if (extra == 0) {
            return m;
        }
        byte[] out = new byte[m.length + extra];
        int j = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] == '.' && (i == 0 || (i >= 2 && m[i - 1] == '\n' && m[i - 2] == '\r'))) {
                out[j++] = '.';
            }
            out[j++] = m[i];
        }
        return out;
    }

    private static final class Body {
        byte[] buf;
        int len;

        Body(int capacity) {
            buf = new byte[capacity];
        }

        void put(byte[] b) {
            if (len + b.length > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + b.length));
            }
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
        }

        void ascii(String s) {
            put(s.getBytes(StandardCharsets.US_ASCII));
        }
    }

}
