-- What each receiving service's throttle learned from its answers (a refused session, a 421 or 450 "slow down"),
-- written by the sending node at its checkpoints so that 'homing status' and the Domains page can show it. Owned by
-- the delivery package (delivery.ThrottleRecord). One row per service; a cluster's nodes write their own view.
CREATE TABLE service_throttle (
    service                VARCHAR(255) PRIMARY KEY,
    configured_connections INTEGER NOT NULL,
    connections            INTEGER NOT NULL,
    configured_rate        DOUBLE PRECISION NOT NULL,
    rate                   DOUBLE PRECISION NOT NULL,
    slow_downs             INTEGER NOT NULL,
    refused_at             INTEGER NOT NULL,
    refused_when           TIMESTAMP WITH TIME ZONE,
    next_probe_at          TIMESTAMP WITH TIME ZONE,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
