package dev.homing.list;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of bytes (LF or CRLF) and decodes each as UTF-8; a line that is not valid UTF-8 is
 * read as Windows-1252 instead (what spreadsheet programs save as "CSV" on Windows) and counted,
 * so an import can say which encoding it met without losing the row. Streaming: memory holds one
 * line at a time.
 */
final class LineReader implements CsvLines.Source {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private int lineNo;
    private int fallbackLines;
    private int firstFallbackLine;
    private long bytes;

    LineReader(InputStream in) {
        this.in = in;
    }

    @Override
    public String readLine() throws IOException {
        int len = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (len == 0) {
                        return null;
                    }
                    break;
                }
                bytes += limit;
            }
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (len == line.length) {
                if (len >= MAX_LINE) {
                    throw new IOException("line " + (lineNo + 1) + " is longer than " + MAX_LINE + " bytes");
                }
                line = Arrays.copyOf(line, len * 2);
            }
            line[len++] = b;
        }
        lineNo++;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return decode(len);
    }

    private String decode(int len) {
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            if (line[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(line, 0, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, len)).toString();
        } catch (CharacterCodingException e) {
            if (fallbackLines++ == 0) {
                firstFallbackLine = lineNo;
            }
            return new String(line, 0, len, WINDOWS_1252);
        }
    }

    /** Lines that were not UTF-8 and were read as Windows-1252. */
    int fallbackLines() {
        return fallbackLines;
    }

    /** The first such line, 0 when none. */
    int firstFallbackLine() {
        return firstFallbackLine;
    }

    /** The number of the line last returned (1 for the first). */
    int lineNumber() {
        return lineNo;
    }

    long bytesRead() {
        return bytes;
    }
}
