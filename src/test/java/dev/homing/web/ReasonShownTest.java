package dev.homing.web;

import dev.homing.outcome.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The campaign report's reason labels: the judge's "undefined" never reaches a chart, where it reads like a script's bug. */
class ReasonShownTest {
    @Test
    void everyReasonReadsAsWordsAndOnlyUndefinedIsRenamed() {
        for (Reason r : Reason.values()) {
            String shown = CampaignPages.shown(r);
            assertThat(shown).as(r.name()).isNotBlank().isNotEqualTo("undefined").isNotEqualTo("null");
            if (r != Reason.UNDEFINED) {
                assertThat(shown).isEqualTo(r.label());
            }
        }
        assertThat(CampaignPages.shown(Reason.UNDEFINED)).isEqualTo("unclassified (no reason given)");
    }
}
