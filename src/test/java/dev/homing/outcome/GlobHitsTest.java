package dev.homing.outcome;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table keeps, per distinct enhanced status, which rows' status globs it matches ({@link Rules#globHits}): the kept
 * answer must be the globs' own, for statuses seen before and after the cache is full, and for made-up ones.
 */
class GlobHitsTest {

    @Test
    void theKeptAnswerIsTheGlobsOwnForEveryRowAndStatus() {
        int checked = 0;
        // more distinct statuses than are kept (1,024): the later ones are worked out each time
        for (int klass : new int[] {2, 4, 5}) {
            for (int subject = 0; subject <= 9; subject++) {
                for (int detail = 0; detail <= 60; detail++) {
                    String status = klass + "." + subject + "." + detail;
                    for (int round = 0; round < 2; round++) { // the second asks the cache
                        long[] hits = Rules.globHits(status);
                        for (int i = 0; i < Rules.TABLE.size(); i++) {
                            String[] globs = Rules.TABLE.get(i).statusGlobs();
                            boolean expected = globs != null && Rule.globMatches(globs, status);
                            assertThat((hits[i >> 6] & 1L << i) != 0).as("row %d, status %s", i, status).isEqualTo(expected);
                            checked += expected ? 1 : 0;
                        }
                    }
                }
            }
        }
        assertThat(checked).as("rows matched by some status").isGreaterThan(100);
        assertThat(Rules.globHits(null)).as("no status matches no glob").containsOnly(0L);
    }
}
