package dev.homing.delivery;

import java.time.Duration;
import java.util.Map;

/**
 * How the engine schedules work.
 *
 * @param client          SMTP client behaviour (HELO name, timeouts, reuse)
 * @param limits          default limits of every destination
 * @param limitsByDomain  per-destination overrides
 * @param tls             default TLS policy
 * @param tlsByDomain     per-destination TLS policy (e.g. REQUIRED for a partner domain)
 * @param maxConnections  all open connections together
 * @param inMemory        deliveries claimed from the database and held in memory at most
 * @param checkpoint      how often the journal is rotated and the database brought up to date
 */
public record EngineSettings(ClientSettings client, Limits limits, Map<String, Limits> limitsByDomain, TlsPolicy tls,
                             Map<String, TlsPolicy> tlsByDomain, int maxConnections, int inMemory, Duration checkpoint) {
    public EngineSettings {
        limitsByDomain = Map.copyOf(limitsByDomain);
        tlsByDomain = Map.copyOf(tlsByDomain);
    }

    public static EngineSettings defaults(String helo) {
        return new EngineSettings(ClientSettings.defaults(helo), new Limits(10, 0), Map.of(), TlsPolicy.OPPORTUNISTIC,
                Map.of(), 1000, 20_000, Duration.ofSeconds(5));
    }

    public EngineSettings withClient(ClientSettings c) {
        return new EngineSettings(c, limits, limitsByDomain, tls, tlsByDomain, maxConnections, inMemory, checkpoint);
    }

    public EngineSettings withLimits(Limits l) {
        return new EngineSettings(client, l, limitsByDomain, tls, tlsByDomain, maxConnections, inMemory, checkpoint);
    }

    public EngineSettings withLimits(String domain, Limits l) {
        var m = new java.util.HashMap<>(limitsByDomain);
        m.put(domain, l);
        return new EngineSettings(client, limits, m, tls, tlsByDomain, maxConnections, inMemory, checkpoint);
    }

    public EngineSettings withTls(String domain, TlsPolicy p) {
        var m = new java.util.HashMap<>(tlsByDomain);
        m.put(domain, p);
        return new EngineSettings(client, limits, limitsByDomain, tls, m, maxConnections, inMemory, checkpoint);
    }

    public EngineSettings withMaxConnections(int n) {
        return new EngineSettings(client, limits, limitsByDomain, tls, tlsByDomain, n, inMemory, checkpoint);
    }

    Limits limitsFor(String domain) {
        return limitsByDomain.getOrDefault(domain, limits);
    }

    TlsPolicy tlsFor(String domain) {
        return tlsByDomain.getOrDefault(domain, tls);
    }
}
