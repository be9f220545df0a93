package dev.homing.list;

import java.util.List;
import java.util.Locale;

/** Finds the address column of a CSV header, the way spreadsheets and CRMs name it. */
final class EmailColumn {
    private EmailColumn() {
    }

    /** The index of the column named email, e-mail, email address, mail or address (any case); -1 when none. */
    static int in(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            String k = header.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
            if (k.equals("email") || k.equals("emailaddress") || k.equals("mail") || k.equals("address")) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the column with this name (any case, surrounding blanks ignored); -1 when none. */
    static int named(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }
}
