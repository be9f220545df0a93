-- Several nodes on one PostgreSQL. Destination domains hash into a fixed number of shards (rolled up by
-- mailbox provider where the domain says so); a node delivers only the shards it leases here, so the
-- per-destination limits hold across the cluster.
ALTER TABLE delivery ADD COLUMN shard INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE due ADD COLUMN shard INTEGER DEFAULT 0 NOT NULL;
-- set, durably, right before the end-of-data dot is sent by a clustered node: a node that takes the
-- shard over after a crash makes such a delivery uncertain instead of sending it again
ALTER TABLE delivery ADD COLUMN dot_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX due_shard_time ON due (shard, next_attempt_at);
CREATE INDEX delivery_shard_state ON delivery (shard, state);

CREATE TABLE cluster_node (
    name         VARCHAR(100) PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- what the node says of itself: "delivering 22 shards", "lost the database: not sending"
    status       VARCHAR(300)
);

CREATE TABLE shard_lease (
    shard      INTEGER PRIMARY KEY,
    node       VARCHAR(100),
    expires_at TIMESTAMP WITH TIME ZONE
);
