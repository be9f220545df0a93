package dev.homing.list;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
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

    /** A row that could not be read as a recipient; the run goes on. */
    public record Problem(int line, String message) {
    }

    private RecipientFile() {
    }

    public static void read(Reader in, Consumer<Row> rows, Consumer<Problem> problems) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 64 * 1024);
        CsvLines csv = new CsvLines(r::readLine);
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
                return;
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
                    emailColumn = header.indexOf("email");
                    if (emailColumn < 0) {
                        emailColumn = header.indexOf("address");
                    }
                    if (emailColumn < 0) {
                        problems.accept(new Problem(line, "the header has no \"email\" column: " + String.join(",", fields)));
                        return;
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
