package dev.homing.list;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * RFC 4180 records from a reader, one at a time. A quoted field may span lines (section 2, rule 6),
 * but a quote that a spreadsheet typo left open would swallow every following line up to the next
 * quote: so a record whose quoted field runs on over a line that is a complete row of its own (as
 * {@link #rowsAre} says), or never closes, is malformed. Its first line is reported and reading
 * resumes at the line after it: nothing that follows is lost.
 */
final class CsvLines {
    /** A record that cannot be parsed; reading goes on at the line after {@link #line}. */
    static final class Malformed extends Exception {
        final int line;
        /** The physical line as read, for the reject file. */
        final String text;

        Malformed(int line, String text, String message) {
            super(message);
            this.line = line;
            this.text = text;
        }
    }

    /** Where lines come from: a BufferedReader, or a {@link LineReader} that handles encodings. */
    interface Source {
        /** The next line without its line end, or null at the end. */
        String readLine() throws IOException;
    }

    /** A quoted field spans at most this many characters or lines; past it the quote is taken as never closed. */
    private static final int MAX_RECORD = 1 << 20;
    private static final int MAX_RECORD_LINES = 1_000;

    private final Source in;
    /** Lines read ahead and given back, with their numbers, to be read again. */
    private final Deque<Numbered> again = new ArrayDeque<>();
    private int lineNo;
    private int linesRead;
    private int lastRecordLines;
    private Predicate<List<String>> rowsAre = fields -> false;

    private record Numbered(int no, String text) {
    }

    CsvLines(Source in) {
        this.in = in;
    }

    /** What a complete row looks like (set once the header is known): a line that is one is never swallowed into a field. */
    void rowsAre(Predicate<List<String>> complete) {
        this.rowsAre = complete;
    }

    int nextLineNumber() {
        return again.isEmpty() ? lineNo + 1 : again.peekFirst().no();
    }

    /** Physical lines read from the source so far (each counted once, however often it was read again). */
    int linesRead() {
        return linesRead;
    }

    /** How many physical lines the record last returned spanned. */
    int lastRecordLines() {
        return lastRecordLines;
    }

    /** The next record's fields, or null at the end. */
    List<String> next() throws IOException, Malformed {
        Numbered first = line();
        if (first == null) {
            return null;
        }
        String text = first.text();
        if (first.no() == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // UTF-8 byte order mark
        }
        List<Numbered> spanned = new ArrayList<>();
        Parse p = new Parse();
        String line = text;
        while (true) {
            p.feed(line);
            if (!p.quoted) {
                p.fields.add(p.field.toString());
                lastRecordLines = 1 + spanned.size();
                return p.fields;
            }
            Numbered more = line();
            String why = null;
            if (more == null) {
                why = "a quote opened on line " + first.no() + " is never closed";
            } else if (p.field.length() > MAX_RECORD || spanned.size() >= MAX_RECORD_LINES) {
                why = "a quote opened on line " + first.no() + " is not closed within " + MAX_RECORD_LINES + " lines";
            } else if (isRow(more.text())) {
                why = "a quote opened on line " + first.no() + " is not closed on that line, and line " + more.no()
                        + " is a row of its own: the quote is taken as a typo";
            }
            if (why != null) {
                if (more != null) {
                    spanned.add(more);
                }
                // the lines read past the opening one are read again as rows of their own
                for (int i = spanned.size() - 1; i >= 0; i--) {
                    again.addFirst(spanned.get(i));
                }
                lastRecordLines = 1;
                throw new Malformed(first.no(), first.text(), why);
            }
            spanned.add(more);
            p.field.append('\n');
            line = more.text();
        }
    }

    /** Whether this line, read alone, is a complete row. */
    private boolean isRow(String line) {
        Parse alone = new Parse();
        alone.feed(line);
        if (alone.quoted) {
            return false;
        }
        alone.fields.add(alone.field.toString());
        return rowsAre.test(alone.fields);
    }

    private Numbered line() throws IOException {
        if (!again.isEmpty()) {
            return again.pollFirst();
        }
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        lineNo++;
        linesRead++;
        return new Numbered(lineNo, text);
    }

    /** The state of one record being parsed: fields so far, the current field, and whether a quote is open. */
    private static final class Parse {
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean quoted;

        void feed(String line) {
            int i = 0;
            while (i < line.length()) {
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
}
