-- A campaign's deliveries are added in batches while the engine may already be sending the first ones: until the
-- last batch is in, the message is not finished however final its deliveries so far (no "sent", no suppression
-- judgement on half a list). Owned by the queue package; set by the campaign expansion.
ALTER TABLE message ADD COLUMN expanding BOOLEAN DEFAULT FALSE NOT NULL;
