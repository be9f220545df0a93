package dev.homing.outcome;

import dev.homing.smtp.Stage;

import java.util.regex.Pattern;

/**
 * One row of the classification table ({@code outcome/rules.tsv}): conditions on the stage, the reply
 * code, the enhanced status and the text, and what to conclude when all of them hold. A condition
 * left unset holds for every reply.
 *
 * @param tier           the evidence the row reads, which the verdict records
 * @param stages         the stages the row applies to, one bit per {@link Stage} ordinal ({@link #ANY_STAGE}: any); a bit
 *                       test, since the table asks it for every row of every reply
 * @param unnamed        the row also applies to a report that names no stage
 * @param minCode        lowest reply code, inclusive
 * @param maxCode        highest reply code, inclusive
 * @param statusGlobs    the enhanced status must match one of these globs ("x.7.1", "4.7.5??", "x.3.*");
 *                       null means any, and a set glob never matches a reply without an enhanced status
 * @param statusNegated  the other way round: the status must match none of the globs (a reply without one qualifies)
 * @param text           must be found (case-insensitively) in the reply's plain text; null means any
 * @param disposition    forces the disposition; null means by the reply's class (4xx retry, 5xx failed)
 * @param reason         the reason concluded
 * @param responsibility who is responsible; null means the reason's usual one
 * @param slowDown       whether the destination asks us to send slower
 * @param sentence       the marketer's sentence; null means the reason's default
 * @param namesCause     the words name the cause of a deferral, so a final report about it keeps this reason
 * @param source         where the wording or its meaning comes from
 * @param line           the row's line in the table, for messages and tests
 */
record Rule(Evidence tier, long stages, boolean unnamed, int minCode, int maxCode, String[] statusGlobs, boolean statusNegated, Pattern text,
            Disposition disposition, Reason reason, Responsibility responsibility, boolean slowDown,
            String sentence, boolean namesCause, String source, int line) {

    /**
     * Every condition but the words (which {@code Rules.first} looks for, alternative by alternative): the reply's code,
     * stage and status.
     *
     * @param stage      null for a report that names no command: then rows about the recipient apply (a report is
     *                   about a recipient) and rows that read the command do not
     * @param globsMatch the status held against this row's globs: the table keeps that answer per distinct status
     *                   ({@code Rules.globHits}), so a reply does not run every row's globs again
     */
    boolean conditionsHold(Stage stage, int code, String enhanced, boolean globsMatch) {
        return code >= minCode && code <= maxCode
                && stageMatches(stage)
                && (statusGlobs == null || (statusNegated ? enhanced == null || !globsMatch : enhanced != null && globsMatch));
    }

    private boolean stageMatches(Stage stage) {
        if (stage == null) {
            return tier != Evidence.COMMAND && (stages == ANY_STAGE || unnamed || (stages & bit(Stage.RCPT)) != 0);
        }
        return stages == ANY_STAGE || (stages & bit(stage)) != 0;
    }

    /** Every stage: a row whose stage field is "*". */
    static final long ANY_STAGE = -1L;

    static long bit(Stage stage) {
        return 1L << stage.ordinal();
    }

    /** Who is responsible: the row's own word, else the reason's. */
    Responsibility responsible() {
        return responsibility != null ? responsibility : reason.responsibility();
    }

    /** The status against the globs ("x.7.1", "4.7.5??", "x.3.*"), without a regex: the table asks it for many rows per reply. */
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

    /** Checks a glob list's syntax: digits, dots, x, ? and *. */
    static String[] globs(String globs) {
        String[] out = globs.split(",");
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].strip();
            if (!out[i].matches("[x245?][.][0-9?*]+[.][0-9?*]+")) {
                throw new IllegalArgumentException("bad enhanced status glob: " + globs);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "rules.tsv line " + line + " (" + tier.name().toLowerCase(java.util.Locale.ROOT) + ", " + reason.label() + ")";
    }
}
