package dev.homing.campaign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A message with {@code {{field}}} or {@code {{field|default}}} merge fields, compiled once.
 * Rendering fills the fields (no logic, no code: safe for customer text), adds the headers each
 * copy needs ({@code Message-ID} and {@code Date} when absent, {@code X-Homing-Delivery} for
 * correlating late bounces), normalises line ends to CRLF and dot-stuffs, giving wire bytes.
 */
public final class MessageTemplate {
    /** Our own header naming the delivery, quoted back in most bounces. */
    public static final String DELIVERY_HEADER = "X-Homing-Delivery";

    private sealed interface Part permits Text, Field {
    }

    private record Text(String text) implements Part {
    }

    private record Field(String name, String fallback, boolean inHeader) implements Part {
    }

    private final List<Part> parts;
    private final boolean hasMessageId;
    private final boolean hasDate;

    private MessageTemplate(List<Part> parts, boolean hasMessageId, boolean hasDate) {
        this.parts = parts;
        this.hasMessageId = hasMessageId;
        this.hasDate = hasDate;
    }

    /** Compiles a template; fails with the line number when a field is not closed. */
    public static MessageTemplate compile(String content) {
        String text = content.replace("\r\n", "\n").replace('\r', '\n');
        int headerEnd = text.indexOf("\n\n");
        if (headerEnd < 0) {
            headerEnd = text.length();
        }
        String headers = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
        boolean hasMessageId = headers.startsWith("message-id:") || headers.contains("\nmessage-id:");
        boolean hasDate = headers.startsWith("date:") || headers.contains("\ndate:");
        List<Part> parts = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                parts.add(new Text(text.substring(i)));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                int line = 1 + (int) text.substring(0, open).chars().filter(c -> c == '\n').count();
                throw new IllegalArgumentException("merge field opened with {{ on line " + line + " is never closed");
            }
            if (open > i) {
                parts.add(new Text(text.substring(i, open)));
            }
            String spec = text.substring(open + 2, close).trim();
            int bar = spec.indexOf('|');
            String name = (bar < 0 ? spec : spec.substring(0, bar)).trim();
            String fallback = bar < 0 ? "" : spec.substring(bar + 1).trim();
            parts.add(new Field(name, fallback, open < headerEnd));
            i = close + 2;
        }
        return new MessageTemplate(List.copyOf(parts), hasMessageId, hasDate);
    }

    /** The rendered copy for one recipient: CRLF, dot-stuffed, without the terminating dot. */
    public Rendered render(long deliveryId, String recipient, Map<String, ?> vars, String hostname) {
        StringBuilder sb = new StringBuilder(6 * 1024);
        sb.append(DELIVERY_HEADER).append(": ").append(deliveryId).append('\n');
        if (!hasMessageId) {
            sb.append("Message-ID: <").append(deliveryId).append('.')
                    .append(Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)).append('@').append(hostname).append(">\n");
        }
        if (!hasDate) {
            sb.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append('\n');
        }
        for (Part p : parts) {
            switch (p) {
                case Text t -> sb.append(t.text());
                case Field f -> {
                    Object v = f.name().equals("email") ? recipient : vars == null ? null : vars.get(f.name());
                    String s = v == null || v.toString().isEmpty() ? f.fallback() : v.toString();
                    // a value may not open a new header line: no header injection through merge fields
                    sb.append(f.inHeader() ? s.replace('\r', ' ').replace('\n', ' ') : s);
                }
            }
        }
        return wire(sb);
    }

    /** CRLF line ends and RFC 5321 4.5.2 dot-stuffing, in one pass over the UTF-8 bytes. */
    private static Rendered wire(CharSequence text) {
        byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + utf8.length / 40 + 16);
        boolean eightBit = false;
        boolean lineStart = true;
        for (byte b : utf8) {
            if (b < 0) {
                eightBit = true;
            }
            if (lineStart && b == '.') {
                out.write('.');
            }
            if (b == '\n') {
                out.write('\r');
                out.write('\n');
                lineStart = true;
            } else {
                out.write(b);
                lineStart = false;
            }
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        return new Rendered(out.toByteArray(), eightBit);
    }

    /** Wire bytes of one copy, and whether they contain 8-bit octets. */
    public record Rendered(byte[] wire, boolean eightBit) {
    }
}
