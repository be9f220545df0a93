package dev.homing.delivery;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private Throttle throttle(int connections, double rate) {
        return new Throttle(new Limits(connections, rate), 30 * SECOND, now::get);
    }

    @Test
    void tooManyConnectionsHalvesConnectionsOnlyAndOncePerBurst() {
        Throttle t = throttle(8, 0);
        t.slowDown(false, 50);
        t.slowDown(false, 50); // the same 421 seen by another session of the burst
        assertThat(t.connections()).isEqualTo(4);
        assertThat(t.perSecond()).isZero();
        assertThat(t.slowDowns()).isEqualTo(1);
        assertThat(t.reserve()).as("paused after a slow-down").isGreaterThan(500_000_000L);
    }

    @Test
    void aRefusedSessionSetsTheCeilingToTheSessionsThatWorked() {
        Throttle t = throttle(10, 0);
        t.refused(2);
        t.refused(2); // the other sessions of the same burst
        assertThat(t.connections()).isEqualTo(2);
        assertThat(t.slowDowns()).isEqualTo(1);
        assertThat(t.learned("rx").refusedAt()).isEqualTo(3);
        assertThat(t.reserve()).as("the working sessions go on at once").isZero();
    }

    @Test
    void theWayBackUpIsOneStepPerProbeIntervalAndARefusedProbeDoublesTheInterval() {
        Throttle t = throttle(10, 0);
        t.refused(2);
        for (int i = 0; i < 1_000; i++) {
            t.accepted(); // a burst of accepted mail is no reason to open more connections
        }
        assertThat(t.connections()).isEqualTo(2);
        now.addAndGet(30 * SECOND);
        t.accepted();
        assertThat(t.connections()).as("one step after the interval").isEqualTo(3);
        t.accepted();
        assertThat(t.connections()).as("never two at once").isEqualTo(3);
        now.addAndGet(SECOND);
        t.refused(2); // the probe hit the limit again
        assertThat(t.connections()).isEqualTo(2);
        now.addAndGet(30 * SECOND);
        t.accepted();
        assertThat(t.connections()).as("the interval doubled after a refused probe").isEqualTo(2);
        assertThat(t.learned("rx").nextProbeSecs()).isEqualTo(30);
        now.addAndGet(30 * SECOND);
        t.accepted();
        assertThat(t.connections()).isEqualTo(3);
    }

    @Test
    void rateComplaintStartsARateLimitFromTheObservedRateAndRecoversByTime() {
        Throttle t = throttle(4, 0);
        t.slowDown(true, 40);
        assertThat(t.perSecond()).isEqualTo(20);
        assertThat(t.connections()).isEqualTo(2);
        t.accepted();
        assertThat(t.perSecond()).isEqualTo(20);
        now.addAndGet(30 * SECOND);
        t.accepted();
        assertThat(t.connections()).isEqualTo(3);
        assertThat(t.perSecond()).isEqualTo(30);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(30 * SECOND);
            t.accepted();
        }
        assertThat(t.connections()).isEqualTo(4);
        assertThat(t.perSecond()).as("back to no limit").isZero();
        assertThat(t.slowed()).isFalse();
    }

    @Test
    void configuredRateIsACeilingAndSpacesMessages() {
        Throttle t = throttle(2, 10);
        assertThat(t.reserve()).isZero();
        long second = t.reserve();
        assertThat(second).isBetween(90_000_000L, 100_000_000L);
        now.addAndGet(60 * SECOND);
        t.accepted();
        assertThat(t.perSecond()).isEqualTo(10);
    }

    /** A refusal counted while the others were still connecting: what works since raises the ceiling and the refused level. */
    @Test
    void sessionsThatWorkCorrectARefusalCountedTooEarly() {
        Throttle t = throttle(10, 0);
        t.refused(0); // the third connection was refused before the first two finished their EHLO
        assertThat(t.connections()).isEqualTo(1);
        t.sawWorking(1);
        t.sawWorking(2);
        assertThat(t.connections()).as("two sessions work: the receiver holds two").isEqualTo(2);
        assertThat(t.learned("rx").refusedAt()).as("it refused a third").isEqualTo(3);
        t.sawWorking(2);
        assertThat(t.connections()).isEqualTo(2);
    }
}
