package dev.homing.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One MIME entity of a received message, as offsets into the raw bytes: nothing is copied or
 * decoded until a reader asks for text, so a 50 MB attachment costs one scan for boundaries and
 * nothing more. A message/rfc822 part has the enclosed message as its only child.
 *
 * @param truncated true when a multipart ended without its closing boundary (a cut-off message)
 */
record Part(Headers headers, ContentType type, byte[] raw, int bodyStart, int bodyEnd, List<Part> children,
            boolean truncated) {

    /** Deeper nesting than this is not a bounce anyone wrote; stop rather than recurse without end. */
    private static final int MAX_DEPTH = 12;
    private static final int MAX_PARTS = 400;

    static Part parse(byte[] raw) {
        return parse(raw, 0, raw.length, 0, new int[1]);
    }

    private static Part parse(byte[] raw, int from, int to, int depth, int[] count) {
        int bodyStart = headerEnd(raw, from, to);
        Headers headers = bodyStart == from ? Headers.EMPTY : Headers.parse(raw, from, bodyStart);
        ContentType type = ContentType.of(headers.get("Content-Type"));
        count[0]++;
        if (depth >= MAX_DEPTH || count[0] > MAX_PARTS) {
            return new Part(headers, type, raw, bodyStart, to, List.of(), false);
        }
        if (type.isMultipart() && type.boundary() != null && !type.boundary().isEmpty()) {
            return multipart(raw, headers, type, bodyStart, to, depth, count);
        }
        if (depth == 0 && !headers.isEmpty() && headers.get("Content-Type") == null) {
            byte[] delimiter = leadingDelimiter(raw, bodyStart, to);
            if (delimiter != null) {
                // a multipart message that lost its MIME header (a list manager or a mail client that re-sent or saved
                // only some of the headers): its body still starts with a boundary, and its parts are read as parts
                String boundary = new String(delimiter, 2, delimiter.length - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
                return multipart(raw, headers, new ContentType("multipart/mixed", boundary, null, null), bodyStart, to, depth, count);
            }
        }
        if (type.mime().equals("message/rfc822") || type.mime().equals("message/global")) {
            Part inner = parse(raw, bodyStart, to, depth + 1, count);
            return new Part(headers, type, raw, bodyStart, to, List.of(inner), inner.truncated());
        }
        return new Part(headers, type, raw, bodyStart, to, List.of(), false);
    }

    private static Part multipart(byte[] raw, Headers headers, ContentType type, int bodyStart, int to, int depth, int[] count) {
        byte[] delimiter = ("--" + type.boundary()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        List<Part> children = new ArrayList<>();
        int at = nextDelimiter(raw, delimiter, bodyStart, to);
        if (at < 0) {
            // The declared boundary never occurs (a rewritten or broken header): use the first delimiter-looking
            // line instead, and when there is none, read the body as the plain text it then is.
            delimiter = inferredDelimiter(raw, bodyStart, to);
            at = delimiter == null ? -1 : nextDelimiter(raw, delimiter, bodyStart, to);
            if (at < 0) {
                return new Part(headers, ContentType.DEFAULT, raw, bodyStart, to, List.of(), false);
            }
        }
        boolean closed = false;
        while (at >= 0) {
            int after = at + delimiter.length;
            if (after + 1 < to && raw[after] == '-' && raw[after + 1] == '-') {
                closed = true;
                break;
            }
            int contentStart = lineEnd(raw, after, to);
            int next = nextDelimiter(raw, delimiter, contentStart, to);
            int contentEnd = next < 0 ? to : trimLineBreak(raw, contentStart, next);
            children.add(parse(raw, contentStart, contentEnd, depth + 1, count));
            at = next;
        }
        boolean truncated = !closed || children.stream().anyMatch(Part::truncated);
        return new Part(headers, type, raw, bodyStart, to, List.copyOf(children), truncated);
    }

    /**
     * The first delimiter-looking line of a body whose declared boundary never occurs (a rewritten or broken header), in
     * its first 64 KiB; null when there is none.
     */
    private static byte[] inferredDelimiter(byte[] raw, int from, int to) {
        return delimiterLine(raw, from, Math.min(to, from + 64 * 1024), Integer.MAX_VALUE, false);
    }

    /** Lines of a MIME preamble ("This is a multi-part message in MIME format.") read before the first boundary, at most. */
    private static final int PREAMBLE_LINES = 4;

    /**
     * The boundary line a body starts with, after at most a short preamble, when it occurs again further down: the body
     * of a multipart message whose header was lost. Null when there is none.
     */
    private static byte[] leadingDelimiter(byte[] raw, int from, int to) {
        return delimiterLine(raw, from, to, PREAMBLE_LINES + 1, true);
    }

    /**
     * The first line among the first {@code lines} non-blank ones that starts with what looks like a MIME delimiter (RFC
     * 2046 5.1.1: "--" and a boundary), taken up to its first white space: at least eight characters, not dashes alone. A
     * signature separator ("-- "), a dashed rule or a quoted-message banner ("----- Original Message -----") is none;
     * Outlook's "------=_NextPart_..." is one. With {@code recurring}, only a delimiter that occurs again further down
     * counts.
     */
    private static byte[] delimiterLine(byte[] raw, int from, int to, int lines, boolean recurring) {
        int seen = 0;
        for (int at = from; at < to && seen < lines; ) {
            int end = lineEnd(raw, at, to);
            int stop = at;
            while (stop < end && raw[stop] != '\n' && raw[stop] != '\r' && raw[stop] != ' ' && raw[stop] != '\t') {
                stop++;
            }
            if (stop > at || !blank(raw, at, end)) {
                seen++;
                if (stop - at >= 8 && raw[at] == '-' && raw[at + 1] == '-' && !onlyDashes(raw, at, stop)) {
                    byte[] delimiter = java.util.Arrays.copyOfRange(raw, at, stop);
                    return !recurring || nextDelimiter(raw, delimiter, end, to) >= 0 ? delimiter : null;
                }
            }
            at = end;
        }
        return null;
    }

    private static boolean blank(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] > ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyDashes(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] != '-') {
                return false;
            }
        }
        return true;
    }

    /** Offset of the body: just past the first empty line; the start itself when the entity has no headers. */
    private static int headerEnd(byte[] raw, int from, int to) {
        if (from < to && (raw[from] == '\n' || raw[from] == '\r' && from + 1 < to && raw[from + 1] == '\n')) {
            return raw[from] == '\n' ? from + 1 : from + 2;
        }
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                int j = i + 1;
                if (j < to && raw[j] == '\r') {
                    j++;
                }
                if (j < to && raw[j] == '\n') {
                    return j + 1;
                }
            }
        }
        return to; // headers only
    }

    /** The next "--boundary" at the start of a line, or -1. */
    private static int nextDelimiter(byte[] raw, byte[] delimiter, int from, int to) {
        int last = to - delimiter.length;
        byte first = delimiter[0];
        for (int i = from; i <= last; i++) {
            if (raw[i] != first || (i > 0 && raw[i - 1] != '\n')) {
                continue;
            }
            int k = 1;
            while (k < delimiter.length && raw[i + k] == delimiter[k]) {
                k++;
            }
            if (k == delimiter.length) {
                return i;
            }
        }
        return -1;
    }

    private static int lineEnd(byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return to;
    }

    /** The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1). */
    private static int trimLineBreak(byte[] raw, int from, int at) {
        int end = at;
        if (end > from && raw[end - 1] == '\n') {
            end--;
            if (end > from && raw[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    int size() {
        return bodyEnd - bodyStart;
    }

    /** This part and every part below it, depth first, not descending into enclosed messages unless asked. */
    void walk(boolean intoMessages, java.util.function.Consumer<Part> visit) {
        visit.accept(this);
        if (!intoMessages && isMessage()) {
            return;
        }
        for (Part child : children) {
            child.walk(intoMessages, visit);
        }
    }

    Part find(Predicate<Part> test) {
        if (test.test(this)) {
            return this;
        }
        if (isMessage()) {
            return null;
        }
        for (Part child : children) {
            Part found = child.find(test);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    boolean isMessage() {
        return type.mime().startsWith("message/rfc822") || type.mime().equals("message/global");
    }

    /** The enclosed message of a message/rfc822 part, or null. */
    Part enclosed() {
        return isMessage() && !children.isEmpty() ? children.get(0) : null;
    }
}
