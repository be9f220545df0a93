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

    default boolean holds(int shard) {
        return held().contains(shard);
    }
}
