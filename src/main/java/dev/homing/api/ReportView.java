package dev.homing.api;

import dev.homing.report.CampaignDiagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A campaign's diagnosis as JSON: plain values only, so the wire format does not follow the report's internals. */
record ReportView(String campaign, String from, long total, Map<String, Long> byState, long delivered, long complained,
                  long suspected, double complaintRate, boolean complaintRateTooHigh, List<GroupView> groups,
                  List<ReasonView> byReason, List<CodeView> byCode, List<TemporaryView> temporary) {

    /** A temporary answer met on the way, the deliveries it touched and how they ended. */
    record TemporaryView(int code, String enhanced, String reason, long deliveries, long attempts, long deliveredLater, long expired,
                         long failedLater, long waiting, String sentence, String example) {
    }

    record GroupView(String provider, String outcome, String reason, String tag, long count, String responsible, String action,
                     String sentence) {
    }

    record ReasonView(String reason, String outcome, long count, String sentence, String action) {
    }

    record CodeView(int code, String enhanced, String outcome, long count, String sentence, String action, String example) {
    }

    static ReportView of(CampaignDiagnosis d) {
        Map<String, Long> states = new TreeMap<>();
        d.byState().forEach((s, n) -> states.put(s.label(), n));
        return new ReportView(d.campaign(), d.from(), d.total(), states, d.delivered(), d.complained(), d.suspected(),
                d.complaintRate(), d.complaintRateTooHigh(),
                d.groups().stream().map(g -> new GroupView(g.provider().displayName(), g.outcome(), g.reason().label(), g.tag(),
                        g.count(), g.responsible().name().toLowerCase(Locale.ROOT), g.action().label(), g.sentence())).toList(),
                d.byReason().stream().map(r -> new ReasonView(r.reason().label(), r.outcome(), r.count(), r.sentence(), r.action())).toList(),
                d.byCode().stream().map(c -> new CodeView(c.code(), c.enhanced(), c.outcome(), c.count(), c.sentence(), c.action(), c.example()))
                        .toList(),
                d.temporary().stream().map(a -> new TemporaryView(a.code(), a.enhanced(), a.reason().label(), a.deliveries(), a.attempts(),
                        a.deliveredLater(), a.expired(), a.failedLater(), a.waiting(), a.sentence(), a.example())).toList());
    }
}
