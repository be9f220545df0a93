package dev.homing.list;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 records from a reader, one at a time; a quoted field may span lines. */
final class CsvLines {
    /** A record that cannot be parsed (an unclosed quote); reading goes on after it. */
    static final class Malformed extends Exception {
        final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** Where lines come from: a BufferedReader, or a {@link LineReader} that handles encodings. */
    interface Source {
        /** The next line without its line end, or null at the end. */
        String readLine() throws IOException;
    }

    private static final int MAX_RECORD = 1 << 20;
    private final Source in;
    private int lineNo;

    CsvLines(Source in) {
        this.in = in;
    }

    int nextLineNumber() {
        return lineNo + 1;
    }

    /** The next record's fields, or null at the end. */
    List<String> next() throws IOException, Malformed {
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        lineNo++;
        int startLine = lineNo;
        if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
            line = line.substring(1); // UTF-8 byte order mark
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= line.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return fields;
                }
                String more = in.readLine();
                if (more == null || field.length() > MAX_RECORD) {
                    throw new Malformed(startLine, "a quoted field opened on line " + startLine + " is never closed");
                }
                lineNo++;
                field.append('\n');
                line = more;
                i = 0;
                continue;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
    }
}
