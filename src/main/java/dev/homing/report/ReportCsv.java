package dev.homing.report;

import java.util.List;

/**
 * The per-recipient table as CSV (RFC 4180, CRLF). Server replies and addresses end up in it, and a
 * remote server chooses its own reply text, so every field is escaped: quoted when it holds a comma,
 * a quote or a line break, and prefixed with an apostrophe when a spreadsheet would run it as a
 * formula (a leading =, +, -, @, tab or carriage return).
 */
public final class ReportCsv {
    private ReportCsv() {
    }

    public static final List<String> HEADER = List.of("recipient", "state", "outcome", "reason", "code", "enhanced", "responsible",
            "action", "provider", "last event");

    public static String header() {
        return row(HEADER);
    }

    public static String row(RecipientLine l) {
        return row(java.util.Arrays.asList(l.recipient(), l.state(), l.outcome(), l.reason(), l.code() == null ? "" : l.code().toString(),
                l.enhanced(), l.responsible(), l.action(), l.provider(), l.lastEvent()));
    }

    /** One CSV line of any table (the web UI exports every table through this). */
    public static String row(List<String> fields) {
        StringBuilder sb = new StringBuilder(128);
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
        if (!f.isEmpty() && "=+-@\t\r".indexOf(f.charAt(0)) >= 0) {
            f = "'" + f;
        }
        if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
            return '"' + f.replace("\"", "\"\"") + '"';
        }
        return f;
    }
}
