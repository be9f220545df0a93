package dev.homing.campaign;

import dev.homing.smtp.HeaderEncoding;
import dev.homing.delivery.Composer;
import dev.homing.delivery.Copy;
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
    /** Whether the templates show the safelist steps (looked up per recipient only then). */
    private final boolean showsSafelist;
    /** The fields that are the same in every copy, encoded once. */
    private final String fromField;
    private final String replyToField;
    private final String listFields;
    /** The largest text and HTML rendered so far: the next copy's buffers start this big. */
    private volatile int textSize;
    private volatile int htmlSize;
    private volatile Stamp dateField;

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
        this.showsSafelist = safelist != null && template.uses("safelist", "safelist_html");
        this.fromField = HeaderEncoding.field("From", HeaderEncoding.mailbox(campaign.fromName(), campaign.fromAddress()));
        this.replyToField = campaign.replyTo() != null && !campaign.replyTo().isBlank() ? HeaderEncoding.field("Reply-To", campaign.replyTo()) : "";
        this.listFields = HeaderEncoding.field("List-Id", HeaderEncoding.mailbox(listName, "l" + campaign.listId() + "." + campaign.fromDomain()))
                + HeaderEncoding.field("Feedback-ID", feedbackId);
        int html = campaign.html() == null ? 0 : campaign.html().length();
        this.htmlSize = html;
        this.textSize = campaign.text() != null ? campaign.text().length() : html;
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
        Instant now = Instant.now();
        BodyEncoding.Out m = unsigned(deliveryId, recipient, vars, now);
        byte[] sigs = keys.isEmpty() ? new byte[0] : signer.signatures(m.buf, m.len, keys, now);
        // signatures, message and dot-stuffing in one copy: the only copy of the message made for the wire
        return new Copy(verp.address(deliveryId), join(sigs, m.buf, m.len, true), false);
    }

    /** The signed RFC 5322 message with CRLF line ends, as the subscriber receives it (before dot-stuffing). */
    public byte[] message(long deliveryId, String recipient, Map<String, ?> vars, Instant now) {
        BodyEncoding.Out m = unsigned(deliveryId, recipient, vars, now);
        byte[] sigs = keys.isEmpty() ? new byte[0] : signer.signatures(m.buf, m.len, keys, now);
        return join(sigs, m.buf, m.len, false);
    }

    /** The message before signing, in a buffer that may be longer than the message. */
    private BodyEncoding.Out unsigned(long deliveryId, String recipient, Map<String, ?> vars, Instant now) {
        // the safelist steps need the recipient's MX: looked up only when the template shows them
        String[] steps = !showsSafelist ? null : safelist.apply(recipient);
        // each part sized from the largest rendered so far, so a copy is written without growing its buffer
        BodyEncoding.Text html = template.hasHtml() ? new BodyEncoding.Text(htmlSize + 256) : null;
        BodyEncoding.Text text = new BodyEncoding.Text(textSize + 256);
        String subject = template.fill(name -> switch (name) {
            case "email" -> recipient;
            case "list_name" -> listName;
            case "campaign" -> campaign.name();
            case "from_address" -> campaign.fromAddress();
            case "safelist" -> steps == null ? null : steps[0];
            case "safelist_html" -> steps == null ? null : steps[1];
            default -> vars == null ? null : vars.get(name);
        }, html, text);
        if (html != null && html.len > htmlSize) {
            htmlSize = html.len;
        }
        if (text.len > textSize) {
            textSize = text.len;
        }
        StringBuilder h = new StringBuilder(1024);
        h.append(fromField);
        h.append(HeaderEncoding.field("To", recipient));
        h.append(replyToField);
        h.append(HeaderEncoding.field("Subject", HeaderEncoding.text(subject)));
        h.append(date(now));
        String token = verp.token(deliveryId);
        h.append("Message-ID: <").append(token).append('.')
                .append(Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)).append('@').append(campaign.fromDomain()).append(">\r\n");
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
        h.append(listFields);
        h.append(MessageTemplate.DELIVERY_HEADER).append(": ").append(token).append("\r\n");
        int parts = text.len + (html == null ? 0 : html.len);
        // QP adds a few percent to mostly-ASCII text; the head and MIME lines are under 2 KB
        BodyEncoding.Out body = new BodyEncoding.Out(h.length() * 2 + 512 + parts + parts / 8);
        if (html == null) {
            BodyEncoding enc = text.encoding();
            h.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: ").append(enc.label()).append("\r\n\r\n");
            head(body, h);
            enc.encode(text.buf, text.len, body);
        } else {
            String boundary = "=_h" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            h.append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
            head(body, h);
            body.ascii("This is a multi-part message in MIME format.\r\n");
            body.ascii("--" + boundary + "\r\n");
            part(body, "text/plain", text);
            body.ascii("--" + boundary + "\r\n");
            part(body, "text/html", html);
            body.ascii("--" + boundary + "--\r\n");
        }
        return body;
    }

    /** The head as UTF-8 (a recipient or a link may not be ASCII) at the start of the message buffer. */
    private static void head(BodyEncoding.Out out, StringBuilder h) {
        out.put(h.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One part of a multipart message: its headers and its encoded body. */
    private static void part(BodyEncoding.Out body, String type, BodyEncoding.Text text) {
        BodyEncoding enc = text.encoding();
        body.ascii("Content-Type: " + type + "; charset=utf-8\r\nContent-Transfer-Encoding: " + enc.label() + "\r\n\r\n");
        enc.encode(text.buf, text.len, body);
    }

    /** The Date field, RFC 5322: made once per second, not once per copy. */
    private String date(Instant now) {
        Stamp d = dateField;
        long second = now.getEpochSecond();
        if (d == null || d.second() != second) {
            d = new Stamp(second, HeaderEncoding.field("Date",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now, java.time.ZoneOffset.UTC))));
            dateField = d;
        }
        return d.field();
    }

    private record Stamp(long second, String field) {
    }

    /**
     * The signature fields followed by the first {@code len} octets of {@code m}, dot-stuffed for the wire
     * when {@code stuff} (RFC 5321 4.5.2: a line starting with a dot gets one more).
     */
    static byte[] join(byte[] sigs, byte[] m, int len, boolean stuff) {
        int extra = 0;
        if (stuff) {
            // the signature fields end with CRLF, so the message's first octet starts a line too
            extra = len > 0 && m[0] == '.' ? 1 : 0;
            for (int i = 2; i < len; i++) {
                if (m[i] == '.' && m[i - 1] == '\n' && m[i - 2] == '\r') {
                    extra++;
                }
            }
        }
        byte[] out = new byte[sigs.length + len + extra];
        System.arraycopy(sigs, 0, out, 0, sigs.length);
        if (extra == 0) {
            System.arraycopy(m, 0, out, sigs.length, len);
            return out;
        }
        int j = sigs.length;
        for (int i = 0; i < len; i++) {
            if (m[i] == '.' && (i == 0 || (i >= 2 && m[i - 1] == '\n' && m[i - 2] == '\r'))) {
                out[j++] = '.';
            }
            out[j++] = m[i];
        }
        return out;
    }
}
