package dev.homing.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The shards of a batch of new deliveries' domains. A rollup that reads MX records may wait on DNS for
 * each new domain, so the distinct domains of a batch are looked up side by side (a bounded number at
 * once, to be gentle with the resolver); a rollup that fails for a domain leaves it in its own shard.
 */
record ShardKeys(Rollup rollup) {
    private static final Logger log = LoggerFactory.getLogger(ShardKeys.class);
    /** DNS lookups in flight at once for one batch. */
    static final int PARALLEL = 32;

    Map<String, Integer> shardsOf(Collection<String> domains) {
        Map<String, Integer> out = new HashMap<>(domains.size() * 2);
        if (rollup == Rollup.BY_NAME || domains.size() == 1) {
            domains.forEach(d -> out.put(d, shardOf(d)));
            return out;
        }
        Semaphore permits = new Semaphore(PARALLEL);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> order = new ArrayList<>(domains);
            List<Future<Integer>> shards = new ArrayList<>(order.size());
            for (String d : order) {
                shards.add(threads.submit(() -> {
                    permits.acquire();
                    try {
                        return shardOf(d);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (int i = 0; i < order.size(); i++) {
                out.put(order.get(i), shards.get(i).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueueException("interrupted while grouping destination domains", e);
        } catch (ExecutionException e) {
            throw new QueueException("cannot group destination domains: " + e.getCause(), e.getCause());
        }
        return out;
    }

    private int shardOf(String domain) {
        String key;
        try {
            key = rollup.keyOf(domain);
        } catch (RuntimeException e) {
            // a delivery is never lost for its grouping: on its own it is still sent, only its service's limit is not shared
            log.warn("cannot tell which service receives mail for {}: {}; grouped by its own name", domain, e.toString());
            key = Shards.rollup(domain);
        }
        return Shards.ofKey(key == null || key.isEmpty() ? Shards.rollup(domain) : key);
    }
}
