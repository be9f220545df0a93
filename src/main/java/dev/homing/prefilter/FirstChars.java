package dev.homing.prefilter;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * The characters a match of a regex can start with, to put in front of it as a lookahead: Java's
 * matcher tries a pattern at every position of the text, and for a long alternation of phrases
 * that costs one attempt per phrase per character; "(?=[uinrab])" first rejects almost every
 * position with one test. Only the syntax the rule tables use is read; anything else (or a pattern
 * that can match the empty string) gives no prefix, so the result is never narrower than the pattern.
 */
public final class FirstChars {
    private FirstChars() {
    }

    /** The pattern with its first-character lookahead in front, or the regex as it is when none can be read. */
    public static Pattern compile(String regex, int flags) {
        String prefix = null;
        try {
            Parser p = new Parser(regex);
            Result r = p.alternation();
            if (p.at == regex.length() && r.chars != null && !r.nullable && !r.chars.isEmpty()) {
                prefix = lookahead(r.chars);
            }
        } catch (RuntimeException e) {
            prefix = null; // syntax this reader does not know: no prefix
        }
        return Pattern.compile(prefix == null ? regex : prefix + "(?:" + regex + ")", flags);
    }

    private static String lookahead(BitSet chars) {
        StringBuilder b = new StringBuilder("(?=[");
        for (int c = chars.nextSetBit(0); c >= 0; c = chars.nextSetBit(c + 1)) {
            if (Character.isLetterOrDigit(c) && c < 128) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x{%x}", c));
            }
        }
        return b.append("])").toString();
    }

    /** @param chars the possible first characters, null for any; @param nullable the part can match nothing */
    private record Result(BitSet chars, boolean nullable) {
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Result alternation() {
            BitSet union = new BitSet();
            boolean nullable = false;
            boolean any = false;
            while (true) {
                Result r = sequence();
                if (r.chars == null) {
                    any = true;
                } else {
                    union.or(r.chars);
                }
                nullable |= r.nullable;
                if (at < s.length() && s.charAt(at) == '|') {
                    at++;
                    continue;
                }
                return new Result(any ? null : union, nullable);
            }
        }

        private Result sequence() {
            BitSet first = new BitSet();
            boolean nullable = true; // so far every atom can match nothing
            boolean any = false;
            while (at < s.length() && s.charAt(at) != '|' && s.charAt(at) != ')') {
                Result atom = atom();
                boolean optional = quantifierAllowsNone();
                if (nullable) {
                    if (atom.chars == null) {
                        any = true;
                    } else {
                        first.or(atom.chars);
                    }
                    nullable = atom.nullable || optional;
                }
            }
            return new Result(any ? null : first, nullable);
        }

        private Result atom() {
            char c = s.charAt(at);
            if (c == '\\') {
                char e = s.charAt(at + 1);
                at += 2;
                return switch (e) {
                    case 'b', 'B' -> new Result(new BitSet(), true);
                    case 'd' -> new Result(range('0', '9'), false);
                    case 's' -> new Result(of(" \t\n\r\f\u000B"), false);
                    case 'w' -> {
                        BitSet w = range('a', 'z');
                        w.or(range('A', 'Z'));
                        w.or(range('0', '9'));
                        w.set('_');
                        yield new Result(w, false);
                    }
                    default -> Character.isLetterOrDigit(e) ? new Result(null, false) : new Result(letter(e), false);
                };
            }
            if (c == '[') {
                if (s.startsWith("[^", at)) { // any character but some: as good as any
                    at += 2;
                    if (s.charAt(at) == ']') {
                        at++; // a ']' right after "[^" is a member
                    }
                    while (s.charAt(at) != ']') {
                        at += s.charAt(at) == '\\' ? 2 : 1;
                    }
                    at++;
                    return new Result(null, false);
                }
                return new Result(charClass(), false);
            }
            if (c == '(') {
                at++;
                boolean zeroWidth = false;
                if (s.startsWith("?:", at)) {
                    at += 2;
                } else if (s.startsWith("?=", at) || s.startsWith("?!", at)) {
                    at += 2;
                    zeroWidth = true;
                } else if (s.startsWith("?<=", at) || s.startsWith("?<!", at)) {
                    at += 3;
                    zeroWidth = true;
                } else if (s.charAt(at) == '?') {
                    throw new IllegalArgumentException("group syntax not read");
                }
                Result inner = alternation();
                if (s.charAt(at) != ')') {
                    throw new IllegalArgumentException("unclosed group");
                }
                at++;
                return zeroWidth ? new Result(new BitSet(), true) : inner;
            }
            at++;
            if (c == '^' || c == '$') {
                return new Result(new BitSet(), true);
            }
            if (c == '.') {
                return new Result(null, false);
            }
            if (c == '?' || c == '*' || c == '+' || c == '{') {
                throw new IllegalArgumentException("dangling quantifier");
            }
            return new Result(letter(c), false);
        }

        /** Reads a quantifier after an atom, if any; true when it allows zero repetitions. */
        private boolean quantifierAllowsNone() {
            if (at >= s.length()) {
                return false;
            }
            char q = s.charAt(at);
            boolean none;
            if (q == '?' || q == '*') {
                none = true;
                at++;
            } else if (q == '+') {
                none = false;
                at++;
            } else if (q == '{') {
                int close = s.indexOf('}', at);
                String body = s.substring(at + 1, close);
                int comma = body.indexOf(',');
                none = Integer.parseInt(comma < 0 ? body : body.substring(0, comma)) == 0;
                at = close + 1;
            } else {
                return false;
            }
            if (at < s.length() && (s.charAt(at) == '?' || s.charAt(at) == '+')) {
                at++;
            }
            return none;
        }

        /** A bracket class as a set of characters; negated classes and class escapes other than \d \s \w give any. */
        private BitSet charClass() {
            at++; // '['
            BitSet set = new BitSet();
            boolean firstChar = true;
            while (s.charAt(at) != ']' || firstChar && s.charAt(at) == ']') {
                firstChar = false;
                char c = s.charAt(at);
                if (c == '[' || c == '&' && at + 1 < s.length() && s.charAt(at + 1) == '&') {
                    // a nested class or an intersection ("&&"); a lone '&' is itself, as in an address's local part
                    throw new IllegalArgumentException("nested class");
                }
                if (c == '\\') {
                    char e = s.charAt(at + 1);
                    at += 2;
                    if (e == 'd') {
                        set.or(range('0', '9'));
                    } else if (e == 's') {
                        set.or(of(" \t\n\r\f\u000B"));
                    } else if (e == 'w') {
                        set.or(range('a', 'z'));
                        set.or(range('A', 'Z'));
                        set.or(range('0', '9'));
                        set.set('_');
                    } else if (Character.isLetterOrDigit(e)) {
                        throw new IllegalArgumentException("class escape not read");
                    } else {
                        set.or(letter(e));
                    }
                    continue;
                }
                at++;
                if (at + 1 < s.length() && s.charAt(at) == '-' && s.charAt(at + 1) != ']') {
                    char to = s.charAt(at + 1);
                    if (to == '\\') {
                        throw new IllegalArgumentException("escaped range end");
                    }
                    at += 2;
                    for (char x = c; x <= to; x++) {
                        set.or(letter(x));
                    }
                } else {
                    set.or(letter(c));
                }
            }
            at++; // ']'
            return set;
        }

        /** A character in both cases: the rules are matched ignoring case. */
        private static BitSet letter(char c) {
            BitSet b = new BitSet();
            b.set(c);
            b.set(Character.toLowerCase(c));
            b.set(Character.toUpperCase(c));
            return b;
        }

        private static BitSet range(char from, char to) {
            BitSet b = new BitSet();
            b.set(from, to + 1);
            return b;
        }

        private static BitSet of(String chars) {
            BitSet b = new BitSet();
            chars.chars().forEach(b::set);
            return b;
        }
    }
}
