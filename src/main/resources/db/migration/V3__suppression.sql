-- Suppression and the evidence it weighs.

-- What we know of an address across campaigns: when it last accepted mail, and the soft bounces since.
CREATE TABLE address_history (
    email_key         VARCHAR(320) PRIMARY KEY,
    last_delivered_at TIMESTAMP WITH TIME ZONE,
    soft_bounces      INTEGER NOT NULL,
    first_soft_at     TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- An address not to be mailed, for one list or (list_id 0) for every list. A 'suspected' row is a
-- likely false positive waiting for review or for a repeat; only 'active' rows stop sending.
CREATE TABLE suppression (
    email_key  VARCHAR(320) NOT NULL,
    list_id    BIGINT NOT NULL,
    reason     VARCHAR(32) NOT NULL,
    status     VARCHAR(16) NOT NULL,
    source     VARCHAR(500),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (email_key, list_id)
);

-- when the suppression rules last looked at a message's outcomes (null: not yet)
ALTER TABLE message ADD COLUMN judged_at TIMESTAMP WITH TIME ZONE;
