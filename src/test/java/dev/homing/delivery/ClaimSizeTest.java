package dev.homing.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimSizeTest {

    @Test
    void startsSmallAndDoublesAfterEachFullClaimUpToTheMaximum() {
        ClaimSize size = new ClaimSize();
        assertThat(size.next()).isEqualTo(ClaimSize.FIRST).isLessThan(ClaimSize.MAX);
        int claims = 0;
        int last = 0;
        while (size.next() < ClaimSize.MAX) {
            last = size.next();
            size.claimed(last);
            assertThat(size.next()).isEqualTo(Math.min(last * 2, ClaimSize.MAX));
            claims++;
        }
        assertThat(claims).isEqualTo(5); // 250, 500, 1,000, 2,000, 4,000, then 5,000
        size.claimed(ClaimSize.MAX);
        assertThat(size.next()).isEqualTo(ClaimSize.MAX);
    }

    @Test
    void aClaimThatCameBackShortKeepsTheSize() {
        ClaimSize size = new ClaimSize();
        size.claimed(ClaimSize.FIRST);
        int now = size.next();
        size.claimed(now - 1);
        assertThat(size.next()).isEqualTo(now);
        size.claimed(0);
        assertThat(size.next()).isEqualTo(now);
    }
}
