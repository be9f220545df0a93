/**
 * Several nodes on one PostgreSQL: each node registers itself and leases destination shards
 * ({@link dev.homing.queue.Shards}) with an expiry it renews by heartbeat. A node delivers only the
 * shards it holds, so per-destination concurrency and rates hold across the cluster; shards spread
 * evenly as nodes join and leave (a shard is handed back only once the node has nothing of it in hand:
 * no unsettled claim, no open connection, no claim under way); a node that cannot renew (killed, or cut off from the database)
 * stops sending before its leases expire, and the node that takes a shard over recovers what was in
 * flight: back on the work list before the dot, uncertain (147) after it.
 */
package dev.homing.cluster;
