package dev.homing.outcome;

import dev.homing.smtp.Stage;

import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of the classification table: conditions on the stage, the reply code, the enhanced
 * status and the text, and what to conclude when all of them hold. A condition left unset holds
 * for every reply.
 *
 * @param stages         stages the rule applies to; empty means any
 * @param minCode        lowest reply code, inclusive
 * @param maxCode        highest reply code, inclusive
 * @param status         must match the whole enhanced status ("5.7.1"); null means any, and a set
 *                       pattern never matches a reply without an enhanced status
 * @param text           must be found (case-insensitively) in the reply's plain text; null means any
 * @param disposition    forces the disposition; null means by the reply's class (4xx retry, 5xx failed)
 * @param reason         the reason concluded
 * @param responsibility who is responsible
 * @param slowDown       whether the destination asks us to send slower
 * @param sentence       the marketer's sentence; null means the reason's default
 */
record Rule(Set<Stage> stages, int minCode, int maxCode, Pattern status, Pattern text,
            Disposition disposition, Reason reason, Responsibility responsibility, boolean slowDown,
            String sentence, boolean namesCause, String[] statusGlobs) {

    Rule {
        // an EnumSet: contains() is a bit test, and the table asks it for every rule of every reply
        stages = stages.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(stages));
    }

    boolean matches(Stage stage, int code, String enhanced, String plainText) {
        return code >= minCode && code <= maxCode
                && (stages.isEmpty() || stages.contains(stage))
                && (statusGlobs == null || enhanced != null && globMatches(statusGlobs, enhanced))
                && (text == null || text.matcher(plainText).find());
    }

    /** The status against the globs ("x.7.1", "4.7.5??", "x.3.*"), without a regex: the table asks it for many rules per reply. */
    static boolean globMatches(String[] globs, String status) {
        for (String g : globs) {
            if (globMatches(g, status)) {
                return true;
            }
        }
        return false;
    }

    private static boolean globMatches(String glob, String status) {
        int i = 0;
        int j = 0;
        while (i < glob.length()) {
            char g = glob.charAt(i);
            if (g == '*') { // one or more digits
                int start = j;
                while (j < status.length() && Character.isDigit(status.charAt(j)) && status.charAt(j) <= '9') {
                    j++;
                }
                if (j == start) {
                    return false;
                }
                i++;
                continue;
            }
            if (j >= status.length()) {
                return false;
            }
            char c = status.charAt(j);
            boolean ok = switch (g) {
                case 'x' -> c == '2' || c == '4' || c == '5';
                case '?' -> c >= '0' && c <= '9';
                default -> c == g;
            };
            if (!ok) {
                return false;
            }
            i++;
            j++;
        }
        return j == status.length();
    }

    static When when() {
        return new When();
    }

    /**
     * Builds a rule so that the table reads as one line per rule:
     * {@code when().deferral().text("greylist").is(GREYLISTING, REMOTE_POLICY)}.
     */
    static final class When {
        private final Set<Stage> stages = EnumSet.noneOf(Stage.class);
        private int minCode = 400;
        private int maxCode = 599;
        private Pattern status;
        private String[] statusGlobs;
        private Pattern text;
        private Disposition disposition;
        private boolean slowDown;
        private boolean namesCause;

        private When() {
        }

        When at(Stage... these) {
            stages.addAll(Set.of(these));
            return this;
        }

        /** 4xx: the server asks us to try again. */
        When deferral() {
            return codes(400, 499);
        }

        /** 5xx: the server refuses for good. */
        When rejection() {
            return codes(500, 599);
        }

        When code(int code) {
            return codes(code, code);
        }

        When codes(int min, int max) {
            minCode = min;
            maxCode = max;
            return this;
        }

        /**
         * Enhanced status globs separated by commas: {@code x} stands for any class (2, 4 or 5),
         * {@code ?} for one digit, {@code *} for any number; "x.7.23,x.7.26" or "4.7.5??".
         */
        When status(String globs) {
            status = glob(globs);
            statusGlobs = java.util.Arrays.stream(globs.split(",")).map(String::strip).toArray(String[]::new);
            return this;
        }

        /** A case-insensitive regular expression searched in the reply's plain text. */
        When text(String regex) {
            text = FirstChars.compile(regex, Pattern.CASE_INSENSITIVE);
            return this;
        }

        /** Retry even though the code is 5xx; only where an RFC says a 5xx means "later". */
        When retry() {
            disposition = Disposition.RETRY;
            return this;
        }

        /** The words name the cause of a deferral, so a final report about it keeps this reason instead of "expired". */
        When cause() {
            namesCause = true;
            return this;
        }

        When slow() {
            slowDown = true;
            return this;
        }

        Rule is(Reason reason, Responsibility responsibility) {
            return is(reason, responsibility, null);
        }

        Rule is(Reason reason, Responsibility responsibility, String sentence) {
            return new Rule(stages, minCode, maxCode, status, text, disposition, reason, responsibility, slowDown, sentence, namesCause, statusGlobs);
        }
    }

    static Pattern glob(String globs) {
        StringBuilder regex = new StringBuilder();
        for (String glob : globs.split(",")) {
            if (!regex.isEmpty()) {
                regex.append('|');
            }
            for (char c : glob.strip().toCharArray()) {
                switch (c) {
                    case 'x' -> regex.append("[245]");
                    case '?' -> regex.append("\\d");
                    case '*' -> regex.append("\\d+");
                    case '.' -> regex.append("\\.");
                    default -> {
                        if (!Character.isDigit(c)) {
                            throw new IllegalArgumentException("bad enhanced status glob: " + globs);
                        }
                        regex.append(c);
                    }
                }
            }
        }
        return Pattern.compile(regex.toString());
    }
}
