package dev.homing.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.homing.report.DeliveryFacts;
import dev.homing.report.Diagnosis;
import dev.homing.report.Timeline;

import java.util.List;

import static dev.homing.api.CampaignRoutes.time;

/** One delivery: where it stands, every attempt and late event in time order, and the verdict with the next action. */
record DeliveryView(long id, long messageId, String recipient, String campaign, String state, int attempts, String createdAt,
                    String updatedAt, String nextAttemptAt, DiagnosisView diagnosis, List<StepView> timeline) {

    record DiagnosisView(String outcome, String reason, String verdict, String responsible, String action, String advice,
                         String provider) {
    }

    /** An attempt ({@code type} "attempt") or a report that came back later ({@code type} "event"); absent members are omitted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepView(String type, String at, Integer number, String mxHost, String mxIp, String stage, String kind, String status,
                    Integer code, String enhanced, String reason, String excerpt, Integer connectMs, Integer durationMs,
                    String disposition, String before, String after, String transcript, Long reportId) {
    }

    static DeliveryView of(Timeline t) {
        DeliveryFacts f = t.delivery();
        Diagnosis d = t.diagnosis();
        return new DeliveryView(f.id(), f.messageId(), f.recipient(), f.campaign(), f.state().label(), f.attempts(),
                // a final delivery has no next attempt (the column keeps its last schedule; the answer does not show it)
                time(f.createdAt()), time(f.updatedAt()), f.state().isFinal() ? null : time(f.nextAttemptAt()),
                new DiagnosisView(d.outcome().label(), d.reason().label(), d.verdict(), d.responsibleText(), d.action().label(),
                        d.action().advice(), d.providerName()),
                t.steps().stream().map(DeliveryView::step).toList());
    }

    private static StepView step(Timeline.Step s) {
        return switch (s) {
            case Timeline.AttemptStep a -> new StepView("attempt", time(a.at()), a.number(), a.mxHost(), a.mxIp(), a.stage(), null, null,
                    a.code(), a.enhanced(), a.reason(), a.excerpt(), a.connectMs(), a.durationMs(), a.disposition(), null, null,
                    a.transcript().isEmpty() ? null : a.transcript(), null);
            case Timeline.EventStep e -> new StepView("event", time(e.at()), null, null, null, null, e.kind(), e.status(), e.code(), null,
                    e.reason(), e.excerpt(), null, null, null, e.before(), e.after(), null, e.inboundId());
        };
    }
}
