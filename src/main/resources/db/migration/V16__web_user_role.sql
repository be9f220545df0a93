-- What a person may do in the web UI: admin (everything, the settings pages: API keys, webhooks, users), editor
-- (lists, campaigns, sending, suppressions) or viewer (reads only). Accounts made before roles existed were all
-- able to do everything: they stay admins.
ALTER TABLE web_user ADD COLUMN role VARCHAR(16) DEFAULT 'admin' NOT NULL;
