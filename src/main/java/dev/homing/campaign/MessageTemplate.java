package dev.homing.campaign;

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

    /** Literal text, converted once to wire form: CRLF, dot-stuffed after each line break inside it. */
    private record Text(byte[] wire, boolean startsWithDot, boolean endsWithLine, boolean eightBit) implements Part {
        static Text of(String text) {
            Bytes out = new Bytes(text.length() + 64);
            boolean eight = out.append(text.getBytes(StandardCharsets.UTF_8), false);
            return new Text(out.toArray(), text.startsWith("."), text.endsWith("\n"), eight);
        }
    }

    private record Field(String name, String fallback, boolean inHeader) implements Part {
    }

    private final List<Part> parts;
    private final boolean hasMessageId;
    private final boolean hasDate;
    private final int size;

    private MessageTemplate(List<Part> parts, boolean hasMessageId, boolean hasDate) {
        this.parts = parts;
        this.size = parts.stream().mapToInt(p -> p instanceof Text t ? t.wire().length : 32).sum();
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
                parts.add(Text.of(text.substring(i)));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                int line = 1 + (int) text.substring(0, open).chars().filter(c -> c == '\n').count();
                throw new IllegalArgumentException("merge field opened with {{ on line " + line + " is never closed");
            }
            if (open > i) {
                parts.add(Text.of(text.substring(i, open)));
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

    /**
     * The rendered copy for one recipient: CRLF, dot-stuffed, without the terminating dot.
     *
     * @param token the delivery's signed token ({@link Verp#token}) for its {@code X-Homing-Delivery} header and generated
     *              Message-ID, or null to write neither an identifier a report could quote (nothing unsigned is written)
     */
    public Rendered render(long deliveryId, String token, String recipient, Map<String, ?> vars, String hostname) {
        StringBuilder head = new StringBuilder(160);
        if (token != null) {
            head.append(DELIVERY_HEADER).append(": ").append(token).append('\n');
        }
        if (!hasMessageId) {
            head.append("Message-ID: <").append(token != null ? token : Long.toString(deliveryId, 36) + "-x").append('.')
                    .append(Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)).append('@').append(hostname).append(">\n");
        }
        if (!hasDate) {
            head.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now())).append('\n');
        }
        Bytes out = new Bytes(size + 512);
        boolean eightBit = out.append(head.toString().getBytes(StandardCharsets.UTF_8), true);
        for (Part p : parts) {
            switch (p) {
                case Text t -> {
                    if (out.lineStart && t.startsWithDot()) {
                        out.put((byte) '.');
                    }
                    out.put(t.wire());
                    out.lineStart = t.endsWithLine();
                    eightBit |= t.eightBit();
                }
                case Field f -> {
                    Object v = f.name().equals("email") ? recipient : vars == null ? null : vars.get(f.name());
                    String s = v == null || v.toString().isEmpty() ? f.fallback() : v.toString();
                    // a value may not open a new header line: no header injection through merge fields
                    String safe = f.inHeader() ? s.replace('\r', ' ').replace('\n', ' ') : s;
                    eightBit |= out.append(safe.getBytes(StandardCharsets.UTF_8), out.lineStart);
                }
            }
        }
        if (!out.lineStart) {
            out.put((byte) '\r');
            out.put((byte) '\n');
        }
        return new Rendered(out.toArray(), eightBit);
    }

    /** A growable byte buffer that writes wire form: CRLF line ends, RFC 5321 4.5.2 dot-stuffing. */
    private static final class Bytes {
        private byte[] buf;
        private int len;
        boolean lineStart = true;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void put(byte b) {
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[len++] = b;
        }

        void put(byte[] bytes) {
            if (len + bytes.length > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + bytes.length));
            }
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
        }

        /** Appends UTF-8 text converting line ends and stuffing dots; returns whether it had 8-bit octets. */
        boolean append(byte[] utf8, boolean atLineStart) {
            boolean eight = false;
            lineStart = atLineStart;
            for (int i = 0; i < utf8.length; i++) {
                byte b = utf8[i];
                if (b < 0) {
                    eight = true;
                }
                if (b == '\r') {
                    continue; // templates are normalised to LF at compile time; stray CRs in values are dropped
                }
                if (lineStart && b == '.') {
                    put((byte) '.');
                }
                if (b == '\n') {
                    put((byte) '\r');
                    put((byte) '\n');
                    lineStart = true;
                } else {
                    put(b);
                    lineStart = false;
                }
            }
            return eight;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(buf, len);
        }
    }

    /** Wire bytes of one copy, and whether they contain 8-bit octets. */
    public record Rendered(byte[] wire, boolean eightBit) {
    }
}
