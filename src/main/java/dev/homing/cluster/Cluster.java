package dev.homing.cluster;

import dev.homing.queue.Leases;
import dev.homing.queue.Queue;
import dev.homing.queue.RecoveryReport;
import dev.homing.queue.Shards;
import dev.homing.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * This node's membership of the cluster: its heartbeat, and the shard leases it holds, renews, takes
 * and hands back. Lease times are the database's clock (every node agrees on it); whether this node may
 * still send is its own monotonic clock, which stops it a third of a lease before the database would
 * let another node take over.
 */
public final class Cluster implements Leases, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    /**
     * @param node this node's name, unique in the cluster
     * @param ttl  how long a lease lasts without renewal; a dead node's shards move after this long
     */
    public record Settings(String node, Duration ttl) {
        public Settings {
            if (node == null || !node.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("node name \"" + node + "\": 1 to 100 letters, digits, dots, dashes or underscores");
            }
        }
    }

    private final Database db;
    private final Queue queue;
    private final Settings settings;
    /** Shards leased to this node (as of the last renewal). */
    private final Set<Integer> leased = new ConcurrentSkipListSet<>();
    /** Leased shards being handed back: no new claims, released once nothing of theirs is in flight. */
    private final Set<Integer> draining = new ConcurrentSkipListSet<>();
    private volatile long validUntilNanos;
    /** The tenure of each leased shard (see {@link Leases#tenure}). */
    private final java.util.Map<Integer, Long> tenures = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong tenureCounter = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean lost;
    private volatile String status = "starting";
    private Thread heart;

    public Cluster(Database db, Queue queue, Settings settings) {
        if (db.embedded()) {
            throw new IllegalArgumentException("several nodes share one PostgreSQL: give --db postgresql://... (the embedded database is one process's)");
        }
        this.db = db;
        this.queue = queue;
        this.settings = settings;
    }

    /** Registers the node and makes sure every shard has its lease row. */
    public void join() {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(ClusterSql.ADD_SHARD)) {
                for (int s = 0; s < Shards.COUNT; s++) {
                    ps.setInt(1, s);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(ClusterSql.JOIN)) {
                ps.setString(1, settings.node());
                ps.setString(2, status);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot join the cluster as " + settings.node() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the heartbeat: a beat now, then every sixth of a lease (a busy machine may delay a beat or two). */
    public void start() {
        beat();
        long every = Math.max(50, settings.ttl().toMillis() / 6);
        heart = Thread.ofPlatform().daemon().name("cluster-heartbeat").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                beat();
            }
        });
    }

    @Override
    public Set<Integer> held() {
        if (System.nanoTime() > validUntilNanos) {
            return Set.of();
        }
        Set<Integer> out = new TreeSet<>(leased);
        out.removeAll(draining);
        return out;
    }

    /** The dot gate asks this: a draining shard is still ours until handed back. */
    @Override
    public boolean holds(int shard) {
        return System.nanoTime() <= validUntilNanos && leased.contains(shard);
    }

    @Override
    public boolean claims(int shard) {
        return holds(shard) && !draining.contains(shard);
    }

    public String status() {
        return status;
    }

    @Override
    public String node() {
        return settings.node();
    }

    @Override
    public long tenure(int shard) {
        return tenures.getOrDefault(shard, 0L);
    }

    /** One heartbeat: renew, take a fair share, hand back the excess. Never throws: a lost database is logged and waited out. */
    void beat() {
        long started = System.nanoTime();
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            Set<Integer> mine = renew(c);
            // shards lost (expired and maybe taken) end their tenure before anything may act on the renewal
            leased.retainAll(mine);
            tenures.keySet().retainAll(mine);
            draining.retainAll(mine);
            // self-fencing: we may act on these until two thirds of the lease from the start of this renewal
            validUntilNanos = started + settings.ttl().toNanos() * 2 / 3;
            for (int shard : mine) {
                if (!leased.contains(shard)) {
                    // still ours from before a restart: what that process left in flight is recovered like a take-over
                    takeOver(shard);
                }
            }
            int live = live(c);
            int fair = (Shards.COUNT + live - 1) / live;
            if (leased.size() < fair) {
                for (int shard : acquire(c, fair - leased.size())) {
                    takeOver(shard);
                }
            } else if (leased.size() > fair) {
                List<Integer> extra = new ArrayList<>(leased);
                extra.sort(null);
                draining.addAll(extra.subList(fair, extra.size()));
            }
            handBack(c);
            if (lost) {
                log.atInfo().addKeyValue("node", settings.node()).log("the database is back: {} delivers again", settings.node());
                lost = false;
            }
            status = "delivering " + held().size() + " of " + Shards.COUNT + " shards (" + live + " node" + (live == 1 ? "" : "s") + ")";
            try (PreparedStatement ps = c.prepareStatement(ClusterSql.BEAT)) {
                ps.setString(1, status);
                ps.setString(2, settings.node());
                ps.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            status = "lost the database: not sending (" + e.getMessage() + ")";
            if (!lost) {
                log.atError().addKeyValue("node", settings.node()).log("{}: cannot renew shard leases ({}); this node stops sending"
                        + " before they expire and goes on when the database answers again", settings.node(), e.getMessage());
                lost = true;
            }
        }
    }

    /** A shard becomes this node's: first its orphans are recovered, then a new tenure starts and claims may begin. */
    private void takeOver(int shard) {
        RecoveryReport r = queue.recoverShard(shard);
        if (r.uncertain() + r.requeued() > 0) {
            log.atInfo().addKeyValue("node", settings.node()).addKeyValue("shard", shard).addKeyValue("requeued", r.requeued())
                    .addKeyValue("uncertain", r.uncertain())
                    .log("took over shard {}: {} deliveries back on the work list, {} uncertain (their dot was sent)",
                            shard, r.requeued(), r.uncertain());
        }
        tenures.put(shard, tenureCounter.incrementAndGet());
        leased.add(shard);
        draining.remove(shard);
    }

    private Set<Integer> renew(Connection c) throws SQLException {
        Set<Integer> mine = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(ClusterSql.RENEW)) {
            ps.setLong(1, settings.ttl().toMillis());
            ps.setString(2, settings.node());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mine.add(rs.getInt(1));
                }
            }
        }
        return mine;
    }

    private int live(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ClusterSql.LIVE)) {
            ps.setLong(1, settings.ttl().toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.max(1, rs.getInt(1));
            }
        }
    }

    private List<Integer> acquire(Connection c, int wanted) throws SQLException {
        List<Integer> got = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ClusterSql.ACQUIRE)) {
            ps.setString(1, settings.node());
            ps.setLong(2, settings.ttl().toMillis());
            ps.setInt(3, wanted);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    got.add(rs.getInt(1));
                }
            }
        }
        return got;
    }

    /**
     * Draining shards go back once nothing of theirs is in flight and no connection of this node to their
     * domains is open (the next holder opens its own: both at once would pass the destination's limit),
     * after this node's settlements of them are committed.
     */
    private void handBack(Connection c) throws SQLException {
        List<Integer> ready = draining.stream().filter(queue::quiet).toList();
        if (ready.isEmpty()) {
            return;
        }
        queue.flush();
        try (PreparedStatement ps = c.prepareStatement(ClusterSql.RELEASE)) {
            for (int s : ready) {
                ps.setInt(1, s);
                ps.setString(2, settings.node());
                ps.executeUpdate();
                leased.remove(s);
                tenures.remove(s);
                draining.remove(s);
            }
        }
    }

    /** One node as the database knows it: what it last said of itself, when, and how many shards it leases. */
    public record Member(String node, String status, java.time.Instant heartbeat, long shards) {
    }

    /** The nodes of the cluster this database serves (none when it is not clustered), by name. */
    public static List<Member> members(Database db) {
        List<Member> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ClusterSql.MEMBERS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Member(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getLong(4)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the cluster's nodes: " + e.getMessage(), e);
        }
    }

    /** Leaves the cluster: every lease handed back at once (call after the engine stopped and the queue flushed). */
    @Override
    public void close() {
        if (heart != null) {
            heart.interrupt();
        }
        validUntilNanos = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(ClusterSql.LEAVE);
             PreparedStatement node = c.prepareStatement(ClusterSql.FORGET)) {
            ps.setString(1, settings.node());
            ps.executeUpdate();
            node.setString(1, settings.node());
            node.executeUpdate();
        } catch (SQLException e) {
            log.warn("{} left without handing its leases back ({}): they expire in {}", settings.node(), e.getMessage(), settings.ttl());
        }
    }
}
