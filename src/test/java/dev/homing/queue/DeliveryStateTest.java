package dev.homing.queue;

import dev.homing.outcome.Disposition;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery state machine, written once on DeliveryState: every move it allows and every one it refuses. */
class DeliveryStateTest {
    @Test
    void anAttemptsDispositionDecidesTheNextState() {
        assertThat(DeliveryState.after(Disposition.DELIVERED, false)).isEqualTo(DeliveryState.DELIVERED);
        assertThat(DeliveryState.after(Disposition.FAILED, false)).isEqualTo(DeliveryState.BOUNCED);
        assertThat(DeliveryState.after(Disposition.UNCERTAIN, false)).isEqualTo(DeliveryState.UNCERTAIN);
        assertThat(DeliveryState.after(Disposition.RETRY, false)).isEqualTo(DeliveryState.DEFERRED);
        assertThat(DeliveryState.after(Disposition.RETRY, true)).isEqualTo(DeliveryState.EXPIRED);
        // the queue's age only matters to a temporary answer
        assertThat(DeliveryState.after(Disposition.DELIVERED, true)).isEqualTo(DeliveryState.DELIVERED);
        assertThat(DeliveryState.after(Disposition.FAILED, true)).isEqualTo(DeliveryState.BOUNCED);
    }

    @Test
    void aLateReportMovesOnlyWhatItCanSpeakFor() {
        for (DeliveryState s : DeliveryState.values()) {
            DeliveryState bounced = s.afterLate(LateEvent.Kind.BOUNCE);
            DeliveryState complained = s.afterLate(LateEvent.Kind.COMPLAINT);
            assertThat(bounced).as("late bounce after %s", s)
                    .isEqualTo(s == DeliveryState.DELIVERED || s == DeliveryState.UNCERTAIN ? DeliveryState.BOUNCED : s);
            assertThat(complained).as("complaint after %s", s).isEqualTo(
                    EnumSet.of(DeliveryState.DELIVERED, DeliveryState.UNCERTAIN, DeliveryState.BOUNCED).contains(s) ? DeliveryState.COMPLAINED : s);
            assertThat(s.afterLate(LateEvent.Kind.DELAY)).isEqualTo(s);
            assertThat(s.afterLate(LateEvent.Kind.SUCCESS)).isEqualTo(s);
        }
    }

    @Test
    void theOpenStatesAreTheNonFinalOnesAndTheSqlSaysTheSame() {
        for (DeliveryState s : DeliveryState.values()) {
            assertThat(DeliveryState.OPEN.contains(s)).as(s.label()).isEqualTo(!s.isFinal());
        }
        assertThat(DeliveryState.OPEN_SQL).isEqualTo("('queued', 'sending', 'deferred')");
    }
}
