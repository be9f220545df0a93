package dev.homing.list;

import java.util.Objects;

/**
 * One problem found with one address.
 *
 * @param problem    what kind of problem
 * @param reason     why, in plain words (the syntax error, the DNS answer, the provider it resembles)
 * @param suggestion the corrected address for a {@link Problem#TYPO}, else null
 */
public record Finding(Problem problem, String reason, String suggestion) {
    public Finding {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(reason, "reason");
    }

    Finding(Problem problem, String reason) {
        this(problem, reason, null);
    }

    /** The recommended action, with the suggested address filled in for a typo. */
    public String action() {
        return problem.action(suggestion);
    }
}
