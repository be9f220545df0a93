package dev.homing.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies from a stream with hard limits, so that a server answering garbage,
 * sending a megabyte-long line or a multi-line reply that never ends becomes a
 * {@link ReplyException} naming what went wrong instead of an unbounded read.
 * Not thread-safe: one reader per connection.
 */
public final class ReplyReader {
    /** RFC 5321 allows 512 octets per reply line; real servers exceed it, so allow far more but not without bound. */
    public static final int MAX_LINE = 8 * 1024;
    /** Large EHLO answers have ~30 lines; 500 is far beyond any honest server. */
    public static final int MAX_LINES = 500;
    public static final int MAX_REPLY_BYTES = 128 * 1024;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];

    public ReplyReader(InputStream in) {
        this.in = in;
    }

    /**
     * Reads one complete reply.
     * @throws ReplyException on protocol violations or when the server closes mid-reply
     * @throws java.net.SocketTimeoutException when the server goes silent (callers map it per stage)
     */
    public Reply read() throws IOException {
        List<String> texts = new ArrayList<>(2);
        int code = -1;
        int total = 0;
        while (true) {
            int len = readLine(texts.isEmpty());
            total += len + 2;
            if (total > MAX_REPLY_BYTES || texts.size() >= MAX_LINES) {
                throw new ReplyException(InternalCode.REPLY_TOO_LONG,
                        "multi-line reply exceeded " + MAX_LINES + " lines or " + MAX_REPLY_BYTES + " bytes");
            }
            if (len < 3 || !digit(line[0]) || !digit(line[1]) || !digit(line[2]) || (len > 3 && line[3] != ' ' && line[3] != '-')) {
                throw new ReplyException(InternalCode.PROTOCOL_ERROR, "not an SMTP reply line: \"" + printable(len) + "\"");
            }
            int c = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            if (c < 200 || c > 599) {
                throw new ReplyException(InternalCode.PROTOCOL_ERROR, "reply code out of range: \"" + printable(len) + "\"");
            }
            if (code == -1) {
                code = c;
            } else if (code != c) {
                throw new ReplyException(InternalCode.PROTOCOL_ERROR,
                        "multi-line reply changed its code from " + code + " to " + c);
            }
            String text = len > 4 ? new String(line, 4, len - 4, StandardCharsets.UTF_8) : "";
            texts.add(text);
            if (len == 3 || line[3] == ' ') {
                EnhancedStatus enhanced = EnhancedStatus.leading(texts.get(0)).orElse(null);
                if (enhanced != null && enhanced.klass() != code / 100) {
                    enhanced = null; // a mismatched class is not an enhanced code (RFC 3463 section 2)
                }
                return new Reply(code, enhanced, texts);
            }
        }
    }

    /** Reads up to CRLF (bare LF tolerated); returns the length without the line end. */
    private int readLine(boolean first) throws IOException {
        int len = 0;
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new ReplyException(InternalCode.CONNECTION_LOST,
                        first && len == 0 ? "server closed the connection" : "server closed the connection in the middle of a reply");
            }
            if (b == '\n') {
                if (len > 0 && line[len - 1] == '\r') {
                    len--;
                }
                return len;
            }
            if (len == MAX_LINE) {
                throw new ReplyException(InternalCode.REPLY_TOO_LONG, "reply line longer than " + MAX_LINE + " bytes");
            }
            line[len++] = (byte) b;
        }
    }

    private String printable(int len) {
        int n = Math.min(len, 80);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int b = line[i] & 0xff;
            sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return len > n ? sb + "..." : sb.toString();
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
