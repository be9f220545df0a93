package dev.homing.list;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams a recipient file: either one address per line, or CSV (RFC 4180: quoted fields with
 * commas, quotes and line breaks) whose header names an {@code email} column; the other columns
 * become merge fields. Blank lines and lines starting with {@code #} are skipped. Memory does not
 * grow with the file.
 */
public final class RecipientFile {
    /** One row: where it was, the address as written, and its other columns by header name. */
    public record Row(int line, String address, Map<String, String> fields) {
    }

    /** Something wrong at a line; {@code skipped} says whether the row was dropped (else it was read anyway). */
    public record Problem(int line, String message, boolean skipped) {
        public Problem(int line, String message) {
            this(line, message, true);
        }
    }

    private RecipientFile() {
    }

    /**
     * Reads the file's bytes: UTF-8, and any line that is not UTF-8 as Windows-1252 (reported as a
     * problem of that line, which is still read). Returns how many lines needed the fallback.
     */
    public static int read(InputStream in, Consumer<Row> rows, Consumer<Problem> problems) throws IOException {
        LineReader lines = new LineReader(in);
        int[] warned = {0};
        CsvLines csv = new CsvLines(() -> {
            String l = lines.readLine();
            if (lines.fallbackLines() > warned[0]) {
                warned[0] = lines.fallbackLines();
                problems.accept(new Problem(lines.lineNumber(), "not UTF-8, read as Windows-1252: check accented names", false));
            }
            return l;
        });
        List<String> header = null;
        int emailColumn = 0;
        boolean first = true;
        while (true) {
            int line = csv.nextLineNumber();
            List<String> fields;
            try {
                fields = csv.next();
            } catch (CsvLines.Malformed e) {
                problems.accept(new Problem(e.line, e.getMessage()));
                continue;
            }
            if (fields == null) {
                return lines.fallbackLines();
            }
            if (fields.size() == 1 && (fields.get(0).isBlank() || fields.get(0).strip().startsWith("#"))) {
                continue;
            }
            if (first) {
                first = false;
                if (first(fields) != null && !first(fields).contains("@")) {
                    header = new ArrayList<>();
                    for (String f : fields) {
                        header.add(f.strip().toLowerCase(Locale.ROOT));
                    }
                    emailColumn = EmailColumn.in(header);
                    if (emailColumn < 0) {
                        problems.accept(new Problem(line, "the header has no \"email\" column: " + String.join(",", fields)));
                        return lines.fallbackLines();
                    }
                    continue;
                }
            }
            if (header != null && fields.size() != header.size()) {
                problems.accept(new Problem(line, "expected " + header.size() + " columns as in the header, found " + fields.size()));
                continue;
            }
            if (header == null && fields.size() != 1) {
                problems.accept(new Problem(line, "expected one address per line, found " + fields.size() + " columns and no header"));
                continue;
            }
            Map<String, String> extra = new LinkedHashMap<>();
            if (header != null) {
                for (int i = 0; i < header.size(); i++) {
                    if (i != emailColumn) {
                        extra.put(header.get(i), fields.get(i));
                    }
                }
            }
            rows.accept(new Row(line, fields.get(emailColumn).strip(), extra));
        }
    }

    private static String first(List<String> fields) {
        return fields.isEmpty() ? null : fields.get(0);
    }
}
