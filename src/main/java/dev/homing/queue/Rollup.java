package dev.homing.queue;

/**
 * Names the receiving service a destination domain belongs to, so that every domain one service hosts
 * shares one shard (one node of a cluster sends to it) and one throttle (its limits hold for the whole
 * service): a company's own domain whose MX is Google's is Google, like gmail.com.
 */
@FunctionalInterface
public interface Rollup {
    /** The key deliveries to this domain are grouped by: a service name, or the domain itself. Never null; may ask DNS. */
    String keyOf(String domain);

    /** Consumer domains of the big providers by name ({@link Shards#rollup}); no DNS. */
    Rollup BY_NAME = Shards::rollup;

    static Rollup byName() {
        return BY_NAME;
    }
}
