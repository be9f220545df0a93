/**
 * Persistence: opens the embedded H2 file database (default, under the Homing home folder) or
 * PostgreSQL, applies the Flyway migrations in {@code db/migration} (one schema for both), and
 * hands out a {@link org.jdbi.v3.core.Jdbi}. All SQL of the queue lives in the {@code queue}
 * package's {@code QueueSql}; this package owns connections and schema, not queries. {@code OwnerOnly} keeps
 * the data folder and what is written under it readable by the node's user only.
 */
package dev.homing.store;
