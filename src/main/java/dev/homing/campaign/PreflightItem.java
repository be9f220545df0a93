package dev.homing.campaign;

import java.util.Locale;

/**
 * One line of the pre-flight report.
 *
 * @param section  authentication, content, list, or the Gmail/Yahoo bulk-sender checklist
 * @param check    what was checked, in a few words
 * @param detail   what was found
 * @param fix      what to do; "" when nothing is to be done
 * @param blocking whether sending is refused until it is fixed or explicitly overridden
 */
public record PreflightItem(Section section, String check, Status status, String detail, String fix, boolean blocking) {

    public enum Section {
        AUTHENTICATION("Authentication"), CONTENT("Content"), LIST("List"), BULK_SENDER("Gmail and Yahoo bulk-sender requirements");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public enum Status {
        PASS, INFO, WARN, FAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static PreflightItem pass(Section s, String check, String detail) {
        return new PreflightItem(s, check, Status.PASS, detail, "", false);
    }
}
