package dev.homing.cluster;

/** The cluster's SQL (PostgreSQL: the lease times are the database's clock). */
final class ClusterSql {
    private ClusterSql() {
    }

    static final String ADD_SHARD = "INSERT INTO shard_lease (shard) VALUES (?) ON CONFLICT (shard) DO NOTHING";

    static final String JOIN = "INSERT INTO cluster_node (name, started_at, heartbeat_at, status) VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?)"
            + " ON CONFLICT (name) DO UPDATE SET started_at = CURRENT_TIMESTAMP, heartbeat_at = CURRENT_TIMESTAMP, status = EXCLUDED.status";

    static final String BEAT = "UPDATE cluster_node SET heartbeat_at = CURRENT_TIMESTAMP, status = ? WHERE name = ?";

    /** Renews this node's unexpired leases; an expired one may already be another node's, so it is not renewed. */
    static final String RENEW = "UPDATE shard_lease SET expires_at = CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'"
            + " WHERE node = ? AND expires_at > CURRENT_TIMESTAMP RETURNING shard";

    static final String LIVE = "SELECT COUNT(*) FROM cluster_node WHERE heartbeat_at > CURRENT_TIMESTAMP - ? * INTERVAL '1 millisecond'";

    /** Free or expired shards, lowest first; SKIP LOCKED so two nodes taking shards at once take different ones. */
    static final String ACQUIRE = "UPDATE shard_lease SET node = ?, expires_at = CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond'"
            + " WHERE shard IN (SELECT shard FROM shard_lease WHERE node IS NULL OR expires_at <= CURRENT_TIMESTAMP"
            + " ORDER BY shard LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING shard";

    static final String RELEASE = "UPDATE shard_lease SET node = NULL, expires_at = NULL WHERE shard = ? AND node = ?";

    static final String LEAVE = "UPDATE shard_lease SET node = NULL, expires_at = NULL WHERE node = ?";

    static final String FORGET = "DELETE FROM cluster_node WHERE name = ?";

    /** Portable (H2 too): status reads it on any database. */
    static final String MEMBERS = "SELECT n.name, n.status, n.heartbeat_at,"
            + " (SELECT COUNT(*) FROM shard_lease l WHERE l.node = n.name AND l.expires_at > CURRENT_TIMESTAMP)"
            + " FROM cluster_node n ORDER BY n.name";
}
