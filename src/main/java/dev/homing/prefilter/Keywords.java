package dev.homing.prefilter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds, in one pass over a text, which of many words occur in it (ignoring ASCII case, as the rules'
 * regexes do): an Aho-Corasick automaton whose states carry the bits of the rules their words belong
 * to. The rule table asks it once per reply instead of running every rule's regex over the text.
 * Words are lower-case ASCII or any other characters (Japanese, Chinese, accented letters), which
 * match exactly; the alphabet is ASCII plus the other characters the words use.
 */
public final class Keywords {
    private static final int ASCII = 128;

    private final int alphabet;   // ASCII plus one column per other character the words use
    private final char[] others;  // those characters, sorted: column ASCII + index
    private final short[] columns; // for every character, its column, or -1; null when the words are all ASCII
    private final int[] next;     // state * alphabet + column -> state (failure links folded in)
    private final long[][] bits;  // state -> rules with a word ending here (or at a suffix of it)
    private final int[][] few;    // state -> those rules as a list, when they are fewer than bits' longs (else null)
    private final long[] always;  // rules without words: always candidates
    private final int words;

    /** @param sets per rule, its word set; null means the rule has none and is always a candidate */
    public Keywords(List<Set<String>> sets) {
        java.util.TreeSet<Character> extra = new java.util.TreeSet<>();
        for (Set<String> set : sets) {
            for (String w : set == null ? Set.<String>of() : set) {
                for (int i = 0; i < w.length(); i++) {
                    if (w.charAt(i) >= ASCII) {
                        extra.add(w.charAt(i));
                    }
                }
            }
        }
        others = new char[extra.size()];
        int k = 0;
        for (char c : extra) {
            others[k++] = c;
        }
        alphabet = ASCII + others.length;
        if (others.length == 0) {
            columns = null;
        } else {
            columns = new short[Character.MAX_VALUE + 1];
            java.util.Arrays.fill(columns, (short) -1);
            for (int i = 0; i < ASCII; i++) {
                columns[i] = (short) i;
            }
            for (int i = 0; i < others.length; i++) {
                columns[others[i]] = (short) (ASCII + i);
            }
        }
        int rules = sets.size();
        int longs = (rules + 63) / 64;
        always = new long[longs];
        List<int[]> go = new ArrayList<>();
        List<long[]> out = new ArrayList<>();
        go.add(newRow());
        out.add(new long[longs]);
        int count = 0;
        for (int r = 0; r < rules; r++) {
            Set<String> set = sets.get(r);
            if (set == null || set.isEmpty()) {
                always[r >> 6] |= 1L << r;
                continue;
            }
            for (String w : set) {
                int state = 0;
                for (int i = 0; i < w.length(); i++) {
                    int c = column(w.charAt(i));
                    if (go.get(state)[c] <= 0) {
                        go.get(state)[c] = go.size();
                        go.add(newRow());
                        out.add(new long[longs]);
                    }
                    state = go.get(state)[c];
                }
                out.get(state)[r >> 6] |= 1L << r;
                count++;
            }
        }
        words = count;
        int n = go.size();
        next = new int[n * alphabet];
        bits = new long[n][];
        int[] fail = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < alphabet; c++) {
            int child = go.get(0)[c];
            next[c] = Math.max(child, 0);
            if (child > 0) {
                fail[child] = 0;
                queue.add(child);
            }
        }
        bits[0] = null;
        while (!queue.isEmpty()) {
            int s = queue.poll();
            long[] mine = out.get(s);
            long[] inherited = bits[fail[s]];
            for (int j = 0; inherited != null && j < longs; j++) {
                mine[j] |= inherited[j];
            }
            bits[s] = isZero(mine) ? null : mine;
            for (int c = 0; c < alphabet; c++) {
                int child = go.get(s)[c];
                if (child > 0) {
                    fail[child] = next[fail[s] * alphabet + c];
                    next[s * alphabet + c] = child;
                    queue.add(child);
                } else {
                    next[s * alphabet + c] = next[fail[s] * alphabet + c];
                }
            }
        }
        // a state's rules as a short list where that is cheaper than or-ing every long of its bits (most states end few words)
        few = new int[n][];
        for (int s = 0; s < n; s++) {
            if (bits[s] != null) {
                int set = 0;
                for (long x : bits[s]) {
                    set += Long.bitCount(x);
                }
                if (set < longs) {
                    int[] list = new int[set];
                    int at = 0;
                    for (int j = 0; j < longs; j++) {
                        for (long x = bits[s][j]; x != 0; x &= x - 1) {
                            list[at++] = j * 64 + Long.numberOfTrailingZeros(x);
                        }
                    }
                    few[s] = list;
                }
            }
        }
        // upper-case ASCII letters move like their lower-case forms
        for (int s = 0; s < n; s++) {
            for (int c = 'A'; c <= 'Z'; c++) {
                next[s * alphabet + c] = next[s * alphabet + c + 32];
            }
        }
    }

    /** The automaton's column for a character: itself for ASCII, else its place among the words' other characters; -1 when no word has it. */
    private int column(char c) {
        if (c < ASCII) {
            return c;
        }
        int i = java.util.Arrays.binarySearch(others, c);
        return i < 0 ? -1 : ASCII + i;
    }

    private int[] newRow() {
        return new int[alphabet];
    }

    /** The rules that may match the text: those with a word in it, and those without words. */
    public long[] candidates(CharSequence text) {
        long[] hit = always.clone();
        int state = 0;
        // over a copy of the characters: a char[] loop needs no bounds check per character, String.charAt does
        char[] chars = text.toString().toCharArray();
        for (char c : chars) {
            int column = c < ASCII ? c : columns == null ? -1 : columns[c];
            if (column < 0) {
                state = 0; // no word contains this character
                continue;
            }
            state = next[state * alphabet + column];
            int[] list = few[state];
            if (list != null) {
                for (int r : list) {
                    hit[r >> 6] |= 1L << r;
                }
                continue;
            }
            long[] b = bits[state];
            if (b != null) {
                for (int k = 0; k < hit.length; k++) {
                    hit[k] |= b[k];
                }
            }
        }
        return hit;
    }

    private static boolean isZero(long[] a) {
        for (long x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    public int words() {
        return words;
    }
}
