package dev.homing.list;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one CSV writer of every export (lists, consent records, reject files, reports, the web UI's
 * tables): RFC 4180 rows ending in CRLF, a field quoted when it holds a comma, a quote or a line break.
 * Subscribers, form visitors and remote servers choose much of what ends up in these files, so a field
 * a spreadsheet would run as a formula (a leading =, +, -, @, tab or carriage return) is prefixed with
 * an apostrophe (OWASP, "CSV Injection"); a plain number such as -5 or +1 555 0100 is left as it is.
 */
public final class Csv {
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9][0-9 .]*");

    private Csv() {
    }

    public static String row(List<String> fields) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(field(fields.get(i)));
        }
        return sb.append("\r\n").toString();
    }

    static String field(String value) {
        String f = value == null ? "" : value;
        if (!f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0 && !NUMBER.matcher(f).matches()) {
            f = "'" + f;
        }
        if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
            return '"' + f.replace("\"", "\"\"") + '"';
        }
        return f;
    }
}
