package dev.homing.campaign;

import java.util.List;

/**
 * A subject written in capitals, entirely or mostly: filters score it and readers read it as
 * shouting. Short subjects ("FAQ", "NEW") are left alone: too few letters to mean anything.
 */
record SubjectCapsRule() implements ContentRule {
    static final String ID = "subject-all-caps";
    static final double POINTS = 1.5;
    static final int MIN_LETTERS = 10;
    static final double MOSTLY = 0.7;

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        String s = message.subject();
        long letters = s.codePoints().filter(Character::isLetter).count();
        long upper = s.codePoints().filter(Character::isUpperCase).count();
        if (letters < MIN_LETTERS || upper < MOSTLY * letters) {
            return List.of();
        }
        String how = upper == letters ? "all in capitals" : Math.round(100.0 * upper / letters) + "% capitals";
        return List.of(ContentFinding.of(ID, POINTS, "The subject is " + how
                + "; filters score shouting subjects and readers distrust them. Use normal capitalisation.", "Subject: " + s));
    }
}
