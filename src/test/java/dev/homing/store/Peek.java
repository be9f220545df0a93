package dev.homing.store;

import org.jdbi.v3.core.Jdbi;

/** Tests look into the database in one line (the product itself uses plain JDBC). */
public final class Peek {
    private Peek() {
    }

    public static Jdbi jdbi(Database db) {
        return Jdbi.create(db::connection);
    }
}
