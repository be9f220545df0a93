package dev.homing.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {
    @Test
    void tooManyConnectionsHalvesConnectionsOnlyAndOncePerBurst() {
        Throttle t = new Throttle(new Limits(8, 0));
        t.slowDown(false, 50);
        t.slowDown(false, 50); // the same 421 seen by another session of the burst
        assertThat(t.connections()).isEqualTo(4);
        assertThat(t.perSecond()).isZero();
        assertThat(t.slowDowns()).isEqualTo(1);
        assertThat(t.reserve()).as("paused after a slow-down").isGreaterThan(500_000_000L);
    }

    @Test
    void rateComplaintStartsARateLimitFromTheObservedRateAndRecoversGradually() {
        Throttle t = new Throttle(new Limits(4, 0));
        t.slowDown(true, 40);
        assertThat(t.perSecond()).isEqualTo(20);
        assertThat(t.connections()).isEqualTo(2);
        for (int i = 0; i < Throttle.RECOVER_AFTER; i++) {
            t.accepted();
        }
        assertThat(t.connections()).isEqualTo(3);
        assertThat(t.perSecond()).isEqualTo(30);
        for (int i = 0; i < Throttle.RECOVER_AFTER * 10; i++) {
            t.accepted();
        }
        assertThat(t.connections()).isEqualTo(4);
        assertThat(t.perSecond()).as("back to no limit").isZero();
    }

    @Test
    void configuredRateIsACeilingAndSpacesMessages() {
        Throttle t = new Throttle(new Limits(2, 10));
        assertThat(t.reserve()).isZero();
        long second = t.reserve();
        assertThat(second).isBetween(90_000_000L, 100_000_000L);
        for (int i = 0; i < Throttle.RECOVER_AFTER; i++) {
            t.accepted();
        }
        assertThat(t.perSecond()).isEqualTo(10);
    }
}
