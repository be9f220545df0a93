package dev.homing.campaign;

import java.util.List;

/**
 * An empty subject (filters and readers both distrust it) or a very long one: mail apps cut
 * subjects at around 40 to 70 characters, and very long ones are typical of generated spam.
 */
record SubjectLengthRule() implements ContentRule {
    static final String EMPTY = "subject-missing";
    static final String LONG = "subject-too-long";
    static final double EMPTY_POINTS = 1.0;
    static final double LONG_POINTS = 0.5;
    static final int MAX = 90;

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        String s = message.subject().strip();
        if (s.isEmpty()) {
            return List.of(ContentFinding.of(EMPTY, EMPTY_POINTS, "The message has no subject; filters and readers distrust "
                    + "subjectless mail. Say what the message is about.", "Subject header"));
        }
        int length = s.codePointCount(0, s.length());
        if (length <= MAX) {
            return List.of();
        }
        return List.of(ContentFinding.of(LONG, LONG_POINTS, "The subject is " + length + " characters long; mail apps show "
                + "40 to 70 and long subjects look generated. Keep it under " + MAX + ", the point first.", "Subject: " + s));
    }
}
