-- mailto: unsubscribe addresses (RFC 2369 List-Unsubscribe). A local part has 64 characters at most,
-- too few for a signed token, so the address carries a random reference (128 bits) looked up here.
CREATE TABLE unsubscribe_mailbox (
    ref        VARCHAR(32) PRIMARY KEY,
    email_key  VARCHAR(320) NOT NULL,
    list_id    BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT unsubscribe_mailbox_once UNIQUE (email_key, list_id)
);
