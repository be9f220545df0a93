package dev.homing.report;

import dev.homing.provider.Provider;
import dev.homing.provider.ProviderDetector;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The provider of each recipient domain, for one report. A campaign has many domains and each MX
 * lookup may wait seconds, so they are looked up together on virtual threads (a bounded number at a
 * time) and remembered; the detector's own cache keeps them across reports.
 */
final class Providers {
    /** Lookups in flight at once: enough to hide DNS latency, few enough not to flood a resolver. */
    private static final int PARALLEL = 32;

    private final ProviderDetector detector;
    private final Map<String, Provider> known = new ConcurrentHashMap<>();

    Providers(ProviderDetector detector) {
        this.detector = detector;
    }

    /** Looks up every domain not known yet, in parallel, and returns when all have an answer. */
    void prefetch(Collection<String> domains) {
        Semaphore slots = new Semaphore(PARALLEL);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String d : domains) {
                String key = key(d);
                if (known.containsKey(key)) {
                    continue;
                }
                slots.acquireUninterruptibly();
                pool.submit(() -> {
                    try {
                        known.put(key, detector.detect(key));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    Provider of(String domain) {
        return known.computeIfAbsent(key(domain), detector::detect);
    }

    private static String key(String domain) {
        return domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT);
    }
}
