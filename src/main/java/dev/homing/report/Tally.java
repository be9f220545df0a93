package dev.homing.report;

import dev.homing.outcome.Reason;
import dev.homing.queue.DeliveryState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts one campaign's diagnoses as they stream past, in memory that grows with the number of
 * distinct groups and codes, not with the number of deliveries.
 */
final class Tally {
    private record Key(ProviderGroup provider, String outcome, Reason reason) {
    }

    private static final class Bucket {
        final Diagnosis first;
        long count;
        boolean byIp;
        final Map<String, Long> tags = new HashMap<>();

        Bucket(Diagnosis first) {
            this.first = first;
        }
    }

    private static final class CodeBucket {
        final DeliveryFacts example;
        final Diagnosis diagnosis;
        long count;

        CodeBucket(DeliveryFacts example, Diagnosis diagnosis) {
            this.example = example;
            this.diagnosis = diagnosis;
        }
    }

    private record ReasonKey(Reason reason, String outcome) {
    }

    private static final class ReasonBucket {
        final Diagnosis first;
        long count;

        ReasonBucket(Diagnosis first) {
            this.first = first;
        }
    }

    private final Map<DeliveryState, Long> byState = new EnumMap<>(DeliveryState.class);
    private final Map<Key, Bucket> groups = new LinkedHashMap<>();
    private final Map<ReasonKey, ReasonBucket> reasons = new LinkedHashMap<>();
    private final Map<String, CodeBucket> codes = new LinkedHashMap<>();
    private long total;
    private long delivered;
    private long complained;
    private long suspected;

    void add(DeliveryFacts f, Diagnosis d) {
        total++;
        byState.merge(f.state(), 1L, Long::sum);
        switch (d.outcome()) {
            case Outcome.Delivered x -> delivered++;
            case Outcome.Complained x -> complained++;
            case Outcome.SuspectedFiltering x -> suspected++;
            default -> {
            }
        }
        if (f.code() != null) {
            codes.computeIfAbsent(f.code() + " " + (f.enhanced() == null ? "" : f.enhanced()) + " " + d.outcome().label(),
                    k -> new CodeBucket(f, d)).count++;
        }
        if (d.outcome() instanceof Outcome.Delivered) {
            return;
        }
        reasons.computeIfAbsent(new ReasonKey(d.reason(), d.outcome().label()), k -> new ReasonBucket(d)).count++;
        Bucket b = groups.computeIfAbsent(new Key(ProviderGroup.of(d.provider()), d.outcome().label(), d.reason()), k -> new Bucket(d));
        b.count++;
        b.byIp |= Phrases.namesIp(f.detail());
        String tag = Phrases.tag(f.detail());
        if (tag != null) {
            b.tags.merge(tag, 1L, Long::sum);
        }
    }

    CampaignDiagnosis result(String campaign, String from, Diagnoses diagnoses, List<TemporaryAnswer> temporary) {
        List<CampaignDiagnosis.Group> out = new ArrayList<>();
        groups.forEach((k, b) -> {
            String tag = b.tags.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            Diagnosis d = b.first;
            out.add(new CampaignDiagnosis.Group(k.provider(), k.outcome(), k.reason(), tag, b.count, d.responsible(), d.action(),
                    Phrases.group(k.provider(), d.outcome(), k.reason(), tag, b.count, d.responsible(), d.action(), b.byIp)));
        });
        out.sort(Comparator.comparingLong(CampaignDiagnosis.Group::count).reversed());
        List<CampaignDiagnosis.ReasonCount> byReason = reasons.values().stream()
                .sorted(Comparator.comparingLong((ReasonBucket b) -> b.count).reversed())
                .map(b -> new CampaignDiagnosis.ReasonCount(b.first.reason(), b.first.outcome().label(), b.count,
                        diagnoses.meaning(b.first, null), b.first.action().label())).toList();
        List<CampaignDiagnosis.CodeCount> byCode = codes.values().stream()
                .sorted(Comparator.comparingLong((CodeBucket c) -> c.count).reversed())
                .map(c -> new CampaignDiagnosis.CodeCount(c.example.code(), c.example.enhanced(), c.diagnosis.outcome().label(), c.count,
                        diagnoses.meaning(c.diagnosis, c.example), c.diagnosis.action().label(),
                        Diagnoses.excerpt(dev.homing.smtp.Reply.wordsAfterCodes(c.example.detail()), 110)))
                .toList();
        return new CampaignDiagnosis(campaign, from, total, byState, out, byReason, byCode, delivered, complained, suspected, temporary);
    }
}
