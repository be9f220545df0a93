package dev.homing.auth;

import java.util.Locale;

/**
 * One thing the sender-domain check found: how it stands, about what, what was found and how to fix it,
 * in plain sentences.
 *
 * @param fix      what to do, "" when nothing is to be done
 * @param blocking whether sending should wait until it is fixed (the pre-flight report refuses to send)
 */
public record Finding(Status status, Topic topic, String found, String fix, boolean blocking) {

    public enum Status {
        PASS, WARN, FAIL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Topic {
        SPF("SPF"), DKIM("DKIM"), DMARC("DMARC"), ALIGNMENT("alignment"), BOUNCE_MX("bounce MX"), PTR("PTR");

        private final String label;

        Topic(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static Finding pass(Topic topic, String found) {
        return new Finding(Status.PASS, topic, found, "", false);
    }

    static Finding warn(Topic topic, String found, String fix) {
        return new Finding(Status.WARN, topic, found, fix, false);
    }

    /** A failure that should stop sending until fixed. */
    static Finding blocker(Topic topic, String found, String fix) {
        return new Finding(Status.FAIL, topic, found, fix, true);
    }

    /** A failure that hurts but does not stop sending (e.g. a malformed DMARC record: receivers then apply none). */
    static Finding fail(Topic topic, String found, String fix) {
        return new Finding(Status.FAIL, topic, found, fix, false);
    }
}
