-- Single-use links: the nonce of every consumed token (double opt-in confirmations). A second use
-- of the same token fails on the primary key, which also settles two clicks racing each other.
-- Unsubscribe tokens are not recorded here: they stay valid until they expire, and using one twice
-- is harmless (RFC 8058 one-click).
CREATE TABLE used_token (
    -- the token's 16-byte nonce in lower-case hex
    nonce   VARCHAR(32) PRIMARY KEY,
    -- confirm | unsubscribe
    purpose VARCHAR(16) NOT NULL,
    used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
