package dev.homing.list;

import java.util.List;

/** Writes CSV rows (RFC 4180): a field is quoted when it holds a comma, a quote or a line break. */
final class Csv {
    private Csv() {
    }

    static String row(List<String> fields) {
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append("\r\n").toString();
    }
}
