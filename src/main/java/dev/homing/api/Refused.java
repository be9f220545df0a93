package dev.homing.api;

/** Thrown by a handler to answer with a problem document instead of a result. */
final class Refused extends RuntimeException {
    final Problem problem;

    Refused(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }
}
