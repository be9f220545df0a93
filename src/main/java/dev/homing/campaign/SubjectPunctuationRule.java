package dev.homing.campaign;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs of !, ? or $ in the subject ("!!!", "??", "$$$", "!?!"), or three exclamation marks anywhere in it. */
record SubjectPunctuationRule() implements ContentRule {
    static final String ID = "subject-punctuation";
    static final double POINTS = 1.0;
    private static final Pattern RUN = Pattern.compile("!{2,}|\\?{2,}|\\${2,}|[!?$]{3,}");

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        String s = message.subject();
        Matcher m = RUN.matcher(s);
        String found = m.find() ? m.group() : s.chars().filter(c -> c == '!').count() >= 3 ? "three or more '!'" : null;
        if (found == null) {
            return List.of();
        }
        return List.of(ContentFinding.of(ID, POINTS, "The subject has excessive punctuation (" + found
                + "); filters treat it as a spam sign. One mark is enough.", "Subject: " + s));
    }
}
