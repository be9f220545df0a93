package dev.homing.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Spam-trigger phrases in the subject or the body. Each phrase counts once with its listed weight;
 * a phrase found only inside a longer listed phrase ("guaranteed" in "100% guaranteed") does not
 * count again.
 */
record SpamPhraseRule(List<SpamPhrase> phrases) implements ContentRule {
    static final String ID = "spam-phrase";

    @Override
    public List<ContentFinding> check(ContentMessage message) {
        List<ContentFinding> out = new ArrayList<>();
        List<String> fired = new ArrayList<>();
        scan(normalise(message.subject()), "subject", fired, out);
        scan(normalise(message.bodyText()), "body", fired, out);
        return out;
    }

    private void scan(String text, String place, List<String> fired, List<ContentFinding> out) {
        List<int[]> taken = new ArrayList<>();
        for (SpamPhrase p : phrases) { // longest first
            Matcher m = p.pattern().matcher(text);
            String found = null;
            while (m.find()) {
                int start = m.start();
                int end = m.end();
                boolean inside = taken.stream().anyMatch(t -> t[0] <= start && end <= t[1]);
                taken.add(new int[] {start, end});
                if (!inside && found == null) {
                    found = m.group();
                }
            }
            if (found != null && !fired.contains(p.phrase())) {
                fired.add(p.phrase());
                out.add(ContentFinding.of(ID, p.weight(), "The phrase \"" + p.phrase() + "\" is a spam trigger: " + p.why()
                        + ". Reword it.", "\"" + found + "\" in the " + place));
            }
        }
    }

    /** Curly apostrophes and non-breaking spaces written by editors must not hide a phrase. */
    private static String normalise(String s) {
        return s.replace('\u2019', '\'').replace('\u00a0', ' ');
    }
}
