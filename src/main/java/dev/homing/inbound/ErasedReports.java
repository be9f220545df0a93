package dev.homing.inbound;

import dev.homing.list.Erasure;
import dev.homing.store.Database;
import dev.homing.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The stored bounces and complaints matched to an erased person's deliveries, deleted: the raw message repeats the
 * address (and often the message itself). What the mailroom read from them stays on each delivery as its outcome.
 */
public final class ErasedReports implements Erasure.StoredReports {
    private final Database db;

    public ErasedReports(Database db) {
        this.db = db;
    }

    @Override
    public int forget(List<Long> deliveryIds) {
        int n = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(InboxSql.FORGET_DELIVERY)) {
            for (long id : deliveryIds) {
                ps.setLong(1, id);
                n += ps.executeUpdate();
            }
            return n;
        } catch (SQLException e) {
            throw new StoreException("cannot delete the reports about an erased person's deliveries: " + e.getMessage(), e);
        }
    }
}
