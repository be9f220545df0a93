package dev.homing.prefilter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The words a regular expression cannot match without: a set of literals (ASCII lower-cased) such that
 * every match contains at least one of them. Used to skip a rule's regex when none of its words is in
 * the text (one scan for all rules, see {@link Keywords}), which keeps the judgement the same and
 * makes it cheap. Reads the subset of the syntax the rule table uses; anything it does not understand
 * only shortens a literal, so the set stays sound. Null when no such set exists ("\\d+", ".*").
 */
public final class Literals {
    private Literals() {
    }

    /** The literal set for the whole pattern, or null. */
    public static Set<String> required(String regex) {
        Parser p = new Parser(regex);
        Set<String> set = p.alternation();
        return p.at < regex.length() ? null : set;
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        /** alternatives up to a ')' or the end: the union of each alternative's set, null if any has none. */
        Set<String> alternation() {
            Set<String> union = new LinkedHashSet<>();
            boolean sound = true;
            while (true) {
                Set<String> alt = sequence();
                if (alt == null) {
                    sound = false;
                } else {
                    union.addAll(alt);
                }
                if (at < s.length() && s.charAt(at) == '|') {
                    at++;
                    continue;
                }
                return sound ? union : null;
            }
        }

        /** One alternative: the candidate (a literal run or a required group's set) whose shortest word is longest. */
        private Set<String> sequence() {
            List<Set<String>> candidates = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            while (at < s.length() && s.charAt(at) != '|' && s.charAt(at) != ')') {
                char c = s.charAt(at);
                int literal = -1; // the literal char this atom stands for, or -1
                Set<String> group = null;
                boolean zeroWidth = false;
                if (c == '\\') {
                    char e = at + 1 < s.length() ? s.charAt(at + 1) : 0;
                    at += 2;
                    if (e != 0 && !Character.isLetterOrDigit(e)) {
                        literal = e;
                    } else if (e == 'b' || e == 'B') {
                        zeroWidth = true;
                    }
                } else if (c == '[') {
                    skipClass();
                } else if (c == '(') {
                    at++;
                    if (s.startsWith("?:", at)) {
                        at += 2;
                        group = alternation();
                    } else if (s.startsWith("?=", at) || s.startsWith("?!", at) || s.startsWith("?<=", at) || s.startsWith("?<!", at)) {
                        at += s.charAt(at + 1) == '<' ? 3 : 2;
                        alternation(); // a lookaround adds nothing a match must contain
                        group = null;
                        zeroWidth = true;
                    } else if (at < s.length() && s.charAt(at) == '?') {
                        return null; // inline flags or named groups: not read here
                    } else {
                        group = alternation();
                    }
                    if (at >= s.length() || s.charAt(at) != ')') {
                        return null;
                    }
                    at++;
                } else if (c == '.' || c == '^' || c == '$') {
                    at++;
                    zeroWidth = c != '.';
                } else if (c == '?' || c == '*' || c == '+' || c == '{') {
                    return null; // a quantifier with nothing before it: not ours to read
                } else {
                    literal = c;
                    at++;
                }
                int min = quantifier();
                if (literal >= 0 && min == 1 && !quantified) {
                    run.append(lower(literal));
                    continue;
                }
                if (literal >= 0 && min >= 1) {
                    run.append(lower(literal)); // "ab+" still contains "ab"
                }
                if (!run.isEmpty()) {
                    candidates.add(Set.of(run.toString()));
                    run.setLength(0);
                }
                if (group != null && min >= 1 && !group.isEmpty()) {
                    candidates.add(group);
                }
                if (zeroWidth) {
                    continue;
                }
            }
            if (!run.isEmpty()) {
                candidates.add(Set.of(run.toString()));
            }
            Set<String> best = null;
            int bestLength = 0;
            for (Set<String> set : candidates) {
                int shortest = Integer.MAX_VALUE;
                for (String w : set) {
                    shortest = Math.min(shortest, w.length());
                }
                // the longest shortest word; between equals, the set with fewer words is found in fewer texts
                if (shortest > bestLength || shortest == bestLength && best != null && set.size() < best.size()) {
                    best = set;
                    bestLength = shortest;
                }
            }
            return best;
        }

        private boolean quantified;

        /** ASCII letters lower-cased, as the rules match them without regard to ASCII case; other characters match exactly. */
        private static char lower(int c) {
            return c < 128 ? Character.toLowerCase((char) c) : (char) c;
        }

        /** Reads a quantifier after an atom; returns the atom's minimum count (1 when there is none). */
        private int quantifier() {
            quantified = false;
            if (at >= s.length()) {
                return 1;
            }
            char q = s.charAt(at);
            int min;
            if (q == '?' || q == '*') {
                min = 0;
                at++;
            } else if (q == '+') {
                min = 1;
                at++;
            } else if (q == '{') {
                int close = s.indexOf('}', at);
                if (close < 0) {
                    return 1;
                }
                String body = s.substring(at + 1, close);
                int comma = body.indexOf(',');
                try {
                    min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                } catch (NumberFormatException e) {
                    return 1;
                }
                at = close + 1;
            } else {
                return 1;
            }
            quantified = true;
            if (at < s.length() && (s.charAt(at) == '?' || s.charAt(at) == '+')) {
                at++; // lazy or possessive: the same minimum
            }
            return min;
        }

        private void skipClass() {
            at++; // '['
            if (at < s.length() && s.charAt(at) == '^') {
                at++;
            }
            if (at < s.length() && s.charAt(at) == ']') {
                at++;
            }
            while (at < s.length() && s.charAt(at) != ']') {
                at += s.charAt(at) == '\\' ? 2 : 1;
            }
            at++;
        }
    }
}
