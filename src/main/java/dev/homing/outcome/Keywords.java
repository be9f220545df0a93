package dev.homing.outcome;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds, in one pass over a text, which of many lower-case ASCII words occur in it (ignoring ASCII
 * case): an Aho-Corasick automaton whose states carry the bits of the rules their words belong to.
 * The rule table asks it once per reply instead of running every rule's regex over the text.
 */
final class Keywords {
    private static final int ALPHABET = 128;

    private final int[] next;     // state * ALPHABET + char -> state (failure links folded in)
    private final long[][] bits;  // state -> rules with a word ending here (or at a suffix of it)
    private final long[] always;  // rules without words: always candidates
    private final int words;

    /** @param sets per rule, its word set; null means the rule has none and is always a candidate */
    Keywords(List<Set<String>> sets) {
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
                    int c = w.charAt(i);
                    if (c >= ALPHABET) {
                        throw new IllegalArgumentException("not ASCII: " + w);
                    }
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
        next = new int[n * ALPHABET];
        bits = new long[n][];
        int[] fail = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
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
            for (int k = 0; inherited != null && k < longs; k++) {
                mine[k] |= inherited[k];
            }
            bits[s] = isZero(mine) ? null : mine;
            for (int c = 0; c < ALPHABET; c++) {
                int child = go.get(s)[c];
                if (child > 0) {
                    fail[child] = next[fail[s] * ALPHABET + c];
                    next[s * ALPHABET + c] = child;
                    queue.add(child);
                } else {
                    next[s * ALPHABET + c] = next[fail[s] * ALPHABET + c];
                }
            }
        }
        // upper-case ASCII letters move like their lower-case forms
        for (int s = 0; s < n; s++) {
            for (int c = 'A'; c <= 'Z'; c++) {
                next[s * ALPHABET + c] = next[s * ALPHABET + c + 32];
            }
        }
    }

    private static int[] newRow() {
        return new int[ALPHABET];
    }

    /** The rules that may match the text: those with a word in it, and those without words. */
    long[] candidates(CharSequence text) {
        long[] hit = always.clone();
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= ALPHABET) {
                state = 0; // no word contains a non-ASCII character
                continue;
            }
            state = next[state * ALPHABET + c];
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

    int words() {
        return words;
    }
}
