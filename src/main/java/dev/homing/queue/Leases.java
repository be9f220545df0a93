package dev.homing.queue;

import java.util.Set;

/**
 * What the queue of a clustered node needs to know from the cluster: the shards this node may deliver
 * now. A node that cannot renew its leases (it lost the database) holds none, so it sends nothing that
 * another node might send too.
 */
public interface Leases {
    /** This node's name in the cluster (its leases are held under it). */
    String node();

    /** The shards leased to this node and not yet expired by this node's own clock. */
    Set<Integer> held();

    /** True while the shard is this node's by its own clock, including while it is being handed back. */
    default boolean holds(int shard) {
        return held().contains(shard);
    }

    /** True when this node may claim new work of the shard: held, and not being handed back. */
    default boolean claims(int shard) {
        return held().contains(shard);
    }

    /**
     * Which tenure of the shard this node is in: a new number each time the node takes the shard, so a
     * delivery claimed before the node lost the shard cannot be sent after it took the shard back.
     * 0 when the node does not hold it.
     */
    long tenure(int shard);
}
