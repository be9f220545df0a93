/**
 * Persistence: opens the embedded H2 file database (default, under the Homing home folder) or
 * PostgreSQL, applies the Flyway migrations in {@code db/migration} (one schema for both), and
 * hands out pooled connections: one data-access style, plain JDBC, everywhere. Each table's SQL lives in the
 * {@code *Sql} class of the package that owns it; this package owns connections and schema, not queries. {@code OwnerOnly} keeps
 * the data folder and what is written under it readable by the node's user only.
 */
package dev.homing.store;
