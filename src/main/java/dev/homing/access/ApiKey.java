package dev.homing.access;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key, without its secret.
 *
 * @param prefix    the public part of the key, shown in listings so a key can be recognised
 * @param revokedAt when it stopped working, or null
 */
public record ApiKey(long id, String name, String prefix, Set<Scope> scopes, Instant createdAt, Instant revokedAt) {
    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** How what a key did is recorded (consent record, suppressions, overrides): "API key NAME (prefix)". */
    public String who() {
        return "API key " + name + " (" + prefix + ")";
    }
}
