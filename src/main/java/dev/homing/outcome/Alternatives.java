package dev.homing.outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * The top-level alternatives of a row's words ("a|b(c|d)|e" is "a", "b(c|d)", "e"): a reply matches the row when it
 * matches one of them, so each can be looked for only where its own words are (see {@link Rules#first}).
 */
final class Alternatives {
    private Alternatives() {
    }

    static List<String> of(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int inClass = 0;
        int start = 0;
        for (int i = 0, n = regex.length(); i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++; // an escaped character is never syntax
            } else if (inClass > 0) {
                if (c == '[') {
                    inClass++;
                } else if (c == ']') {
                    inClass--;
                }
            } else if (c == '[') {
                inClass = 1;
                if (i + 1 < n && regex.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < n && regex.charAt(i + 1) == ']') {
                    i++; // "[]...]" and "[^]...]": a leading ']' is a member
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }
}
