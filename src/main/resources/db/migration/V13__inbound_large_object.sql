-- A received message is written as a stream (it may be megabytes, from anyone): the embedded database keeps it as a
-- large object, stored in blocks and read as a stream, instead of a value the node holds whole in memory. PostgreSQL
-- keeps BYTEA (its driver streams the value to the server). The type is a placeholder the node sets per database.
ALTER TABLE inbound_message ALTER COLUMN raw SET DATA TYPE ${large_binary};
